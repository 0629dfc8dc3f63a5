/** Which snapshots of one entity survive thinning: all recent ones, then one a day, then one a week. */
import { SECONDS_PER_DAY } from './metric-constants.js'

/** Snapshots at most this old (now − observed_at) are all kept. */
export const KEEP_ALL_DAYS = 30
/** Older than KEEP_ALL_DAYS and at most this old: the last snapshot of each UTC day is kept. */
export const KEEP_DAILY_DAYS = 365
// Older than KEEP_DAILY_DAYS: the last snapshot of each ISO week (Monday to Sunday, UTC) is kept.

const dayOf = (t: number) => Math.floor(t / SECONDS_PER_DAY)
// 1970-01-01 was a Thursday: shifting by 3 days makes weeks start on Mondays, as ISO weeks do.
const weekOf = (t: number) => Math.floor((dayOf(t) + 3) / 7)

/**
 * The end (exclusive, epoch seconds) of what a decision at `now` depends on: the UTC day that
 * holds `now − KEEP_ALL_DAYS` days. Every snapshot that may be deleted is older, and so are the
 * other snapshots of its day and of its week, so an entity's snapshots before this time are
 * all that `snapshotsToDelete` needs.
 */
export function retentionHorizon(now: number): number {
  return (dayOf(now - KEEP_ALL_DAYS * SECONDS_PER_DAY) + 1) * SECONDS_PER_DAY
}

/**
 * The observation times (epoch seconds) of one entity's snapshots that thinning deletes at
 * `now`, given every snapshot of the entity before `retentionHorizon(now)` (newer ones are
 * never deleted and change nothing). A snapshot more than KEEP_ALL_DAYS old survives only as
 * the last of its UTC day; more than KEEP_DAILY_DAYS old, only as the last of its ISO week.
 * The newest snapshot is always last of its day and week, so it is never deleted. Applying the
 * rule to its own survivors deletes nothing more (the last of a week is the last of its day).
 */
export function snapshotsToDelete(times: readonly number[], now: number): number[] {
  const lastOfDay = new Map<number, number>()
  const lastOfWeek = new Map<number, number>()
  let newest = Number.NEGATIVE_INFINITY
  for (const t of times) {
    const day = dayOf(t)
    const week = weekOf(t)
    lastOfDay.set(day, Math.max(lastOfDay.get(day) ?? t, t))
    lastOfWeek.set(week, Math.max(lastOfWeek.get(week) ?? t, t))
    newest = Math.max(newest, t)
  }
  const allAfter = now - KEEP_ALL_DAYS * SECONDS_PER_DAY
  const dailyAfter = now - KEEP_DAILY_DAYS * SECONDS_PER_DAY
  return times.filter((t) => {
    if (t >= allAfter || t === newest) return false
    if (t >= dailyAfter) return lastOfDay.get(dayOf(t)) !== t
    return lastOfWeek.get(weekOf(t)) !== t
  })
}
