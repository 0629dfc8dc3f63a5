/** Content-format insights: videos and engagement by duration bucket and content type (§3). */

import { round0, round1, round2 } from './rounding.js'
import { type DurationBucket, durationBucket } from './video-metrics.js'

/** The fields of a video the insights read; `plays` is known (videos of a creator sample). */
export interface FormatVideo {
  duration: number | null
  contentType: string
  plays: number
  likes: number | null
  comments: number | null
  shares: number | null
}

/** How one format performs over a set of videos. */
export interface FormatStats {
  videos: number
  /** Percent of the videos of the breakdown, round1. */
  share: number
  /** Pooled, views-based: `round2(100 × Σ(likes + comments + shares) / Σ plays)`; 0 when Σ plays = 0. */
  engagementRate: number
  /** `round(mean plays)`; 0 when there is no video. */
  avgViews: number
}

export const DURATION_BUCKETS: readonly DurationBucket[] = ['short', 'medium', 'long']
export const CONTENT_TYPES = ['video', 'slideshow'] as const
export type ContentType = (typeof CONTENT_TYPES)[number]

export interface ContentFormatInsights {
  /** Every bucket, in the order short, medium, long; videos of unknown duration are left out. */
  duration: ({ bucket: DurationBucket } & FormatStats)[]
  /** Every content type, in the order video, slideshow. */
  contentType: ({ contentType: ContentType } & FormatStats)[]
  /** Videos whose duration is unknown (not in the duration breakdown). */
  unknownDuration: number
}

/** Pooled stats of a group; `total` is the size of the whole breakdown (for the share). */
function statsOf(group: readonly FormatVideo[], total: number): FormatStats {
  let plays = 0
  let interactions = 0
  for (const v of group) {
    plays += v.plays
    interactions += (v.likes ?? 0) + (v.comments ?? 0) + (v.shares ?? 0)
  }
  return {
    videos: group.length,
    share: total === 0 ? 0 : round1((100 * group.length) / total),
    engagementRate: plays === 0 ? 0 : round2((100 * interactions) / plays),
    avgViews: group.length === 0 ? 0 : round0(plays / group.length),
  }
}

/**
 * Breaks `videos` down by duration bucket (short < 60 s ≤ medium ≤ 300 s < long, §3) and by
 * content type (video | slideshow), each with its count, share, pooled engagement rate (the
 * creator-level §2 formula applied to the group, so a 200-view video weighs less than a
 * 2M-view one) and average views.
 */
export function contentFormatInsights(videos: readonly FormatVideo[]): ContentFormatInsights {
  const byBucket = new Map<DurationBucket, FormatVideo[]>(DURATION_BUCKETS.map((b) => [b, []]))
  const byType = new Map<ContentType, FormatVideo[]>(CONTENT_TYPES.map((t) => [t, []]))
  let known = 0
  for (const v of videos) {
    const bucket = durationBucket(v.duration)
    if (bucket !== null) {
      byBucket.get(bucket)?.push(v)
      known++
    }
    byType.get(v.contentType === 'slideshow' ? 'slideshow' : 'video')?.push(v)
  }
  return {
    duration: DURATION_BUCKETS.map((bucket) => ({
      bucket,
      ...statsOf(byBucket.get(bucket) ?? [], known),
    })),
    contentType: CONTENT_TYPES.map((contentType) => ({
      contentType,
      ...statsOf(byType.get(contentType) ?? [], videos.length),
    })),
    unknownDuration: videos.length - known,
  }
}
