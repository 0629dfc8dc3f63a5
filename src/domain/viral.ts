/** The viral-video rule of metrics.md §2, shared by creator metrics and video responses. */

import { VIRAL_MEDIAN_MULTIPLIER, VIRAL_MIN_PLAYS } from './metric-constants.js'

/**
 * Plays a video needs to count as viral: `max(3 × median_views, 100000)`.
 * `medianViews` is the creator's published (rounded) `median_views`; null when that is unknown
 * (no sample, metrics.md §2 v2): without a median there is no threshold to state.
 */
export function viralThreshold(medianViews: number | null): number | null {
  if (medianViews === null) return null
  return Math.max(VIRAL_MEDIAN_MULTIPLIER * medianViews, VIRAL_MIN_PLAYS)
}

/**
 * A video is viral when `plays ≥ max(3 × median_views, 100000)` (inclusive). The 3× rule is the
 * usual outlier definition; the 100k floor keeps tiny accounts' small hits out.
 * Null (unknowable) when the plays or the creator's median is unknown.
 */
export function isViral(plays: number | null, medianViews: number | null): boolean | null {
  const threshold = viralThreshold(medianViews)
  if (plays === null || threshold === null) return null
  return plays >= threshold
}
