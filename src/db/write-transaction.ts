/** The one way to change stored data: serialised with other writers, and seen by every cache. */
import type { Kysely } from 'kysely'
import { bumpDataVersion } from './data-version.js'
import type { Database } from './open.js'
import type { DB } from './schema.js'

/**
 * Runs `work` in a transaction that holds the ingest lock (dialect.lockIngest) and, when
 * `changed(result)` says the work changed something (default: always), bumps the data version
 * in the same transaction and tells this process's readers once it has committed.
 */
export async function writeTransaction<T>(
  database: Database,
  work: (trx: Kysely<DB>) => Promise<T>,
  changed: (result: T) => boolean = () => true,
): Promise<T> {
  let didChange = false
  const result = await database.db.transaction().execute(async (trx) => {
    await database.dialect.lockIngest(trx)
    const r = await work(trx)
    didChange = changed(r)
    if (didChange) await bumpDataVersion(trx)
    return r
  })
  if (didChange) database.dataVersion.noteLocalWrite()
  return result
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
  changed: (result: T) => boolean = () => true,
): Promise<T | null> {
  let didChange = false
  const result = await database.db.transaction().execute(async (trx) => {
    const prepared = await before(trx)
    if (prepared === null) return null
    await database.dialect.lockIngest(trx)
    const r = await work(trx, prepared)
    didChange = changed(r)
    if (didChange) await bumpDataVersion(trx)
    return r
  })
  if (didChange) database.dataVersion.noteLocalWrite()
  return result
}
