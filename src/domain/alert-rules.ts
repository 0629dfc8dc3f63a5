/**
 * Watchlist alert rules (metrics.md §10): what each rule watches, when it fires, and the event
 * key that makes it fire once per event however often the same data is evaluated.
 */

import { SECONDS_PER_DAY } from './metric-constants.js'
import { viralThreshold } from './viral.js'

export const WATCH_ITEM_KINDS = ['creator', 'video', 'hashtag', 'sound'] as const
export type WatchItemKind = (typeof WATCH_ITEM_KINDS)[number]

export const ALERT_RULE_KINDS = [
  'new_post',
  'viral_video',
  'follower_milestone',
  'growth',
  'drop',
  'rising',
] as const
export type AlertRuleKind = (typeof ALERT_RULE_KINDS)[number]

/** The items each rule applies to; a rule ignores the watchlist's other items. */
export const RULE_ITEM_KINDS: Readonly<Record<AlertRuleKind, readonly WatchItemKind[]>> = {
  new_post: ['creator'],
  viral_video: ['creator', 'video'],
  follower_milestone: ['creator'],
  growth: ['creator', 'video'],
  drop: ['creator', 'video'],
  rising: ['creator', 'hashtag', 'sound'],
}

/** A rule's settings as stored; which apply depends on the kind (alertRuleSettings). */
export interface AlertRuleSettings {
  /** growth, drop: the change in percent that fires (> 0). */
  percent?: number
  /** growth, drop: the trailing window in days. */
  window_days?: 1 | 7 | 30
  /** rising: the list's period. */
  period?: '7d' | '30d'
  /** rising: how high in the list counts as "on it". */
  top?: number
}

/** Default trailing window of growth and drop rules, and the default depth of a rising list. */
export const DEFAULT_WINDOW_DAYS = 7
export const DEFAULT_RISING_TOP = 20

/**
 * The settings a rule of `kind` keeps from `given`, with defaults, or the reason they are
 * refused (naming the field): growth and drop need `percent`; the others take none of it.
 */
export function alertRuleSettings(
  kind: AlertRuleKind,
  given: AlertRuleSettings,
): { settings: AlertRuleSettings } | { refused: string } {
  if (kind === 'growth' || kind === 'drop') {
    if (given.percent === undefined) {
      return { refused: `A ${kind} rule needs 'percent' (the change in % that fires it).` }
    }
    return { settings: { percent: given.percent, window_days: given.window_days ?? 7 } }
  }
  if (kind === 'rising') {
    return { settings: { period: given.period ?? '7d', top: given.top ?? DEFAULT_RISING_TOP } }
  }
  for (const field of ['percent', 'window_days', 'period', 'top'] as const) {
    if (given[field] !== undefined) return { refused: `A ${kind} rule takes no '${field}'.` }
  }
  return { settings: {} }
}

/**
 * Follower milestones: 1, 2 and 5 × 10^k from 1,000 to 5,000,000,000 — the round numbers people
 * announce (1K, 2K, 5K, 10K … 1M, 2M, 5M …).
 */
export const FOLLOWER_MILESTONES: readonly number[] = (() => {
  const out: number[] = []
  for (let power = 1000; power <= 1e9; power *= 10) out.push(power, 2 * power, 5 * power)
  return out
})()

/**
 * The highest milestone `m` with `baseline < m ≤ current`, or null when none lies between. The
 * baseline is the count when the rule began watching (§10), so a creator already past 1M does
 * not fire "1M" when first watched; a milestone fires once even if the count dips and recrosses.
 */
export function milestoneCrossed(baseline: number, current: number): number | null {
  let crossed: number | null = null
  for (const m of FOLLOWER_MILESTONES) if (baseline < m && m <= current) crossed = m
  return crossed
}

/**
 * A growth rule fires when the trailing change is at least `percent` %; a drop rule when it is
 * at most −`percent` %. An unknown change (no base, a zero base) fires neither.
 */
export function changeFires(
  kind: 'growth' | 'drop',
  changePercent: number | null,
  percent: number,
): boolean {
  if (changePercent === null) return false
  return kind === 'growth' ? changePercent >= percent : changePercent <= -percent
}

/** How long before its rule a video may have been posted and still count as new (§10). */
export const NEW_POST_GRACE_SECONDS = 7 * SECONDS_PER_DAY

/**
 * A new post: first seen after the rule began, and posted no more than 7 days before it — so a
 * back catalogue browsed later is not announced as new, while a post made just before the rule
 * and first seen after it is.
 */
export function isNewPost(
  postedAt: number | null,
  firstSeenAt: number,
  ruleCreatedAt: number,
): boolean {
  if (postedAt === null || firstSeenAt < ruleCreatedAt) return false
  return postedAt >= ruleCreatedAt - NEW_POST_GRACE_SECONDS
}

/** How long before its rule a video may have been posted and still be announced as viral. */
export const VIRAL_RECENT_SECONDS = 30 * SECONDS_PER_DAY

/**
 * A viral alert: the video's plays reach its creator's viral threshold (metrics.md §2), in an
 * observation made since the rule began, for a video posted at most 30 days before the rule
 * (old hits are history, not news). Unknown plays or median: no alert.
 */
export function viralFires(
  plays: number | null,
  creatorMedianViews: number | null,
  postedAt: number | null,
  observedAt: number,
  ruleCreatedAt: number,
): boolean {
  const threshold = viralThreshold(creatorMedianViews)
  if (plays === null || threshold === null || postedAt === null) return false
  if (observedAt < ruleCreatedAt || postedAt < ruleCreatedAt - VIRAL_RECENT_SECONDS) return false
  return plays >= threshold
}

const PERIOD_SECONDS = { '7d': 7 * SECONDS_PER_DAY, '30d': 30 * SECONDS_PER_DAY } as const

/**
 * The event key of a rising alert: the period's window number since the epoch, so an item on
 * the list fires once per period (7 or 30 days), not at every evaluation.
 */
export function risingEventKey(period: '7d' | '30d', now: number): string {
  return `${period}:${Math.floor(now / PERIOD_SECONDS[period])}`
}

/** The UTC date (YYYY-MM-DD) of an epoch-seconds time: growth and drop fire once a day at most. */
export function utcDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 10)
}
