/** Opens the store named by a database URL: an SQLite file (default) or PostgreSQL. */
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { type DataVersion, dataVersion } from './data-version.js'
import { type Dialect, POSTGRES, SQLITE } from './dialect.js'
import { migrateToLatest, requireCurrentSchema } from './migrate.js'
import { withPreparedReads } from './pg-prepared-reads.js'
import type { DB } from './schema.js'
import { withStatementCache } from './sqlite-statement-cache.js'
import { StorageHealth } from './storage-faults.js'

export interface Database {
  /** The primary: every write, migrations. */
  db: Kysely<DB>
  /** Where read queries go: a replica (DATABASE_READ_URL) or the primary itself. */
  readDb: Kysely<DB>
  dialect: Dialect
  /** Where the data lives, without credentials (for logs). */
  description: string
  /** Changes with every committed write (see writeTransaction); caches key on it. */
  dataVersion: DataVersion
  /** Whether writes work (a full disk, a read-only store, a lost server): see storage-faults.ts. */
  storage: StorageHealth
  close(): Promise<void>
}

const PG_INT8 = 20

/**
 * What opening does with the schema: `apply` pending migrations (the default), `check` that none
 * is pending (TOKLYTICS_AUTO_MIGRATE=off: upgrades are run by `toklytics migrate`), or `none`.
 */
export type MigratePolicy = 'apply' | 'check' | 'none'

/** How a store is opened: replica, migration policy and, for SQLite, its page cache. */
export interface OpenOptions {
  readUrl?: string | null
  migrate?: MigratePolicy
  /**
   * SQLite's page cache per connection, in MiB (TOKLYTICS_SQLITE_CACHE_MB). SQLite's own default
   * is 2 MiB, which a large store's index pages overflow at every write and read.
   */
  sqliteCacheMb?: number
}

/** The page cache a connection gets unless told otherwise (allocated only as pages are read). */
export const DEFAULT_SQLITE_CACHE_MB = 64

/**
 * Opens and migrates the database. `sqlite:PATH` (relative to the working directory, created
 * with its folder when missing; `sqlite::memory:` for a throw-away store) or `postgres://…`.
 * With `readUrl` (a replica of the same kind, kept in sync by the database's own replication),
 * read queries go there; it is never migrated or written.
 */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const cacheMb = options.sqliteCacheMb ?? DEFAULT_SQLITE_CACHE_MB
  const primary = openUrl(url, cacheMb)
  try {
    const policy = options.migrate ?? 'apply'
    if (policy === 'apply') await migrateToLatest(primary.db, primary.dialect)
    if (policy === 'check') await requireCurrentSchema(primary.db, primary.dialect)
  } catch (err) {
    await primary.close()
    throw err
  }
  const readUrl = options.readUrl ?? null
  if (readUrl === null) return primary
  const replica = openUrl(readUrl, cacheMb)
  if (replica.dialect !== primary.dialect) {
    await Promise.all([primary.close(), replica.close()])
    throw new Error('DATABASE_READ_URL must name the same kind of database as DATABASE_URL')
  }
  return {
    ...primary,
    readDb: replica.db,
    description: `${primary.description} (reads: ${replica.description})`,
    // Read caches stamp what they computed with the version the replica has caught up to.
    dataVersion: replica.dataVersion,
    close: async () => {
      await Promise.all([primary.close(), replica.close()])
    },
  }
}

/** The engine a database URL names, without opening it (`sqlite:…`, else PostgreSQL). */
export function dialectOfUrl(url: string): Dialect {
  return url.startsWith('sqlite:') ? SQLITE : POSTGRES
}

function openUrl(url: string, sqliteCacheMb: number): Database {
  return dialectOfUrl(url) === SQLITE
    ? openSqlite(url.slice('sqlite:'.length), sqliteCacheMb)
    : openPostgres(url)
}

function openSqlite(path: string, cacheMb: number): Database {
  const file = path === ':memory:' ? ':memory:' : resolve(path)
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new BetterSqlite3(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  // A negative cache_size is in KiB rather than pages.
  sqlite.pragma(`cache_size = ${-Math.round(cacheMb * 1024)}`)
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  })
  return {
    db,
    readDb: db,
    dialect: SQLITE,
    description: `sqlite:${file}`,
    dataVersion: dataVersion(db),
    storage: new StorageHealth(),
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
  // An idle connection that drops (a restart, a network cut) is reported on the pool; unhandled,
  // that event would end the process. The pool replaces the client: the next query reconnects,
  // or fails with its own error, which the caller answers (a storage fault, 503).
  pool.on('error', () => undefined)
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: withPreparedReads(pool) }),
  })
  const safe = url.replace(/\/\/[^@/]*@/, '//')
  return {
    db,
    readDb: db,
    dialect: POSTGRES,
    description: safe,
    dataVersion: dataVersion(db),
    storage: new StorageHealth(),
    close: () => db.destroy(),
  }
}
