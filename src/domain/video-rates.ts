/** Per-counter rates of a video, and its engagement rate against its creator's (metrics.md §3). */

import { round2, snapFloat } from './rounding.js'

/**
 * `round2(100 × count / plays)`: likes, comments, shares or saves per 100 plays (percent).
 * Null when the counter or plays is unknown (an unknown counter is not 0, metrics.md §1);
 * 0 when plays is 0, like the engagement rate.
 */
export function counterRate(count: number | null, plays: number | null): number | null {
  if (count === null || plays === null) return null
  if (plays <= 0) return 0
  return round2((100 * count) / plays)
}

/**
 * A video's engagement rate minus its creator's, in percentage points:
 * `round2(video_rate − creator_rate)`. Both inputs are the published 2-decimal rates, so the
 * difference is exact in decimal; snapping drops the binary noise of the subtraction.
 */
export function engagementRateDifference(videoRate: number, creatorRate: number): number {
  return round2(snapFloat(videoRate - creatorRate))
}
