/** Re-derives the stored creator metrics and niches when their definitions change. */

import { derivedVersion, recordDerivedVersion } from '../db/derived-state.js'
import type { Database } from '../db/open.js'
import type { DetailValue } from '../db/schema.js'
import { writeTransaction } from '../db/write-transaction.js'
import { refreshCreatorMetrics } from './refresh-creator-metrics.js'
import { sponsoredColumns } from './sponsored-columns.js'

/**
 * The version of metrics.md the materialized creator metrics and niches follow. Raise it with
 * any change of a formula or rule whose results are stored: the next start re-derives every
 * creator from its stored videos, so no row keeps a number of the old definition.
 */
export const DERIVED_VERSION = 3

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
  // v3 (metrics.md §11): each video's sponsored verdict from its stored details and caption,
  // before the creators read it.
  let afterVideo = ''
  for (;;) {
    const videos = await database.db
      .selectFrom('videos')
      .select(['id', 'details', 'description'])
      .where('id', '>', afterVideo)
      .orderBy('id')
      .limit(CHUNK)
      .execute()
    const lastVideo = videos[videos.length - 1]
    if (lastVideo === undefined) break
    await writeTransaction(database, async (trx) => {
      for (const v of videos) {
        const details = JSON.parse(v.details) as Record<string, DetailValue>
        await trx
          .updateTable('videos')
          .set(sponsoredColumns(details, v.description))
          .where('id', '=', v.id)
          .execute()
      }
    })
    afterVideo = lastVideo.id
  }
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
