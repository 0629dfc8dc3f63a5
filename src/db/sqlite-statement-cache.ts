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
  const rollback = db.prepare('rollback')
  // SQLite ends a transaction by itself on some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM):
  // Kysely's ROLLBACK after it would then fail ("cannot rollback - no transaction is active") and
  // its error would replace the real one, so it only runs while a transaction is open.
  const rollbackIfOpen: SqliteStatement = {
    reader: false,
    all: () => [],
    iterate: () => [][Symbol.iterator](),
    run: () => (db.inTransaction ? rollback.run() : { changes: 0, lastInsertRowid: 0 }),
  }
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      if (/^\s*rollback\s*;?\s*$/i.test(sql)) return rollbackIfOpen
      let stmt = cache.get(sql)
      if (stmt === undefined) {
        stmt = db.prepare(sql) as unknown as SqliteStatement
        cache.set(sql, stmt)
      }
      return stmt
    },
  }
}
