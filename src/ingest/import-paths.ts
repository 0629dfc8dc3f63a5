/** Which files `toklytics import PATH...` reads: named files, and folders walked recursively. */
import { lstatSync, readdirSync, statSync } from 'node:fs'
import { extname, join } from 'node:path'

/**
 * Extensions read inside folders. Files without one are read too: Firefox's "Save Response As"
 * names a response after its URL (`item_list`). The format is recognised by content either way.
 */
const IMPORTABLE = new Set(['.json', '.ndjson', '.jsonl', '.har', '.html', '.htm', '.txt', '.gz'])

export interface ImportPaths {
  /** Files to read, in order: each argument's files, a folder's sorted by path. */
  files: string[]
  /** Files in folders left alone for their extension (images, scripts…). */
  ignored: string[]
  /** Arguments that could not be read, with the reason. */
  missing: Array<{ path: string; reason: string }>
}

/**
 * Expands the arguments. A named file is always read, whatever its name; in a folder, dot files
 * and dot folders (`.git`, `.DS_Store`) are passed over, and symbolic links to folders are not
 * followed (no cycles).
 */
export function importPaths(paths: readonly string[]): ImportPaths {
  const out: ImportPaths = { files: [], ignored: [], missing: [] }
  for (const path of paths) {
    let isDirectory: boolean
    try {
      isDirectory = statSync(path).isDirectory()
    } catch (err) {
      const code = err instanceof Error && 'code' in err ? String(err.code) : ''
      out.missing.push({
        path,
        reason: code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${code})`,
      })
      continue
    }
    if (isDirectory) walk(path, out)
    else out.files.push(path)
  }
  return out
}

function walk(dir: string, out: ImportPaths): void {
  const names = readdirSync(dir).sort()
  for (const name of names) {
    if (name.startsWith('.')) continue
    const path = join(dir, name)
    const stat = lstatSync(path)
    if (stat.isDirectory()) walk(path, out)
    else if (stat.isSymbolicLink() && statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    } else if (extname(name) === '' || IMPORTABLE.has(extname(name).toLowerCase())) {
      out.files.push(path)
    } else out.ignored.push(path)
  }
}
