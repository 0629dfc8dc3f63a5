/** What every CLI command starts from: the configuration (with --db) and an open database. */
import type { Command } from 'commander'
import { type Config, type ConfigOverrides, loadConfig } from '../config.js'
import { type Database, type OpenOptions, openDatabase } from '../db/open.js'
import { rederiveIfStale } from '../ingest/rederive.js'
import { rescrubIfStale } from '../ingest/rescrub-captures.js'

/** Reads the configuration once, with the global `--db` and any command overrides applied. */
export function commandConfig(cmd: Command, overrides: ConfigOverrides = {}): Config {
  const globals = cmd.optsWithGlobals<{ db?: string }>()
  return loadConfig(process.env, { databaseUrl: globals.db, ...overrides })
}

/**
 * Opens the database for a command. Where the schema is migrated ('apply', the default), the
 * derived data is brought up to date too (metrics of an older metrics.md are recomputed, and
 * captures stored under older privacy rules are cleaned).
 */
export async function openCommandDatabase(
  config: Config,
  options: Pick<OpenOptions, 'readUrl' | 'migrate'> = {},
): Promise<Database> {
  const database = await openDatabase(config.databaseUrl, {
    ...options,
    sqliteCacheMb: config.sqliteCacheMb,
  })
  try {
    if ((options.migrate ?? 'apply') === 'apply') {
      await rederiveIfStale(database)
      await rescrubIfStale(database)
    }
  } catch (err) {
    await database.close()
    throw err
  }
  return database
}

/** Runs `work` on the configured database and always closes it. */
export async function withDatabase<T>(
  config: Config,
  work: (db: Database) => Promise<T>,
): Promise<T> {
  const database = await openCommandDatabase(config)
  try {
    return await work(database)
  } finally {
    await database.close()
  }
}
