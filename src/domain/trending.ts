/** Trending rules of metrics.md §5: time windows and the orderings of videos, hashtags, sounds. */

import { TRENDING_TAG_WINDOW_SECONDS } from './metric-constants.js'

/** Trending video periods and their length in seconds. */
export const TRENDING_PERIODS = { '24h': 86_400, '7d': 604_800, '30d': 2_592_000 } as const

export type TrendingPeriod = keyof typeof TRENDING_PERIODS

/** The period used when none is given. */
export const DEFAULT_TRENDING_PERIOD: TrendingPeriod = '7d'

/** True when `value` names a trending period ('24h' | '7d' | '30d'). */
export function isTrendingPeriod(value: string): value is TrendingPeriod {
  return Object.hasOwn(TRENDING_PERIODS, value)
}

/**
 * First `posted_at` (epoch seconds, inclusive) of a trending window: `now − period`.
 * A video is in the window when `posted_at ≥ trendingWindowStart(now, period)`.
 */
export function trendingWindowStart(now: number, period: TrendingPeriod): number {
  return now - TRENDING_PERIODS[period]
}

/** First `posted_at` (inclusive) of the 7-day window that trending hashtags and sounds count. */
export function trendingTagWindowStart(now: number): number {
  return now - TRENDING_TAG_WINDOW_SECONDS
}

/** Code-unit order, like SQL's binary collation (not locale-dependent `localeCompare`). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Trending videos order: plays desc, then likes desc, then id asc (string order; TikTok ids are
 * 19-digit strings). Unknown plays or likes sort as 0.
 */
export function compareTrendingVideos(
  a: { id: string; plays: number | null; likes: number | null },
  b: { id: string; plays: number | null; likes: number | null },
): number {
  return (
    (b.plays ?? 0) - (a.plays ?? 0) || (b.likes ?? 0) - (a.likes ?? 0) || compareStrings(a.id, b.id)
  )
}

/**
 * Trending hashtags and sounds order: tracked videos posted in the last 7 days that carry the
 * tag/sound, desc; then those videos' summed plays, desc; then key (name or id) asc.
 */
export function compareTrendingTags(
  a: { key: string; recentVideos: number; recentPlays: number },
  b: { key: string; recentVideos: number; recentPlays: number },
): number {
  return (
    b.recentVideos - a.recentVideos || b.recentPlays - a.recentPlays || compareStrings(a.key, b.key)
  )
}

/** A tag or sound trends only when at least one tracked video of the window uses it. */
export function isTrendingTag(t: { recentVideos: number }): boolean {
  return t.recentVideos > 0
}
