/**
 * `toklytics copy-to URL`: copies the SQLite store (--db) into an empty PostgreSQL database, for
 * moving a deployment from the zero-set-up start to PostgreSQL without re-ingesting.
 */
import type { Command } from 'commander'
import { copyStore } from '../../db/copy-store.js'
import { commandConfig, withDatabase } from '../context.js'

/** Progress at most every few seconds: a large store copies for minutes. */
const PROGRESS_EVERY_MS = 5_000

export function registerCopyToCommand(program: Command): void {
  program
    .command('copy-to')
    .description(
      'copy this SQLite store (--db) into an empty PostgreSQL database, all or nothing (the source may keep serving meanwhile)',
    )
    .argument('<url>', 'the PostgreSQL database to fill (postgres://…); its schema is created')
    .action(async (url: string, _opts: unknown, cmd: Command) => {
      const config = commandConfig(cmd)
      await withDatabase(config, async (source) => {
        const started = Date.now()
        let reported = started
        const copied = await copyStore(source, url, {
          now: Math.floor(started / 1000),
          onProgress: ({ table, rows }) => {
            if (Date.now() - reported < PROGRESS_EVERY_MS) return
            reported = Date.now()
            console.error(`copying ${table}: ${rows} rows`)
          },
        })
        for (const { table, rows } of copied) console.log(`${table}: ${rows} rows`)
        const total = copied.reduce((n, t) => n + t.rows, 0)
        console.log(
          `copied ${total} rows of ${copied.length} tables in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        )
      })
    })
}
