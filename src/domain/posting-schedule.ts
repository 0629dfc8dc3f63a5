/** When a creator posts: posts and average views by UTC weekday and hour, and the best slots. */

import { averageViews } from './average-views.js'

/** UTC weekdays, Monday first (ISO 8601 order). */
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const

export type Weekday = (typeof WEEKDAYS)[number]

/**
 * A slot is only proposed as the best one when at least this many of its posts have known
 * views: one lucky post is an anecdote, not a schedule.
 */
export const BEST_SLOT_MIN_POSTS = 2

export interface ScheduledVideo {
  /** Epoch seconds (UTC); videos without it are left out. */
  postedAt: number | null
  plays: number | null
}

export interface SlotStats {
  posts: number
  /** `round(Σ plays / posts with known plays)`; null when none is known. */
  avgViews: number | null
  /** Posts of the slot whose plays are known (the sample behind avgViews). */
  postsWithViews: number
}

export interface WeekdaySlot extends SlotStats {
  weekday: Weekday
}

export interface HourSlot extends SlotStats {
  /** 0–23, UTC. */
  hour: number
}

export interface PostingSchedule {
  /** Videos with a known posting time. */
  postsAnalyzed: number
  /** Seven entries, Monday first, including days without posts. */
  byWeekday: WeekdaySlot[]
  /** 24 entries, hour 0 first, including hours without posts. */
  byHour: HourSlot[]
  /** Posts per weekday (7 rows, Monday first) and hour (24 columns, hour 0 first). */
  postsByWeekdayHour: number[][]
  bestWeekday: WeekdaySlot | null
  bestHour: HourSlot | null
  minPosts: number
}

/** UTC weekday of an epoch-seconds time, Monday = 0 … Sunday = 6. */
export function weekdayIndex(epochSeconds: number): number {
  return (new Date(epochSeconds * 1000).getUTCDay() + 6) % 7
}

/** UTC hour (0–23) of an epoch-seconds time. */
export function hourOfDay(epochSeconds: number): number {
  return new Date(epochSeconds * 1000).getUTCHours()
}

interface Accumulator {
  posts: number
  plays: number
  postsWithViews: number
}

const empty = (): Accumulator => ({ posts: 0, plays: 0, postsWithViews: 0 })

function add(acc: Accumulator, plays: number | null): void {
  acc.posts += 1
  if (plays !== null) {
    acc.plays += plays
    acc.postsWithViews += 1
  }
}

const stats = (acc: Accumulator): SlotStats => ({
  posts: acc.posts,
  avgViews: averageViews(acc.plays, acc.postsWithViews),
  postsWithViews: acc.postsWithViews,
})

/**
 * The best slot: the highest average views among slots with at least `minPosts` posts with known
 * views; ties go to the slot with more posts, then to the earlier slot (list order). Null when no
 * slot has enough posts.
 */
export function bestSlot<T extends SlotStats>(slots: readonly T[], minPosts: number): T | null {
  let best: T | null = null
  for (const slot of slots) {
    if (slot.avgViews === null || slot.postsWithViews < Math.max(minPosts, 1)) continue
    const bestViews = best?.avgViews ?? Number.NEGATIVE_INFINITY
    if (
      best === null ||
      slot.avgViews > bestViews ||
      (slot.avgViews === bestViews && slot.posts > best.posts)
    ) {
      best = slot
    }
  }
  return best
}

/**
 * Posts and average views (`round(Σ plays / posts with known plays)`) per UTC weekday and per
 * UTC hour of `posted_at`, posts per weekday × hour, and the best weekday and hour by average
 * views (see `bestSlot`).
 */
export function postingSchedule(
  videos: readonly ScheduledVideo[],
  minPosts: number = BEST_SLOT_MIN_POSTS,
): PostingSchedule {
  const days = WEEKDAYS.map(empty)
  const hours = Array.from({ length: 24 }, empty)
  const grid = WEEKDAYS.map(() => Array.from({ length: 24 }, () => 0))
  let postsAnalyzed = 0
  for (const v of videos) {
    if (v.postedAt === null || !Number.isFinite(v.postedAt)) continue
    postsAnalyzed += 1
    const day = days[weekdayIndex(v.postedAt)]
    const hour = hours[hourOfDay(v.postedAt)]
    if (day) add(day, v.plays)
    if (hour) add(hour, v.plays)
    const row = grid[weekdayIndex(v.postedAt)]
    if (row) row[hourOfDay(v.postedAt)] = (row[hourOfDay(v.postedAt)] ?? 0) + 1
  }
  const byWeekday = WEEKDAYS.map((weekday, i) => ({ weekday, ...stats(days[i] ?? empty()) }))
  const byHour = hours.map((acc, hour) => ({ hour, ...stats(acc) }))
  return {
    postsAnalyzed,
    byWeekday,
    byHour,
    postsByWeekdayHour: grid,
    bestWeekday: bestSlot(byWeekday, minPosts),
    bestHour: bestSlot(byHour, minPosts),
    minPosts,
  }
}
