/** `toklytics reprocess`: re-parses every stored raw capture with the current parsers. */
import type { Command } from 'commander'
import { reprocessAll } from '../../ingest/reprocess.js'
import { commandConfig, withDatabase } from '../context.js'
import { type Progress, progressBar } from '../progress.js'

export function registerReprocessCommand(program: Command): void {
  program
    .command('reprocess')
    .description('rebuild creators, videos, hashtags and sounds from the stored raw captures')
    .action(async (_opts: unknown, cmd: Command) => {
      const config = commandConfig(cmd)
      await withDatabase(config, async (database) => {
        // The total is known once reprocessing has counted the captures.
        const progress: { bar?: Progress } = {}
        const s = await reprocessAll(database, (done, total) => {
          progress.bar ??= progressBar('captures', total)
          progress.bar.update(done)
        })
        progress.bar?.stop()
        console.log(`reprocessed ${s.captures} captures: ${s.parsed} parsed, ${s.failed} failed`)
      })
    })
}
