/** Creator tiers of the demo: follower ranges, shares and per-tier reach / engagement. */

/** Tier names as metrics.md §2 defines them. */
export type TierName = 'nano' | 'micro' | 'mid' | 'macro' | 'mega'

export interface TierProfile {
  readonly name: TierName
  /** Share of demo creators in the tier. */
  readonly share: number
  /** Follower range [min, max) of the tier (mega: up to the demo's 50M ceiling). */
  readonly minFollowers: number
  readonly maxFollowers: number
  /** Pareto tail index inside the tier: most creators sit near the bottom of their range. */
  readonly alpha: number
  /** Median plays of a post as a fraction of followers (small accounts reach past their base). */
  readonly reach: number
  /** Log-normal sigma of plays between a creator's posts (wider for small accounts). */
  readonly playSigma: number
  /** Views-based engagement benchmark (metrics.md §2.1), as a fraction. */
  readonly engagement: number
  /** Probability of the blue check. */
  readonly verified: number
  /** Median number of posts older than the demo's 90-day window. */
  readonly olderPosts: number
}

/**
 * Shares make most creators nano/micro and few mega (the long tail of real TikTok), while a
 * 500-creator demo still gets ~15 mega and ~20 macro accounts.
 */
export const TIERS: readonly TierProfile[] = [
  {
    name: 'nano',
    share: 0.52,
    minFollowers: 1_000,
    maxFollowers: 10_000,
    alpha: 0.8,
    reach: 0.9,
    playSigma: 1.0,
    engagement: 0.12,
    verified: 0.002,
    olderPosts: 30,
  },
  {
    name: 'micro',
    share: 0.3,
    minFollowers: 10_000,
    maxFollowers: 100_000,
    alpha: 0.8,
    reach: 0.4,
    playSigma: 0.85,
    engagement: 0.085,
    verified: 0.01,
    olderPosts: 80,
  },
  {
    name: 'mid',
    share: 0.11,
    minFollowers: 100_000,
    maxFollowers: 500_000,
    alpha: 1.0,
    reach: 0.2,
    playSigma: 0.75,
    engagement: 0.07,
    verified: 0.06,
    olderPosts: 200,
  },
  {
    name: 'macro',
    share: 0.04,
    minFollowers: 500_000,
    maxFollowers: 1_000_000,
    alpha: 1.0,
    reach: 0.13,
    playSigma: 0.65,
    engagement: 0.065,
    verified: 0.2,
    olderPosts: 350,
  },
  {
    name: 'mega',
    share: 0.03,
    minFollowers: 1_000_000,
    maxFollowers: 50_000_000,
    alpha: 1.1,
    reach: 0.08,
    playSigma: 0.55,
    engagement: 0.065,
    verified: 0.45,
    olderPosts: 600,
  },
]

/** Smallest and largest follower counts the demo produces. */
export const MIN_FOLLOWERS = 1_000
export const MAX_FOLLOWERS = 50_000_000

/** Tier of a follower count (metrics.md §2 thresholds). */
export function tierOf(followers: number): TierName {
  if (followers < 10_000) return 'nano'
  if (followers < 100_000) return 'micro'
  if (followers < 500_000) return 'mid'
  if (followers < 1_000_000) return 'macro'
  return 'mega'
}
