/** A creator's content mix: content types, durations and duration buckets (metrics.md §3). */

import { averageViews } from './average-views.js'
import { round1, round2 } from './rounding.js'
import { type DurationBucket, durationBucket } from './video-metrics.js'

export interface AnalyzedVideo {
  /** `video` or `slideshow` (metrics.md §3). */
  contentType: string
  /** Seconds; null when unknown (slideshows usually have none). */
  duration: number | null
  plays: number | null
  likes: number | null
  comments: number | null
  shares: number | null
}

export interface Share {
  count: number
  /** `round1(100 × count / videos analysed)`; 0 when there is no video. */
  percent: number
}

export interface BucketStats extends Share {
  /** `round(Σ plays / videos with known plays)`; null when none is known. */
  avgViews: number | null
  /**
   * The bucket's views-weighted engagement rate, the creator formula of metrics.md §2 over the
   * bucket's videos with known plays: `round2(100 × Σ(likes + comments + shares) / Σ plays)`;
   * 0 when Σ plays is 0; null when no video of the bucket has known plays.
   */
  engagementRate: number | null
}

export interface ContentAnalysis {
  videosAnalyzed: number
  contentTypes: { video: Share; slideshow: Share }
  /** `round1(mean duration)` over the videos whose duration is known; null when none is. */
  avgDuration: number | null
  durationBuckets: Record<DurationBucket, BucketStats>
  /** Videos whose duration is unknown (in no bucket). */
  unknownDuration: number
}

const percentOf = (count: number, total: number): number =>
  total === 0 ? 0 : round1((100 * count) / total)

interface BucketSums {
  count: number
  plays: number
  withPlays: number
  interactions: number
}

/**
 * Content-type counts and shares, the average duration, and per duration bucket (short < 60 s ≤
 * medium ≤ 300 s < long) the count, share, average views and engagement rate. Unknown likes,
 * comments or shares count as 0, as in the creator metrics.
 */
export function contentAnalysis(videos: readonly AnalyzedVideo[]): ContentAnalysis {
  const total = videos.length
  let slideshows = 0
  let durationSum = 0
  let durationKnown = 0
  const sums: Record<DurationBucket, BucketSums> = {
    short: { count: 0, plays: 0, withPlays: 0, interactions: 0 },
    medium: { count: 0, plays: 0, withPlays: 0, interactions: 0 },
    long: { count: 0, plays: 0, withPlays: 0, interactions: 0 },
  }
  for (const v of videos) {
    if (v.contentType === 'slideshow') slideshows += 1
    const bucket = durationBucket(v.duration)
    if (bucket === null || v.duration === null) continue
    durationSum += v.duration
    durationKnown += 1
    const s = sums[bucket]
    s.count += 1
    if (v.plays !== null) {
      s.plays += v.plays
      s.withPlays += 1
      s.interactions += (v.likes ?? 0) + (v.comments ?? 0) + (v.shares ?? 0)
    }
  }
  const bucketStats = (s: BucketSums): BucketStats => ({
    count: s.count,
    percent: percentOf(s.count, total),
    avgViews: averageViews(s.plays, s.withPlays),
    engagementRate:
      s.withPlays === 0 ? null : s.plays === 0 ? 0 : round2((100 * s.interactions) / s.plays),
  })
  return {
    videosAnalyzed: total,
    contentTypes: {
      video: { count: total - slideshows, percent: percentOf(total - slideshows, total) },
      slideshow: { count: slideshows, percent: percentOf(slideshows, total) },
    },
    avgDuration: durationKnown === 0 ? null : round1(durationSum / durationKnown),
    durationBuckets: {
      short: bucketStats(sums.short),
      medium: bucketStats(sums.medium),
      long: bucketStats(sums.long),
    },
    unknownDuration: total - durationKnown,
  }
}
