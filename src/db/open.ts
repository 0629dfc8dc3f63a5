/** Opens the store named by a database URL: an SQLite file (default) or PostgreSQL. */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { type DataVersion, dataVersion } from './data-version.js'
import { type Dialect, POSTGRES, SQLITE } from './dialect.js'
import { migrateToLatest } from './migrate.js'
import type { DB } from './schema.js'
import { withStatementCache } from './sqlite-statement-cache.js'

export interface Database {
  db: Kysely<DB>
  dialect: Dialect
  /** Where the data lives, without credentials (for logs). */
  description: string
  /** Changes with every committed write (see writeTransaction); caches key on it. */
  dataVersion: DataVersion
  close(): Promise<void>
}

const PG_INT8 = 20

/**
 * Opens and migrates the database. `sqlite:PATH` (relative to the working directory, created
 * with its folder when missing; `sqlite::memory:` for a throw-away store) or `postgres://…`.
 */
export async function openDatabase(url: string): Promise<Database> {
  const database = url.startsWith('sqlite:')
    ? openSqlite(url.slice('sqlite:'.length))
    : openPostgres(url)
  try {
    await migrateToLatest(database.db, database.dialect)
  } catch (err) {
    await database.close()
    throw err
  }
  return database
}

function openSqlite(path: string): Database {
  const file = path === ':memory:' ? ':memory:' : resolve(path)
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new BetterSqlite3(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  })
  return {
    db,
    dialect: SQLITE,
    description: `sqlite:${file}`,
    dataVersion: dataVersion(db),
    close: () => db.destroy(),
  }
}

function openPostgres(url: string): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Counts are bigint in PostgreSQL; read them back as JS numbers, as SQLite does (exact to 2^53).
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === PG_INT8 ? Number : pg.types.getTypeParser(oid, format),
    } as pg.CustomTypesConfig,
  })
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  const safe = url.replace(/\/\/[^@/]*@/, '//')
  return {
    db,
    dialect: POSTGRES,
    description: safe,
    dataVersion: dataVersion(db),
    close: () => db.destroy(),
  }
}
