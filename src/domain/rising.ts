/**
 * Rising lists (metrics.md §8): the periods compared, the velocity of a counter within a period,
 * and the score that ranks what rises.
 */
import type { CounterObservation } from './growth.js'
import {
  RISING_BASE_FLOOR,
  RISING_MIN_SPAN_SECONDS,
  RISING_PERIOD_DAYS,
  SECONDS_PER_DAY,
} from './metric-constants.js'
import { round2 } from './rounding.js'

export type RisingPeriod = keyof typeof RISING_PERIOD_DAYS
export type RisingKind = keyof typeof RISING_BASE_FLOOR

/** A span of time: after `from`, up to and including `to` (epoch seconds). */
export interface PeriodWindow {
  from: number
  to: number
}

/** The current period ends at `now`; the previous one is the same length just before it. */
export function periodWindows(
  now: number,
  period: RisingPeriod,
): { current: PeriodWindow; previous: PeriodWindow } {
  const length = RISING_PERIOD_DAYS[period] * SECONDS_PER_DAY
  return {
    current: { from: now - length, to: now },
    previous: { from: now - 2 * length, to: now - length },
  }
}

export interface Velocity {
  start: CounterObservation
  end: CounterObservation
  /** (end − start) / span, in days, unrounded (scores are computed from it). */
  perDay: number
  spanDays: number
}

/**
 * Velocity from the first to the last observation of a window: `(end − start) / days between
 * them`. Null when they are less than RISING_MIN_SPAN_SECONDS apart (an entity seen once, or
 * twice within a day): a trend needs time between its two ends, and a tiny span would turn a
 * rounding wobble of TikTok's counts into a huge rate.
 */
export function velocityBetween(
  start: CounterObservation,
  end: CounterObservation,
): Velocity | null {
  const span = end.observedAt - start.observedAt
  if (span < RISING_MIN_SPAN_SECONDS) return null
  const spanDays = span / SECONDS_PER_DAY
  return { start, end, perDay: (end.value - start.value) / spanDays, spanDays }
}

/**
 * The rising score, in percent of the base per day: `round2(100 × perDay / max(start, floor))`.
 * Relative, so that the biggest entities do not top every list by size alone; with a floor per
 * kind, so that a tiny or zero base cannot turn a few new videos or followers into thousands of
 * percent (and never divides by zero). Null unless the rounded score is above 0: a counter that
 * did not grow, or grew by less than 0.005 % a day, is not rising.
 */
export function risingScore(v: Velocity, kind: RisingKind): number | null {
  const score = round2((100 * v.perDay) / Math.max(v.start.value, RISING_BASE_FLOOR[kind]))
  return score > 0 ? score : null
}
