/** Creator metrics of metrics.md §2 computed over an already selected sample `S`. */

import type { SampleVideo } from './creator-sample.js'
import { SECONDS_PER_DAY } from './metric-constants.js'
import { median, round0, round1, round2 } from './rounding.js'
import { isViral } from './viral.js'

/**
 * The published creator metrics (§2 table), already rounded as metrics.md says. A metric without
 * evidence is null, never 0 (v2): "0 % engagement" about a creator seen only through pinned
 * videos would be a false statement, "not enough data" is the true one.
 */
export interface CreatorMetrics {
  /** `n = |S|`. */
  sampleSize: number
  /** Null when n = 0 (likewise the other averages). */
  avgViews: number | null
  avgLikes: number | null
  avgComments: number | null
  avgShares: number | null
  /** Null when no video of `S` has known saves. */
  avgSaves: number | null
  /** Null when n = 0. */
  medianViews: number | null
  /** Views-based engagement rate, percent, 2 decimals; null when n = 0 or Σ plays = 0. */
  engagementRate: number | null
  /** Follower-based engagement rate, percent, 2 decimals; null when n = 0 or followers 0/unknown. */
  engagementRateFollowers: number | null
  viralCount: number
  /** Percent of `S` that is viral, 1 decimal; null when n = 0. */
  viralRatio: number | null
  /** Null when n < 2 (one post has no rhythm). */
  postsPerWeek: number | null
}

/**
 * Computes the §2 table over `sample` (call `selectSample` first):
 *
 * - `avg_views|likes|comments|shares = round(Σ / n)`, null when n = 0. An unknown (null) likes,
 *   comments or shares counts as 0 in the sums, and the mean is still over all n videos (the
 *   video is in `S`; only that counter is missing). Unknown plays (not expected in `S`) also
 *   count as 0.
 * - `avg_saves = round(Σ saves / number of videos with known saves)`, null when none is known.
 * - `median_views = round(median(plays))`, even n: mean of the two middle values; null when n = 0.
 * - `engagement_rate = round2(100 × Σ(likes + comments + shares) / Σ plays)`, null when n = 0
 *   or Σ plays = 0.
 * - `engagement_rate_followers = round2(100 × (avg_likes + avg_comments + avg_shares) /
 *   followers)` from the rounded averages; null when n = 0 or followers is 0, negative or
 *   unknown.
 * - viral: `plays ≥ max(3 × median_views, 100000)` with the rounded `median_views`;
 *   `viral_ratio = round1(100 × viral / n)`, null when n = 0.
 * - `posts_per_week = round1((n − 1) × 7 / max(span_days, 1))` for n ≥ 2, else null;
 *   `span_days = (newest − oldest postedAt) / 86400`, unrounded (a fraction of a day counts).
 *   Videos without `postedAt` (not expected in `S`) are left out of the span.
 */
export function creatorMetrics(
  sample: readonly SampleVideo[],
  followers: number | null,
): CreatorMetrics {
  const n = sample.length
  let plays = 0
  let likes = 0
  let comments = 0
  let shares = 0
  let saves = 0
  let savesKnown = 0
  let newest = Number.NEGATIVE_INFINITY
  let oldest = Number.POSITIVE_INFINITY
  for (const v of sample) {
    plays += v.plays ?? 0
    likes += v.likes ?? 0
    comments += v.comments ?? 0
    shares += v.shares ?? 0
    if (v.saves !== null) {
      saves += v.saves
      savesKnown += 1
    }
    if (v.postedAt !== null) {
      newest = Math.max(newest, v.postedAt)
      oldest = Math.min(oldest, v.postedAt)
    }
  }

  // Each rate is written as one division of exact integers, so the double is the nearest one
  // to the true decimal and half-up rounding sees the real tie (e.g. 2.345, not 2.34499…).
  if (n === 0) {
    return {
      sampleSize: 0,
      avgViews: null,
      avgLikes: null,
      avgComments: null,
      avgShares: null,
      avgSaves: null,
      medianViews: null,
      engagementRate: null,
      engagementRateFollowers: null,
      viralCount: 0,
      viralRatio: null,
      postsPerWeek: null,
    }
  }
  const avgViews = round0(plays / n)
  const avgLikes = round0(likes / n)
  const avgComments = round0(comments / n)
  const avgShares = round0(shares / n)
  const avgSaves = savesKnown === 0 ? null : round0(saves / savesKnown)
  const medianViews = round0(median(sample.map((v) => v.plays ?? 0)))
  const engagementRate = plays === 0 ? null : round2((100 * (likes + comments + shares)) / plays)
  const engagementRateFollowers =
    followers === null || followers <= 0
      ? null
      : round2((100 * (avgLikes + avgComments + avgShares)) / followers)
  const viralCount = sample.filter((v) => isViral(v.plays ?? 0, medianViews)).length
  const viralRatio = round1((100 * viralCount) / n)

  let postsPerWeek: number | null = null
  if (n >= 2) {
    const spanSeconds = newest > oldest ? newest - oldest : 0
    // (n − 1) × 7 / (span / 86400) rearranged to a single division.
    postsPerWeek =
      spanSeconds < SECONDS_PER_DAY
        ? round1((n - 1) * 7)
        : round1(((n - 1) * 7 * SECONDS_PER_DAY) / spanSeconds)
  }

  return {
    sampleSize: n,
    avgViews,
    avgLikes,
    avgComments,
    avgShares,
    avgSaves,
    medianViews,
    engagementRate,
    engagementRateFollowers,
    viralCount,
    viralRatio,
    postsPerWeek,
  }
}
