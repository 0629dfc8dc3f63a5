/** `GET /videos/{videoId}`: all stored data points of a video, metrics, sound, creator, history. */

import { creatorKey, soundKey, soundTotalsKey, videoKey } from '../../db/change-keys.js'
import type { DetailValue } from '../../db/schema.js'
import { sqlNumber } from '../../db/sql-number.js'
import { soundUserCount } from '../../domain/hashtag-totals.js'
import { durationBucket, performanceVsAverage } from '../../domain/video-metrics.js'
import { counterRate, engagementRateDifference } from '../../domain/video-rates.js'
import { viralThreshold } from '../../domain/viral.js'
import { type CreatorRecord, type CreatorView, creatorView } from '../creator-view.js'
import { disputedValues } from '../disputed-values.js'
import { isoTime } from '../iso-time.js'
import type { QueryContext } from '../query-context.js'
import { noteReads } from '../read-set.js'
import { type VideoRecord, videoView } from '../video-view.js'
import {
  growthView,
  snapshotView,
  type VideoGrowthView,
  type VideoSnapshotView,
  videoSnapshots,
} from './video-history.js'
import { isVideoId } from './video-id.js'
import { hashtagsOf, viralOf } from './video-items.js'

/** The video's sound (metrics.md §6: `user_count` is TikTok's figure when observed). */
export interface VideoMusic {
  id: string
  title: string | null
  author: string | null
  original: boolean | null
  duration: number | null
  album: string | null
  user_count: number
  counts_source: 'tiktok' | 'tracked'
  tracked_video_count: number
  tracked_views: number
}

/** The author, their averages, and how this video compares with them. */
export interface VideoCreatorContext {
  profile: CreatorView
  /** The creator's metrics; each null without a sample (metrics.md §2), and so what follows. */
  avg_views: number | null
  median_views: number | null
  engagement_rate: number | null
  /** Plays this video needed to count as viral: `max(3 × median_views, 100000)`. */
  viral_threshold: number | null
  /** `round2(plays / avg_views)`. */
  views_vs_average: number | null
  /** `round2(plays / median_views)`. */
  views_vs_median: number | null
  /** Video engagement rate − creator engagement rate, percentage points. */
  engagement_rate_difference: number | null
}

function musicOf(
  s: {
    id: string
    title: string | null
    author_name: string | null
    original: number | null
    duration: number | null
    album: string | null
    tiktok_user_count: number | null
    tracked_video_count: number
    tracked_views: number
  } | null,
): VideoMusic | null {
  if (s === null) return null
  const tracked = sqlNumber(s.tracked_video_count)
  return {
    id: s.id,
    title: s.title,
    author: s.author_name,
    original: s.original === null ? null : s.original === 1,
    duration: s.duration,
    album: s.album,
    user_count: soundUserCount(s.tiktok_user_count, tracked),
    counts_source: s.tiktok_user_count === null ? 'tracked' : 'tiktok',
    tracked_video_count: tracked,
    tracked_views: sqlNumber(s.tracked_views),
  }
}

function creatorContext(
  v: VideoRecord,
  videoRate: number | null,
  c: CreatorRecord,
  publicBaseUrl: string,
): VideoCreatorContext {
  return {
    profile: creatorView(c, publicBaseUrl),
    avg_views: c.avg_views,
    median_views: c.median_views,
    engagement_rate: c.engagement_rate,
    viral_threshold: viralThreshold(c.median_views),
    views_vs_average: performanceVsAverage(v.plays, c.avg_views),
    views_vs_median: performanceVsAverage(v.plays, c.median_views),
    engagement_rate_difference:
      c.engagement_rate === null || videoRate === null
        ? null
        : engagementRateDifference(videoRate, c.engagement_rate),
  }
}

/** The `details` column: a JSON object of further data points (anything else reads as empty). */
export function detailsOf(text: string): Record<string, DetailValue> {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, DetailValue>)
      : {}
  } catch {
    return {}
  }
}

/** Undefined when the video is not stored. Five indexed lookups. */
export async function videoDetails(ctx: QueryContext, videoId: string) {
  if (!isVideoId(videoId)) return undefined
  const v = await ctx.db
    .selectFrom('videos')
    .selectAll()
    .where('id', '=', videoId)
    .executeTakeFirst()
  if (!v) return undefined
  noteReads(
    videoKey(v.id),
    ...(v.creator_id === null ? [] : [creatorKey(v.creator_id)]),
    ...(v.music_id === null ? [] : [soundKey(v.music_id), soundTotalsKey(v.music_id)]),
  )
  const [creator, sound, tags, snapshots, disputed] = await Promise.all([
    v.creator_id === null
      ? undefined
      : ctx.db.selectFrom('creators').selectAll().where('id', '=', v.creator_id).executeTakeFirst(),
    v.music_id === null
      ? undefined
      : ctx.db.selectFrom('sounds').selectAll().where('id', '=', v.music_id).executeTakeFirst(),
    hashtagsOf(ctx.db, [v.id]),
    videoSnapshots(ctx.db, v.id),
    disputedValues(ctx, 'video', v.id),
  ])
  const base = videoView(v, tags.get(v.id) ?? [], sound?.title ?? null, creator?.username ?? null)
  const history: VideoSnapshotView[] = snapshots.map(snapshotView)
  const growth: VideoGrowthView | null = growthView(snapshots)
  return {
    ...base,
    reposts: v.reposts,
    region: v.region,
    is_ad: v.is_ad === 1,
    creator_id: v.creator_id,
    first_seen_at: isoTime(v.first_seen_at),
    observed_at: isoTime(v.observed_at),
    duration_bucket: durationBucket(v.duration),
    like_rate: counterRate(v.likes, v.plays),
    comment_rate: counterRate(v.comments, v.plays),
    share_rate: counterRate(v.shares, v.plays),
    save_rate: counterRate(v.saves, v.plays),
    repost_rate: counterRate(v.reposts, v.plays),
    is_viral: viralOf(v.plays, creator ?? null),
    performance_vs_average:
      creator === undefined ? null : performanceVsAverage(v.plays, creator.avg_views),
    details: detailsOf(v.details),
    music: musicOf(sound ?? null),
    creator:
      creator === undefined
        ? null
        : creatorContext(v, base.engagement_rate, creator, ctx.publicBaseUrl),
    history,
    growth,
    disputed,
  }
}

export type VideoDetails = NonNullable<Awaited<ReturnType<typeof videoDetails>>>
