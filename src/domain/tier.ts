/** Follower tier of a creator (metrics.md §2): nano, micro, mid, macro, mega. */

import {
  MACRO_MIN_FOLLOWERS,
  MEGA_MIN_FOLLOWERS,
  MICRO_MIN_FOLLOWERS,
  MID_MIN_FOLLOWERS,
  type Tier,
} from './metric-constants.js'

/**
 * Tier by followers: nano < 10k ≤ micro < 100k ≤ mid < 500k ≤ macro < 1M ≤ mega
 * (lower bounds inclusive).
 * Unknown (null) followers count as nano: without evidence of reach the creator is judged
 * against the smallest tier.
 */
export function tierOf(followers: number | null): Tier {
  if (followers === null) return 'nano'
  if (followers >= MEGA_MIN_FOLLOWERS) return 'mega'
  if (followers >= MACRO_MIN_FOLLOWERS) return 'macro'
  if (followers >= MID_MIN_FOLLOWERS) return 'mid'
  if (followers >= MICRO_MIN_FOLLOWERS) return 'micro'
  return 'nano'
}
