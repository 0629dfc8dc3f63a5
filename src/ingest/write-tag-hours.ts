/** Writes the hour-bucket deltas of a batch (tag-hour-deltas.ts): additive upserts. */
import { type Kysely, sql } from 'kysely'
import type { DB } from '../db/schema.js'
import { chunks } from '../db/upsert.js'
import { type HourDeltaMap, hourDeltaRows } from './tag-hour-deltas.js'

/** Adds the batch's changes to hashtag_hours and sound_hours; buckets left empty are removed. */
export async function writeTagHours(
  trx: Kysely<DB>,
  hashtags: HourDeltaMap,
  sounds: HourDeltaMap,
): Promise<void> {
  const tagRows = hourDeltaRows(hashtags)
  for (const part of chunks(tagRows)) {
    await trx
      .insertInto('hashtag_hours')
      .values(part.map((r) => ({ hashtag: r.key, hour: r.hour, videos: r.videos, plays: r.plays })))
      .onConflict((oc) =>
        oc.columns(['hour', 'hashtag']).doUpdateSet({
          videos: sql`hashtag_hours.videos + excluded.videos`,
          plays: sql`hashtag_hours.plays + excluded.plays`,
        }),
      )
      .execute()
  }
  const soundRows = hourDeltaRows(sounds)
  for (const part of chunks(soundRows)) {
    await trx
      .insertInto('sound_hours')
      .values(
        part.map((r) => ({ sound_id: r.key, hour: r.hour, videos: r.videos, plays: r.plays })),
      )
      .onConflict((oc) =>
        oc.columns(['hour', 'sound_id']).doUpdateSet({
          videos: sql`sound_hours.videos + excluded.videos`,
          plays: sql`sound_hours.plays + excluded.plays`,
        }),
      )
      .execute()
  }
  // A video left a bucket only when its posting time or sound changed (rare): drop what emptied.
  for (const r of tagRows.filter((r) => r.videos < 0)) {
    await trx
      .deleteFrom('hashtag_hours')
      .where('hour', '=', r.hour)
      .where('hashtag', '=', r.key)
      .where('videos', '=', 0)
      .execute()
  }
  for (const r of soundRows.filter((r) => r.videos < 0)) {
    await trx
      .deleteFrom('sound_hours')
      .where('hour', '=', r.hour)
      .where('sound_id', '=', r.key)
      .where('videos', '=', 0)
      .execute()
  }
}
