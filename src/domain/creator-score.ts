/** Creator score and grade (A+ … F) of metrics.md §2.1, with its four parts exposed. */

import {
  ENGAGEMENT_FULL_MARKS_MULTIPLE,
  GRADE_CUTOFFS,
  type Grade,
  MIN_SAMPLE_FOR_GRADE,
  POSTS_PER_WEEK_FULL_MARKS,
  REACH_FULL_MARKS_RATIO,
  SCORE_WEIGHTS,
  TIER_ENGAGEMENT_BENCHMARK,
  type Tier,
  VIRAL_RATIO_FULL_MARKS,
} from './metric-constants.js'
import { round0, snapFloat } from './rounding.js'
import { tierOf } from './tier.js'

/** The published (rounded) creator metrics the score is computed from. */
export interface CreatorScoreInput {
  sampleSize: number
  /** Views-based engagement rate, percent; null without evidence (metrics.md §2, v2). */
  engagementRate: number | null
  avgViews: number | null
  followers: number | null
  /** Percent of the sample that is viral. */
  viralRatio: number | null
  postsPerWeek: number | null
}

/** The four score parts, each in [0, 1], unrounded; null when its input metric is null. */
export interface CreatorScoreParts {
  engagement: number | null
  reach: number | null
  virality: number | null
  consistency: number | null
}

export interface CreatorScore {
  /** 0 … 100; null when the sample has fewer than 3 videos. */
  score: number | null
  grade: Grade
  tier: Tier
  parts: CreatorScoreParts
}

/**
 * Score of §2.1 from the published (rounded) metrics:
 *
 * ```
 * E = min(engagement_rate / benchmark(tier), 2) / 2
 * R = min((avg_views / max(followers, 1)) / 0.5, 1)
 * V = min(viral_ratio / 10, 1)
 * C = min(posts_per_week / 3, 1)
 * score = round(100 × (0.40·E + 0.25·R + 0.20·V + 0.15·C))
 * ```
 *
 * Unknown followers: tier nano (see `tierOf`) and R = 0, because no reach can be shown without a
 * follower count (`max(followers, 1)` would otherwise award full reach marks to missing data).
 * Followers 0 follow the formula literally (divide by 1).
 * A part whose input metric is null (no evidence) is null. With `sampleSize < 3`, or any part
 * null (n ≥ 3 but Σ plays = 0 leaves the engagement rate unknown): score null, grade 'N/A';
 * the parts that can be computed are still returned, so a reader sees what is known.
 */
export function creatorScore(input: CreatorScoreInput): CreatorScore {
  const tier = tierOf(input.followers)
  const { engagementRate, avgViews, viralRatio, postsPerWeek } = input
  const engagement =
    engagementRate === null
      ? null
      : Math.min(engagementRate / TIER_ENGAGEMENT_BENCHMARK[tier], ENGAGEMENT_FULL_MARKS_MULTIPLE) /
        ENGAGEMENT_FULL_MARKS_MULTIPLE
  const reach =
    avgViews === null
      ? null
      : input.followers === null
        ? 0
        : Math.min(avgViews / Math.max(input.followers, 1) / REACH_FULL_MARKS_RATIO, 1)
  const virality = viralRatio === null ? null : Math.min(viralRatio / VIRAL_RATIO_FULL_MARKS, 1)
  const consistency =
    postsPerWeek === null ? null : Math.min(postsPerWeek / POSTS_PER_WEEK_FULL_MARKS, 1)
  const parts = { engagement, reach, virality, consistency }

  if (
    input.sampleSize < MIN_SAMPLE_FOR_GRADE ||
    engagement === null ||
    reach === null ||
    virality === null ||
    consistency === null
  ) {
    return { score: null, grade: 'N/A', tier, parts }
  }

  const weighted =
    SCORE_WEIGHTS.engagement * engagement +
    SCORE_WEIGHTS.reach * reach +
    SCORE_WEIGHTS.virality * virality +
    SCORE_WEIGHTS.consistency * consistency
  // Several inexact operations: snap the noise away so an exact .5 rounds up as it should.
  const score = round0(snapFloat(100 * weighted))
  return { score, grade: gradeOf(score), tier, parts }
}

/** Grade of a score: ≥ 85 A+, ≥ 70 A, ≥ 55 B, ≥ 40 C, ≥ 25 D, else F (cut-offs inclusive). */
export function gradeOf(score: number): Grade {
  for (const cutoff of GRADE_CUTOFFS) if (score >= cutoff.min) return cutoff.grade
  return 'F'
}
