/** Builds the browser extension: esbuild bundles and static files into a loadable folder, plus a zip. */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { zipSync } from 'fflate'

const EXTENSION_DIR = fileURLToPath(new URL('.', import.meta.url))
const SOURCE_DIR = join(EXTENSION_DIR, 'src')
const STATIC_DIR = join(EXTENSION_DIR, 'static')

/** One IIFE bundle per context: no module loader, so the MAIN-world hook runs before the page. */
const ENTRY_POINTS = ['page-hook', 'relay', 'service-worker', 'popup', 'options']

/** Zip entries get a fixed date, so the same sources give the same zip. */
const ZIP_MTIME = new Date('2026-01-01T00:00:00Z')

export interface BuiltExtension {
  /** The folder to load with "Load unpacked". */
  dir: string
  /** The same files zipped (for the Chrome Web Store or to hand around). */
  zip: string
  version: string
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** Builds into `outRoot/unpacked/` and `outRoot/toklytics-extension-<version>.zip`. */
export async function buildExtension(
  outRoot = join(EXTENSION_DIR, 'dist'),
): Promise<BuiltExtension> {
  const dir = join(outRoot, 'unpacked')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })

  await build({
    entryPoints: ENTRY_POINTS.map((name) => join(SOURCE_DIR, `${name}.ts`)),
    outdir: dir,
    bundle: true,
    format: 'iife',
    target: 'chrome111',
    // Readable output: what runs in people's browsers can be reviewed as it is.
    minify: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  })

  // The extension's version is the project's version (also sent as the collector version).
  const pkg = JSON.parse(readFileSync(join(EXTENSION_DIR, '..', 'package.json'), 'utf8')) as {
    version: string
  }
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    version: string
  }
  manifest.version = pkg.version
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  for (const file of filesUnder(STATIC_DIR)) {
    const target = join(dir, relative(STATIC_DIR, file))
    mkdirSync(join(target, '..'), { recursive: true })
    writeFileSync(target, readFileSync(file))
  }

  const entries: Record<string, Uint8Array> = {}
  for (const file of filesUnder(dir).sort()) {
    entries[relative(dir, file).split(sep).join('/')] = readFileSync(file)
  }
  const zip = join(outRoot, `toklytics-extension-${pkg.version}.zip`)
  writeFileSync(zip, zipSync(entries, { level: 9, mtime: ZIP_MTIME }))
  return { dir, zip, version: pkg.version }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const built = await buildExtension()
  console.log(`extension ${built.version}: load ${relative(process.cwd(), built.dir)}`)
  console.log(`zip: ${relative(process.cwd(), built.zip)}`)
}
