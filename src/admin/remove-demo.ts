/** Deletes exactly the demo data set: rows only demo captures created, and the demo captures. */
import type { Kysely } from 'kysely'
import type { Database } from '../db/open.js'
import type { DB } from '../db/schema.js'
import { chunks } from '../db/upsert.js'
import { writeTransaction } from '../db/write-transaction.js'
import { recomputeTrackedTotals } from '../ingest/recompute-totals.js'
import { refreshCreatorMetrics } from '../ingest/refresh-creator-metrics.js'

export interface RemovedCounts {
  creators: number
  videos: number
  hashtags: number
  sounds: number
  captures: number
}

async function count(
  trx: Kysely<DB>,
  table: keyof DB & ('creators' | 'videos' | 'hashtags' | 'sounds' | 'captures'),
) {
  const row = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('is_demo', '=', 1)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** Sets the contributor count of the (remaining) rows named again from the stored pairs. */
async function recountContributors(
  trx: Kysely<DB>,
  entities: ReadonlyArray<{ entity: string; entity_id: string }>,
): Promise<void> {
  for (const [entity, table] of [
    ['creator', 'creators'],
    ['video', 'videos'],
  ] as const) {
    const ids = entities.filter((e) => e.entity === entity).map((e) => e.entity_id)
    for (const part of chunks(ids)) {
      await trx
        .updateTable(table)
        .set((eb) => ({
          contributors: eb
            .selectFrom('entity_contributors')
            .select((c) => c.fn.countAll<number>().as('n'))
            .where('entity_contributors.entity', '=', entity)
            .whereRef('entity_contributors.entity_id', '=', `${table}.id`),
        }))
        .where('id', 'in', part)
        // A row whose contributors were never recorded stays unknown.
        .where('contributors', 'is not', null)
        .execute()
    }
  }
}

export async function removeDemo(database: Database): Promise<RemovedCounts> {
  return writeTransaction(database, async (trx) => {
    const removed: RemovedCounts = {
      creators: await count(trx, 'creators'),
      videos: await count(trx, 'videos'),
      hashtags: await count(trx, 'hashtags'),
      sounds: await count(trx, 'sounds'),
      captures: await count(trx, 'captures'),
    }
    // Real creators that demo videos pointed at (none in practice) need their metrics redone.
    const affected = await trx
      .selectFrom('videos')
      .innerJoin('creators', 'creators.id', 'videos.creator_id')
      .select('creators.id')
      .distinct()
      .where('videos.is_demo', '=', 1)
      .where('creators.is_demo', '=', 0)
      .execute()
    const demoVideos = trx.selectFrom('videos').select('id').where('is_demo', '=', 1)
    const demoCreators = trx.selectFrom('creators').select('id').where('is_demo', '=', 1)
    await trx.deleteFrom('video_hashtags').where('video_id', 'in', demoVideos).execute()
    await trx.deleteFrom('video_snapshots').where('video_id', 'in', demoVideos).execute()
    await trx.deleteFrom('creator_snapshots').where('creator_id', 'in', demoCreators).execute()
    await trx.deleteFrom('creator_hashtags').where('creator_id', 'in', demoCreators).execute()
    await trx.deleteFrom('creator_niches').where('creator_id', 'in', demoCreators).execute()
    await trx.deleteFrom('creator_terms').where('creator_id', 'in', demoCreators).execute()
    // Provenance (metrics.md §1.2): the demo rows' contributors, and the demo's own voice on
    // real rows (a real creator counts only its real contributors afterwards). 'demo' is the
    // contributor the demo seeds with (demo/seed-demo.ts DEMO_CONTRIBUTOR; admin sits below it).
    const demoVoiced = await trx
      .selectFrom('entity_contributors')
      .select(['entity', 'entity_id'])
      .where('contributor', '=', 'demo')
      .execute()
    await trx
      .deleteFrom('entity_contributors')
      .where((eb) =>
        eb.or([
          eb.and([eb('entity', '=', 'video'), eb('entity_id', 'in', demoVideos)]),
          eb.and([eb('entity', '=', 'creator'), eb('entity_id', 'in', demoCreators)]),
          eb('contributor', '=', 'demo'),
        ]),
      )
      .execute()
    await trx.deleteFrom('videos').where('is_demo', '=', 1).execute()
    await trx.deleteFrom('creators').where('is_demo', '=', 1).execute()
    await recountContributors(trx, demoVoiced)
    const demoTags = trx.selectFrom('hashtags').select('name').where('is_demo', '=', 1)
    const demoSounds = trx.selectFrom('sounds').select('id').where('is_demo', '=', 1)
    await trx.deleteFrom('hashtag_snapshots').where('hashtag', 'in', demoTags).execute()
    await trx.deleteFrom('sound_snapshots').where('sound_id', 'in', demoSounds).execute()
    await trx.deleteFrom('hashtags').where('is_demo', '=', 1).execute()
    await trx.deleteFrom('sounds').where('is_demo', '=', 1).execute()
    await trx
      .deleteFrom('implausible_observations')
      .where(
        'capture_hash',
        'in',
        trx.selectFrom('captures').select('content_hash').where('is_demo', '=', 1),
      )
      .execute()
    await trx.deleteFrom('captures').where('is_demo', '=', 1).execute()
    await recomputeTrackedTotals(trx)
    await refreshCreatorMetrics(
      trx,
      affected.map((a) => a.id),
    )
    return removed
  })
}
