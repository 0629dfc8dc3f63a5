/** `toklytics migrate`: brings the database schema up to date (every command also does it). */
import type { Command } from 'commander'
import { commandConfig, withDatabase } from '../context.js'

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('create or upgrade the database schema')
    .action(async (_opts: unknown, cmd: Command) => {
      const config = commandConfig(cmd)
      await withDatabase(config, async (db) => {
        console.log(`schema up to date: ${db.description}`)
      })
    })
}
