/** Average views of a group of videos (a hashtag's, a sound's, a posting slot's, a bucket's). */

import { round0 } from './rounding.js'

/**
 * `round(Σ plays / videos with known plays)` (metrics.md §2 rounding); videos whose plays are
 * unknown are left out of both sums. Null when no video of the group has known plays.
 */
export function averageViews(totalPlays: number, videosWithPlays: number): number | null {
  return videosWithPlays > 0 ? round0(totalPlays / videosWithPlays) : null
}
