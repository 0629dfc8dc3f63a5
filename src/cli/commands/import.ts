/** `toklytics import PATH...`: ingests saved TikTok data through the pipeline, reporting per file. */
import type { Command } from 'commander'
import type { Database } from '../../db/open.js'
import { type ImportFileResult, readImportFile } from '../../ingest/import-files.js'
import { importPaths } from '../../ingest/import-paths.js'
import { ingestBatch } from '../../ingest/pipeline.js'
import {
  NOTHING_STORED,
  openForPreview,
  previewBatch,
  type StoredLookup,
  storedIn,
} from '../../ingest/preview-batch.js'
import { commandConfig, withDatabase } from '../context.js'
import {
  addSummary,
  emptyOutcome,
  exitCode,
  type FileOutcome,
  fileLines,
  totalLine,
} from '../import-report.js'

const BATCH = 200

interface ImportOptions {
  dryRun?: boolean
}

/** Writes (or, in a dry run, previews) batches of captures; one call per batch. */
type Sink = (captures: readonly unknown[]) => ReturnType<typeof ingestBatch>

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .argument('<paths...>', 'files or folders (read recursively)')
    .option('--dry-run', 'parse and report what would be imported, without writing anything')
    .description(
      'import saved TikTok data: raw JSON responses, saved tiktok.com pages, HAR files, NDJSON of captures, Zeeschuimer NDJSON exports, ingest envelopes',
    )
    .action(async (paths: string[], opts: ImportOptions, cmd: Command) => {
      const config = commandConfig(cmd)
      const dryRun = opts.dryRun === true
      const found = importPaths(paths)
      for (const m of found.missing) console.error(`toklytics import: ${m.path}: ${m.reason}`)
      const now = Date.now
      const run = async (sink: Sink) => importFiles(found.files, sink, now(), dryRun)
      let result: { outcomes: FileOutcome[]; unusable: number }
      if (dryRun) {
        // Read only which captures are stored; nothing is created or migrated.
        const database = await openForPreview(config.databaseUrl)
        try {
          const stored: StoredLookup = database ? await storedIn(database) : NOTHING_STORED
          const seen = new Set<string>()
          result = await run((captures) => previewBatch(captures, now(), seen, stored))
        } finally {
          await database?.close()
        }
      } else {
        result = await withDatabase(config, (database: Database) =>
          run((captures) =>
            ingestBatch({ database, now }, { captures, contributor: 'cli-import' }),
          ),
        )
      }
      const unusable = result.unusable + found.missing.length
      const totals = { outcomes: result.outcomes, unusable, ignored: found.ignored.length }
      console.log(totalLine(totals, dryRun))
      process.exitCode = exitCode(result.outcomes)
      if (process.exitCode !== 0) {
        console.error(
          `toklytics import: nothing ${dryRun ? 'would be' : 'was'} imported (no capture accepted or already stored)`,
        )
      }
    })
}

/** Reads and ingests file by file (one file's captures in memory at a time). */
async function importFiles(
  files: readonly string[],
  sink: Sink,
  nowMs: number,
  dryRun: boolean,
): Promise<{ outcomes: FileOutcome[]; unusable: number }> {
  const outcomes: FileOutcome[] = []
  let unusable = 0
  // Each file's block is printed when it is done: that is the progress report.
  for (const file of files) {
    const read = readOrReason(file, nowMs)
    if (!read.ok) {
      unusable++
      console.error(`toklytics import: ${file}: ${read.reason}`)
    } else {
      const { captures, format, skipped } = read.read
      const outcome = emptyOutcome(file, format, skipped)
      for (let at = 0; at < captures.length; at += BATCH) {
        addSummary(outcome, await sink(captures.slice(at, at + BATCH)), dryRun)
      }
      outcomes.push(outcome)
      for (const line of fileLines(outcome, dryRun)) console.log(line)
    }
  }
  return { outcomes, unusable }
}

/** A file that cannot be read (permissions, a folder's file removed meanwhile) is one reason more. */
function readOrReason(file: string, nowMs: number): ImportFileResult {
  try {
    return readImportFile(file, nowMs)
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : String(err)
    return { ok: false, reason: `cannot be read (${code})` }
  }
}
