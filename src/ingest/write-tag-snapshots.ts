/**
 * Keeps the history of TikTok's own hashtag and sound totals (migration 020): one row per
 * observation that carried them. The primary key (entity, observed_at) dedupes a capture sent
 * twice, so writing is a single insert per chunk that ignores what is already stored.
 */
import type { Kysely } from 'kysely'
import type { DB, HashtagSnapshotRow, SoundSnapshotRow } from '../db/schema.js'
import { chunks } from '../db/upsert.js'
import type { NormalizedBatch, Observation } from './normalize.js'

/** Keys whose stored row is real although this batch is demo: demo totals must not join them. */
async function realKeys(
  trx: Kysely<DB>,
  table: 'hashtags' | 'sounds',
  keys: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>()
  for (const part of chunks(keys)) {
    const rows =
      table === 'hashtags'
        ? await trx
            .selectFrom('hashtags')
            .select('name as key')
            .where('name', 'in', part)
            .where('is_demo', '=', 0)
            .execute()
        : await trx
            .selectFrom('sounds')
            .select('id as key')
            .where('id', 'in', part)
            .where('is_demo', '=', 0)
            .execute()
    for (const r of rows) out.add(r.key)
  }
  return out
}

/** One row per (key, time): of two observations at the same second the later in the batch wins. */
function rowsOf<T, Row>(
  observed: ReadonlyMap<string, readonly Observation<T>[]>,
  skip: ReadonlySet<string>,
  toRow: (key: string, o: Observation<T>) => Row | null,
): Row[] {
  const rows = new Map<string, Row>()
  for (const [key, list] of observed) {
    if (skip.has(key)) continue
    for (const o of list) {
      const row = toRow(key, o)
      if (row !== null) rows.set(`${key}\n${o.at}`, row)
    }
  }
  return [...rows.values()]
}

/** Records the batch's observed TikTok totals. Call after the hashtag and sound rows are written. */
export async function writeTagSnapshots(
  trx: Kysely<DB>,
  batch: NormalizedBatch,
  isDemo: boolean,
): Promise<void> {
  const skipTags = isDemo
    ? await realKeys(trx, 'hashtags', [...batch.hashtags.keys()])
    : new Set<string>()
  const skipSounds = isDemo
    ? await realKeys(trx, 'sounds', [...batch.sounds.keys()])
    : new Set<string>()
  const tagRows = rowsOf(batch.hashtags, skipTags, (name, o): HashtagSnapshotRow | null =>
    o.value.videoCount === null && o.value.viewCount === null
      ? null
      : {
          hashtag: name,
          observed_at: o.at,
          video_count: o.value.videoCount,
          view_count: o.value.viewCount,
        },
  )
  const soundRows = rowsOf(batch.sounds, skipSounds, (id, o): SoundSnapshotRow | null =>
    o.value.userCount === null
      ? null
      : { sound_id: id, observed_at: o.at, user_count: o.value.userCount },
  )
  for (const part of chunks(tagRows)) {
    await trx
      .insertInto('hashtag_snapshots')
      .values(part)
      .onConflict((oc) => oc.columns(['hashtag', 'observed_at']).doNothing())
      .execute()
  }
  for (const part of chunks(soundRows)) {
    await trx
      .insertInto('sound_snapshots')
      .values(part)
      .onConflict((oc) => oc.columns(['sound_id', 'observed_at']).doNothing())
      .execute()
  }
}
