/** Per-video metrics of metrics.md §3: engagement rate, duration bucket, performance vs average. */

import { MEDIUM_VIDEO_MAX_SECONDS, SHORT_VIDEO_MAX_SECONDS } from './metric-constants.js'
import { round2 } from './rounding.js'

/** Duration bucket of TikTok search: under 1 min, 1–5 min, over 5 min. */
export type DurationBucket = 'short' | 'medium' | 'long'

/**
 * `engagement_rate = round2(100 × (likes + comments + shares) / plays)`, percent.
 * 0 when plays is 0 (no views, no rate); null when plays is unknown (no evidence: metrics v2);
 * an unknown likes/comments/shares counts as 0. Saves are excluded, as in the creator rate.
 */
export function videoEngagementRate(v: {
  plays: number | null
  likes: number | null
  comments: number | null
  shares: number | null
}): number | null {
  if (v.plays === null) return null
  if (v.plays <= 0) return 0
  const interactions = (v.likes ?? 0) + (v.comments ?? 0) + (v.shares ?? 0)
  return round2((100 * interactions) / v.plays)
}

/**
 * `short` < 60 s ≤ `medium` ≤ 300 s < `long` (60 is medium, 300 is medium, 301 is long).
 * Null when the duration is unknown or not a number.
 */
export function durationBucket(seconds: number | null): DurationBucket | null {
  if (seconds === null || Number.isNaN(seconds)) return null
  if (seconds < SHORT_VIDEO_MAX_SECONDS) return 'short'
  if (seconds <= MEDIUM_VIDEO_MAX_SECONDS) return 'medium'
  return 'long'
}

/**
 * `performance_vs_average = round2(plays / creator avg_views)` (1.5 = 50 % above average).
 * Null when plays is unknown or avg_views is 0 (or not positive): there is nothing to compare.
 */
export function performanceVsAverage(plays: number | null, avgViews: number | null): number | null {
  if (plays === null || avgViews === null || !(avgViews > 0)) return null
  return round2(plays / avgViews)
}
