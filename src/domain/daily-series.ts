/** A counter's daily series (metrics.md §9): the last observation of each UTC day, oldest first. */

import type { CounterObservation } from './growth.js'
import { SECONDS_PER_DAY } from './metric-constants.js'

export interface DailyPoint {
  /** Days since 1970-01-01 (UTC) of the observation. */
  day: number
  /** `YYYY-MM-DD` of that day. */
  date: string
  /** Epoch seconds of the day's last observation. */
  observedAt: number
  value: number
}

/** The `YYYY-MM-DD` of a day number (days since 1970-01-01 UTC). */
export function dayDate(day: number): string {
  return new Date(day * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10)
}

/**
 * One point per UTC day that has an observation: the day's last one (by `observedAt`), oldest
 * day first. Several sightings within a day are minutes of noise, not several days of
 * history, so only the closing value of the day counts. Observations may come in any order.
 */
export function dailySeries(observations: readonly CounterObservation[]): DailyPoint[] {
  const last = new Map<number, CounterObservation>()
  for (const o of observations) {
    const day = Math.floor(o.observedAt / SECONDS_PER_DAY)
    const kept = last.get(day)
    if (kept === undefined || o.observedAt > kept.observedAt) last.set(day, o)
  }
  return [...last.entries()]
    .sort(([a], [b]) => a - b)
    .map(([day, o]) => ({ day, date: dayDate(day), observedAt: o.observedAt, value: o.value }))
}
