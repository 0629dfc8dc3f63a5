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
  /** Views-based engagement rate, percent. */
  engagementRate: number
  avgViews: number
  followers: number | null
  /** Percent of the sample that is viral. */
  viralRatio: number
  postsPerWeek: number
}

/** The four score parts, each in [0, 1], unrounded. */
export interface CreatorScoreParts {
  engagement: number
  reach: number
  virality: number
  consistency: number
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
 * With `sampleSize < 3`: score null, grade 'N/A'; the parts are still computed and returned.
 */
export function creatorScore(input: CreatorScoreInput): CreatorScore {
  const tier = tierOf(input.followers)
  const engagement =
    Math.min(
      input.engagementRate / TIER_ENGAGEMENT_BENCHMARK[tier],
      ENGAGEMENT_FULL_MARKS_MULTIPLE,
    ) / ENGAGEMENT_FULL_MARKS_MULTIPLE
  const reach =
    input.followers === null
      ? 0
      : Math.min(input.avgViews / Math.max(input.followers, 1) / REACH_FULL_MARKS_RATIO, 1)
  const virality = Math.min(input.viralRatio / VIRAL_RATIO_FULL_MARKS, 1)
  const consistency = Math.min(input.postsPerWeek / POSTS_PER_WEEK_FULL_MARKS, 1)
  const parts = { engagement, reach, virality, consistency }

  if (input.sampleSize < MIN_SAMPLE_FOR_GRADE) return { score: null, grade: 'N/A', tier, parts }

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
