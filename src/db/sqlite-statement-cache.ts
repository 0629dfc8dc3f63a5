/** Reuses better-sqlite3 prepared statements across queries (Kysely prepares every query anew). */
import type BetterSqlite3 from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'
import { LRUCache } from 'lru-cache'

/** Distinct SQL texts are few (one per query shape and chunk size), so a small cache holds them. */
const MAX_STATEMENTS = 500

/**
 * Wraps a better-sqlite3 handle for Kysely's SqliteDialect. Preparing a statement costs about
 * as much as running a small one, and ingestion runs the same few statements thousands of times.
 * better-sqlite3 statements are safe to reuse because the connection is used by one caller at a
 * time (Kysely's SQLite driver serialises access behind a mutex).
 */
export function withStatementCache(db: BetterSqlite3.Database): SqliteDatabase {
  const cache = new LRUCache<string, SqliteStatement>({ max: MAX_STATEMENTS })
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      let stmt = cache.get(sql)
      if (stmt === undefined) {
        stmt = db.prepare(sql) as unknown as SqliteStatement
        cache.set(sql, stmt)
      }
      return stmt
    },
  }
}
