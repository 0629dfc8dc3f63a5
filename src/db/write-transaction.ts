/** The one way to change stored data: serialised with other writers, and seen by every cache. */
import type { Kysely } from 'kysely'
import type { ChangeScope } from './change-keys.js'
import { bumpDataVersion } from './data-version.js'
import type { Database } from './open.js'
import type { DB } from './schema.js'
import { storageFaultOf } from './storage-faults.js'

/**
 * Whether a write changed stored data, and what: false (nothing), true (anything may have), or
 * the change keys of the entities it touched (an empty set: stored data changed, no entity did).
 */
export type Changed<T> = (result: T) => boolean | ChangeScope

/** In `trx`: the ingest lock, `work`, and the version bump when `changed` says it changed data. */
async function lockAndWrite<T>(
  database: Database,
  trx: Kysely<DB>,
  work: () => Promise<T>,
  changed: Changed<T>,
): Promise<{ result: T; changed: boolean }> {
  await database.dialect.lockIngest(trx)
  const result = await work()
  const said = changed(result)
  const scope: ChangeScope | null = said === true ? 'all' : said === false ? null : said
  if (scope !== null) await bumpDataVersion(trx, scope)
  return { result, changed: scope !== null }
}

/**
 * Runs `work` in a transaction that holds the ingest lock (dialect.lockIngest) and, when
 * `changed(result)` says the work changed something (default: anything), bumps the data version
 * with what changed in the same transaction and tells this process's readers once it committed.
 */
export async function writeTransaction<T>(
  database: Database,
  work: (trx: Kysely<DB>) => Promise<T>,
  changed: Changed<T> = () => true,
): Promise<T> {
  const done = await watched(database, () =>
    database.db
      .transaction()
      .execute((trx) => lockAndWrite(database, trx, () => work(trx), changed)),
  )
  if (done.changed) database.dataVersion.noteLocalWrite()
  return done.result
}

/**
 * Runs a write and keeps `database.storage` current: a storage fault (full disk, read-only
 * store, lost server) is recorded for `/readyz`, and the next successful write clears it.
 */
export async function watched<T>(database: Database, write: () => Promise<T>): Promise<T> {
  try {
    const result = await write()
    database.storage.recovered()
    return result
  } catch (err) {
    const fault = storageFaultOf(err)
    if (fault !== null) database.storage.failed(fault)
    throw err
  }
}

/**
 * The same, with a first step in the same transaction before the ingest lock is taken: row locks
 * it takes (queued captures a worker claims, the captures a purge will delete) are held until
 * commit, and slow work that needs no lock (parsing claimed captures) runs while other writers
 * write. Taking row locks before the ingest lock, never after, is what keeps workers and purges
 * from deadlocking. When `before` returns null there is nothing to write: the transaction ends
 * without the lock or a version bump, and the result is null.
 */
export async function writeTransactionAfter<P, T>(
  database: Database,
  before: (trx: Kysely<DB>) => Promise<P | null>,
  work: (trx: Kysely<DB>, prepared: P) => Promise<T>,
  changed: Changed<T> = () => true,
): Promise<T | null> {
  const done = await watched(database, () =>
    database.db.transaction().execute(async (trx) => {
      const prepared = await before(trx)
      return prepared === null
        ? null
        : lockAndWrite(database, trx, () => work(trx, prepared), changed)
    }),
  )
  if (done?.changed) database.dataVersion.noteLocalWrite()
  return done === null ? null : done.result
}
