/** `toklytics demo [--creators N] [--seed S]` and `toklytics demo remove`. */
import type { Command } from 'commander'
import { removeDemo } from '../../admin/remove-demo.js'
import { seedDemo } from '../../demo/seed-demo.js'
import { prepareInline } from '../../ingest/pipeline.js'
import { createPreparePool, defaultWorkerCount } from '../../ingest/prepare-pool.js'
import { commandConfig, withDatabase } from '../context.js'
import { progressBar } from '../progress.js'

function positiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v)
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`${name} must be a positive integer, got ${v}`)
    return n
  }
}

export function registerDemoCommand(program: Command): void {
  const demo = program
    .command('demo')
    .description('load the deterministic demo data set (through the real ingestion pipeline)')
    .option('--creators <n>', 'number of demo creators', positiveInt('--creators'), 500)
    .option('--seed <s>', 'random seed (same seed, same data)', positiveInt('--seed'), 42)
    .action(async (opts: { creators: number; seed: number }, cmd: Command) => {
      const config = commandConfig(cmd)
      await withDatabase(config, async (database) => {
        const bar = progressBar('demo creators', opts.creators)
        const started = Date.now()
        const pool = createPreparePool(defaultWorkerCount(), prepareInline)
        const totals = await seedDemo(database, {
          creators: opts.creators,
          seed: opts.seed,
          nowMs: Date.now(),
          onProgress: (done) => bar.update(done),
          preparer: pool.prepare,
        }).finally(() => pool.close())
        bar.stop()
        const seconds = (Date.now() - started) / 1000
        console.log(
          `demo: ${opts.creators} creators, ${totals.accepted} captures accepted, ${totals.duplicates} duplicate, ${totals.dropped} dropped in ${seconds.toFixed(1)} s`,
        )
      })
    })
  demo
    .command('remove')
    .description('delete exactly the demo data (rows only demo captures created)')
    .action(async (_opts: unknown, cmd: Command) => {
      const config = commandConfig(cmd)
      await withDatabase(config, async (database) => {
        const r = await removeDemo(database)
        console.log(
          `removed demo data: ${r.creators} creators, ${r.videos} videos, ${r.hashtags} hashtags, ${r.sounds} sounds, ${r.captures} captures`,
        )
      })
    })
}
