/** `GET /videos/{videoId}/history`: a video's observed counters over time and their growth. */
import type { Kysely } from 'kysely'
import { videoKey } from '../../db/change-keys.js'
import type { DB } from '../../db/schema.js'
import { type CounterGrowth, type VideoCounter, videoGrowth } from '../../domain/video-growth.js'
import { isoTime } from '../iso-time.js'
import type { QueryContext } from '../query-context.js'
import { noteReads } from '../read-set.js'
import { isVideoId } from './video-id.js'

/** A history never lists more than the newest this many snapshots (one per observation). */
export const MAX_HISTORY_SNAPSHOTS = 1_000

export interface VideoSnapshotView {
  observed_at: string
  plays: number | null
  likes: number | null
  comments: number | null
  shares: number | null
  saves: number | null
  reposts: number | null
}

export type VideoGrowthView = {
  from: string
  to: string
  /** `round2((to − from) / 86400)`. */
  days: number
} & Record<VideoCounter, CounterGrowth>

export interface VideoHistory {
  video_id: string
  snapshot_count: number
  snapshots: VideoSnapshotView[]
  /** First to last snapshot listed; null with fewer than two. */
  growth: VideoGrowthView | null
}

/** The newest MAX_HISTORY_SNAPSHOTS snapshots of a video, oldest first (primary-key range). */
export async function videoSnapshots(db: Kysely<DB>, videoId: string) {
  const rows = await db
    .selectFrom('video_snapshots')
    .select(['observed_at', 'plays', 'likes', 'comments', 'shares', 'saves', 'reposts'])
    .where('video_id', '=', videoId)
    .orderBy('observed_at', 'desc')
    .limit(MAX_HISTORY_SNAPSHOTS)
    .execute()
  return rows.reverse()
}

type SnapshotRow = Awaited<ReturnType<typeof videoSnapshots>>[number]

export const snapshotView = (s: SnapshotRow): VideoSnapshotView => ({
  ...s,
  observed_at: isoTime(s.observed_at),
})

/** Growth between the first and last of `snapshots` (oldest first); see domain/video-growth. */
export function growthView(snapshots: readonly SnapshotRow[]): VideoGrowthView | null {
  const first = snapshots[0]
  const last = snapshots.at(-1)
  if (first === undefined || last === undefined) return null
  const g = videoGrowth(
    { ...first, observedAt: first.observed_at },
    { ...last, observedAt: last.observed_at },
  )
  if (g === null) return null
  return {
    from: isoTime(first.observed_at),
    to: isoTime(last.observed_at),
    days: g.days,
    ...g.counters,
  }
}

/** Undefined when the video is not stored. */
export async function videoHistory(
  ctx: QueryContext,
  videoId: string,
): Promise<VideoHistory | undefined> {
  if (!isVideoId(videoId)) return undefined
  const [video, snapshots] = await Promise.all([
    ctx.db.selectFrom('videos').select('id').where('id', '=', videoId).executeTakeFirst(),
    videoSnapshots(ctx.db, videoId),
  ])
  if (!video) return undefined
  noteReads(videoKey(video.id))
  return {
    video_id: video.id,
    snapshot_count: snapshots.length,
    snapshots: snapshots.map(snapshotView),
    growth: growthView(snapshots),
  }
}
