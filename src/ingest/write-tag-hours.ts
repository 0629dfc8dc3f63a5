/** Writes the hour-bucket deltas of a batch (tag-hour-deltas.ts): additive upserts. */
import { type Kysely, sql } from 'kysely'
import type { DB } from '../db/schema.js'
import { chunks } from '../db/upsert.js'
import { type HourDeltaMap, hourDeltaRows } from './tag-hour-deltas.js'

/** The two bucket tables and the column naming each one's key. */
const BUCKETS = {
  hashtags: { table: 'hashtag_hours', key: 'hashtag' },
  sounds: { table: 'sound_hours', key: 'sound_id' },
} as const

type Buckets = (typeof BUCKETS)[keyof typeof BUCKETS]

async function addTo(trx: Kysely<DB>, { table, key }: Buckets, deltas: HourDeltaMap) {
  const rows = hourDeltaRows(deltas)
  for (const part of chunks(rows)) {
    await trx
      .insertInto(table)
      // `never`: the key column is `hashtag` or `sound_id`, one of the two tables' own.
      .values(
        part.map((r) => ({
          [key]: r.key,
          hour: r.hour,
          videos: r.videos,
          plays: r.plays,
        })) as never,
      )
      .onConflict((oc) =>
        oc.columns(['hour', key] as never).doUpdateSet({
          videos: sql`${sql.ref(`${table}.videos`)} + excluded.videos`,
          plays: sql`${sql.ref(`${table}.plays`)} + excluded.plays`,
        }),
      )
      .execute()
  }
  // A video left a bucket only when its posting time or sound changed (rare): drop what emptied.
  for (const r of rows.filter((r) => r.videos < 0)) {
    await trx
      .deleteFrom(table)
      .where('hour', '=', r.hour)
      .where(sql.ref(key), '=', r.key)
      .where('videos', '=', 0)
      .execute()
  }
}

/** Adds the batch's changes to hashtag_hours and sound_hours; buckets left empty are removed. */
export async function writeTagHours(
  trx: Kysely<DB>,
  hashtags: HourDeltaMap,
  sounds: HourDeltaMap,
): Promise<void> {
  await addTo(trx, BUCKETS.hashtags, hashtags)
  await addTo(trx, BUCKETS.sounds, sounds)
}
