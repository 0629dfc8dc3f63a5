/** What every CLI command starts from: the configuration (with --db) and an open database. */
import type { Command } from 'commander'
import { type Config, type ConfigOverrides, loadConfig } from '../config.js'
import { type Database, openDatabase } from '../db/open.js'

/** Reads the configuration once, with the global `--db` and any command overrides applied. */
export function commandConfig(cmd: Command, overrides: ConfigOverrides = {}): Config {
  const globals = cmd.optsWithGlobals<{ db?: string }>()
  return loadConfig(process.env, { databaseUrl: globals.db, ...overrides })
}

/** Runs `work` on the configured database and always closes it. */
export async function withDatabase<T>(
  config: Config,
  work: (db: Database) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(config.databaseUrl)
  try {
    return await work(database)
  } finally {
    await database.close()
  }
}
