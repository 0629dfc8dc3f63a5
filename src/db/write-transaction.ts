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
