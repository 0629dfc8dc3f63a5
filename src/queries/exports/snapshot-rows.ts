/**
 * The `creator-snapshots` and `video-snapshots` datasets: every stored observation, in primary
 * key order (entity id, observed_at), with the entity's id and observed_at as ISO 8601 — the
 * contract's CreatorSnapshotRow and VideoSnapshotRow (98-dataset-exports.extension.json).
 */
import { isoTime } from '../iso-time.js'
import type { DatasetWalk } from './dataset-walk.js'

/**
 * Rows per query. Bigger chunks save little (a query per 1000 rows is cheap) but keep more rows
 * alive across awaits, which V8 promotes and collects late: 5000 measured 320 MB peak at 1M rows
 * against 190 MB at 100k; 1000 keeps the two close (bench/RESULTS.md, Exports).
 */
export const SNAPSHOT_CHUNK_ROWS = 1000

/** One stored video snapshot as read (epoch seconds). */
export interface VideoSnapshotRecord {
  video_id: string
  observed_at: number
  plays: number | null
  likes: number | null
  comments: number | null
  shares: number | null
  saves: number | null
  reposts: number | null
}

/**
 * The video snapshots as stored, chunk by chunk: the keyset query alone (the benchmark's
 * ceiling reads exactly this). A snapshot of a demo video is left out unless `includeDemo`.
 */
export async function* videoSnapshotRecords(
  walk: DatasetWalk,
): AsyncGenerator<VideoSnapshotRecord[]> {
  const { db } = walk.ctx
  const limit = walk.chunkRows ?? SNAPSHOT_CHUNK_ROWS
  let after = null as { id: string; at: number } | null
  for (;;) {
    const key = after
    const rows: VideoSnapshotRecord[] = await db
      .selectFrom('video_snapshots as s')
      .innerJoin('videos as v', 'v.id', 's.video_id')
      .select([
        's.video_id',
        's.observed_at',
        's.plays',
        's.likes',
        's.comments',
        's.shares',
        's.saves',
        's.reposts',
      ])
      // Tested per row of the snapshots' key order: an index on is_demo would have SQLite read
      // every snapshot and sort them for each chunk.
      .$if(!walk.includeDemo, (q) => q.where(walk.ctx.dialect.unindexed('v.is_demo'), '=', 0))
      .$if(key !== null, (q) =>
        q
          .where((eb) =>
            eb(
              eb.refTuple('s.video_id', 's.observed_at'),
              '>',
              eb.tuple(key?.id ?? '', key?.at ?? 0),
            ),
          )
          // Redundant, but it bounds the joined table's side too: without it PostgreSQL
          // merge-joins from the first video on every chunk.
          .where('v.id', '>=', key?.id ?? ''),
      )
      .orderBy('s.video_id')
      .orderBy('s.observed_at')
      .limit(limit)
      .execute()
    if (rows.length > 0) yield rows
    const last = rows.at(-1)
    if (last === undefined || rows.length < limit) return
    after = { id: last.video_id, at: last.observed_at }
  }
}

/** A VideoSnapshotRow of the contract. */
export function videoSnapshotRow(r: VideoSnapshotRecord) {
  return {
    video_id: r.video_id,
    observed_at: isoTime(r.observed_at),
    plays: r.plays,
    likes: r.likes,
    comments: r.comments,
    shares: r.shares,
    saves: r.saves,
    reposts: r.reposts,
  }
}

export async function* videoSnapshotRows(walk: DatasetWalk): AsyncGenerator<object[]> {
  for await (const chunk of videoSnapshotRecords(walk)) yield chunk.map(videoSnapshotRow)
}

/** Every creator snapshot as a CreatorSnapshotRow (with the creator's current username). */
export async function* creatorSnapshotRows(walk: DatasetWalk): AsyncGenerator<object[]> {
  const { db } = walk.ctx
  const limit = walk.chunkRows ?? SNAPSHOT_CHUNK_ROWS
  let after = null as { id: string; at: number } | null
  for (;;) {
    const key = after
    const rows = await db
      .selectFrom('creator_snapshots as s')
      .innerJoin('creators as c', 'c.id', 's.creator_id')
      .select([
        's.creator_id',
        'c.username',
        's.observed_at',
        's.followers',
        's.following',
        's.total_likes',
        's.video_count',
      ])
      // Tested per row of the snapshots' key order: an index on is_demo would have SQLite read
      // every snapshot and sort them for each chunk.
      .$if(!walk.includeDemo, (q) => q.where(walk.ctx.dialect.unindexed('c.is_demo'), '=', 0))
      .$if(key !== null, (q) =>
        q
          .where((eb) =>
            eb(
              eb.refTuple('s.creator_id', 's.observed_at'),
              '>',
              eb.tuple(key?.id ?? '', key?.at ?? 0),
            ),
          )
          // Redundant, but it bounds the joined table's side too: without it PostgreSQL
          // merge-joins from the first creator on every chunk.
          .where('c.id', '>=', key?.id ?? ''),
      )
      .orderBy('s.creator_id')
      .orderBy('s.observed_at')
      .limit(limit)
      .execute()
    if (rows.length > 0) yield rows.map((r) => ({ ...r, observed_at: isoTime(r.observed_at) }))
    const last = rows.at(-1)
    if (last === undefined || rows.length < limit) return
    after = { id: last.creator_id, at: last.observed_at }
  }
}
