/**
 * Recomputes the tracked totals and hour buckets of every hashtag and sound from the videos
 * (after bulk deletes).
 */
import { type Kysely, sql } from 'kysely'
import type { DB } from '../db/schema.js'
import { fillTagHours } from '../db/tag-hours-fill.js'
import { HOUR_SECONDS } from '../domain/tag-hours.js'

/**
 * Ingestion keeps these totals by delta; commands that delete or rebuild many videos at once
 * (`demo remove`, `reprocess`) recompute them in full instead.
 */
export async function recomputeTrackedTotals(trx: Kysely<DB>): Promise<void> {
  await sql`
    update hashtags set
      tracked_video_count = (select count(*) from video_hashtags vh where vh.hashtag = hashtags.name),
      tracked_views = (
        select coalesce(sum(v.plays), 0) from video_hashtags vh
        join videos v on v.id = vh.video_id where vh.hashtag = hashtags.name
      )`.execute(trx)
  await sql`
    update sounds set
      tracked_video_count = (select count(*) from videos v where v.music_id = sounds.id),
      tracked_views = (select coalesce(sum(v.plays), 0) from videos v where v.music_id = sounds.id)`.execute(
    trx,
  )
  await fillTagHours(trx, HOUR_SECONDS)
}
