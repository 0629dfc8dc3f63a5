/** `toklytics import FILE|DIR`: ingests HAR, NDJSON or envelope files through the pipeline. */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import type { IngestSummary } from '../../contract/ingest-envelope.js'
import { readCaptureFile } from '../../ingest/import-files.js'
import { ingestBatch } from '../../ingest/pipeline.js'
import { commandConfig, withDatabase } from '../context.js'
import { progressBar } from '../progress.js'

const BATCH = 200
const IMPORTABLE = /\.(har|ndjson|jsonl|json)$/i

function filesOf(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path)
    .filter((f) => IMPORTABLE.test(f))
    .sort()
    .map((f) => join(path, f))
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .argument('<path>', 'a .har, .ndjson or .json file, or a folder of them')
    .description(
      'import captures from files (HAR with response bodies, NDJSON, or an ingest envelope)',
    )
    .action(async (path: string, _opts: unknown, cmd: Command) => {
      const config = commandConfig(cmd)
      const files = filesOf(path)
      const captures = files.flatMap((f) => readCaptureFile(f))
      const totals = { received: 0, accepted: 0, duplicates: 0 }
      const reasons = new Map<string, number>()
      const flagged = new Map<string, number>()
      await withDatabase(config, async (database) => {
        const bar = progressBar('captures', captures.length)
        for (let i = 0; i < captures.length; i += BATCH) {
          const s: IngestSummary = await ingestBatch(
            { database, now: Date.now },
            { captures: captures.slice(i, i + BATCH), contributor: 'cli-import' },
          )
          totals.received += s.received
          totals.accepted += s.accepted
          totals.duplicates += s.duplicates
          for (const d of s.dropped) reasons.set(d.reason, (reasons.get(d.reason) ?? 0) + 1)
          for (const f of s.flagged) flagged.set(f.reason, (flagged.get(f.reason) ?? 0) + 1)
          bar.update(Math.min(i + BATCH, captures.length))
        }
        bar.stop()
      })
      const dropped = [...reasons.values()].reduce((a, b) => a + b, 0)
      console.log(
        `${files.length} file(s), ${totals.received} captures: ${totals.accepted} accepted, ${totals.duplicates} duplicate, ${dropped} dropped`,
      )
      for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1])) {
        console.log(`  dropped ${reason}: ${n}`)
      }
      // Entities of accepted captures whose numbers were not applied (plausibility rules).
      for (const [reason, n] of [...flagged].sort((a, b) => b[1] - a[1])) {
        console.log(`  flagged ${reason}: ${n}`)
      }
    })
}
