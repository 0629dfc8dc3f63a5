/** Re-derives the stored creator metrics and niches when their definitions change. */

import { derivedVersion, recordDerivedVersion } from '../db/derived-state.js'
import type { Database } from '../db/open.js'
import { writeTransaction } from '../db/write-transaction.js'
import { refreshCreatorMetrics } from './refresh-creator-metrics.js'

/**
 * The version of metrics.md the materialized creator metrics and niches follow. Raise it with
 * any change of a formula or rule whose results are stored: the next start re-derives every
 * creator from its stored videos, so no row keeps a number of the old definition.
 */
export const DERIVED_VERSION = 2

const STATE = 'creator_metrics'
const CHUNK = 500

/**
 * Recomputes every creator (chunks of 500, a write transaction each, so ingestion interleaves)
 * when the stored rows were derived by an older definition, then records the version. Safe to
 * run twice at once (two processes starting): both compute the same values. Returns how many
 * creators were recomputed.
 */
export async function rederiveIfStale(database: Database): Promise<number> {
  const version = await derivedVersion(database.db, STATE)
  if (version !== null && version >= DERIVED_VERSION) return 0
  let after = ''
  let done = 0
  for (;;) {
    const ids = (
      await database.db
        .selectFrom('creators')
        .select('id')
        .where('id', '>', after)
        .orderBy('id')
        .limit(CHUNK)
        .execute()
    ).map((r) => r.id)
    const last = ids[ids.length - 1]
    if (last === undefined) break
    await writeTransaction(database, (trx) => refreshCreatorMetrics(trx, ids))
    after = last
    done += ids.length
  }
  await recordDerivedVersion(database.db, STATE, DERIVED_VERSION)
  return done
}
