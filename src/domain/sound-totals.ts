/** A sound's reported `user_count` and where it comes from (metrics.md §6). */
import { soundUserCount } from './hashtag-totals.js'

/** A sound's reported user count and its source. */
export interface SoundTotals {
  userCount: number
  source: 'tiktok' | 'tracked'
}

/**
 * `user_count` of a sound (metrics.md §6): TikTok's music-payload figure when observed (non-null,
 * even 0), else the number of tracked videos using the sound; `source` says which one it is.
 */
export function soundTotals(
  tiktokUserCount: number | null,
  trackedVideoCount: number,
): SoundTotals {
  return {
    userCount: soundUserCount(tiktokUserCount, trackedVideoCount),
    source: tiktokUserCount === null ? 'tracked' : 'tiktok',
  }
}
