/**
 * `toklytics migrate`: brings the database schema up to date — the controlled way to upgrade a
 * deployment whose servers and workers run with TOKLYTICS_AUTO_MIGRATE=off — or, with
 * `--check`, says what is pending without changing anything (exit 1 when something is).
 */
import type { Command } from 'commander'
import { migrateToLatest, pendingMigrations } from '../../db/migrate.js'
import { openDatabase } from '../../db/open.js'
import { rederiveIfStale } from '../../ingest/rederive.js'
import { rescrubIfStale } from '../../ingest/rescrub-captures.js'
import { commandConfig } from '../context.js'

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('create or upgrade the database schema (--check: only list pending migrations)')
    .option('--check', 'list pending migrations and exit 1 if there are any; change nothing')
    .action(async (opts: { check?: boolean }, cmd: Command) => {
      const config = commandConfig(cmd)
      const database = await openDatabase(config.databaseUrl, {
        migrate: 'none',
        sqliteCacheMb: config.sqliteCacheMb,
      })
      try {
        if (opts.check) {
          const pending = await pendingMigrations(database.db, database.dialect)
          if (pending.length === 0) console.log(`schema up to date: ${database.description}`)
          else {
            console.log(`pending migrations: ${pending.join(', ')} (${database.description})`)
            process.exitCode = 1
          }
          return
        }
        const applied = await migrateToLatest(database.db, database.dialect)
        console.log(
          applied.length === 0
            ? `schema up to date: ${database.description}`
            : `applied ${applied.join(', ')}: ${database.description}`,
        )
        const recomputed = await rederiveIfStale(database)
        if (recomputed > 0) console.log(`recomputed the metrics of ${recomputed} creator(s)`)
        const cleaned = await rescrubIfStale(database)
        if (cleaned > 0) console.log(`removed private values from ${cleaned} stored capture(s)`)
      } finally {
        await database.close()
      }
    })
}
