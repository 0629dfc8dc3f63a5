/** Growth of a counter between two observations (followers, tracked views), absolute and in %. */

import { SECONDS_PER_DAY } from './metric-constants.js'
import { round2 } from './rounding.js'

export interface CounterObservation {
  /** Epoch seconds. */
  observedAt: number
  value: number
}

export interface GrowthChange {
  fromAt: number
  toAt: number
  startValue: number
  endValue: number
  /** `end − start`. */
  change: number
  /** `round2(100 × (end − start) / start)`; null when start is 0 (no base to compare with). */
  changePercent: number | null
}

/** The change from `start` to `end`: absolute, and `round2(100 × change / start)` percent. */
export function growthBetween(start: CounterObservation, end: CounterObservation): GrowthChange {
  const change = end.value - start.value
  return {
    fromAt: start.observedAt,
    toAt: end.observedAt,
    startValue: start.value,
    endValue: end.value,
    change,
    changePercent: start.value === 0 ? null : round2((100 * change) / start.value),
  }
}

/**
 * Growth over the trailing `days` before `now`: from the latest observation at or before
 * `now − days × 86400` to the newest observation (at or before `now`). Null when there is no
 * observation old enough, or when it is the newest one itself (nothing newer to compare with).
 * Observations may come in any order.
 */
export function trailingGrowth(
  observations: readonly CounterObservation[],
  now: number,
  days: number,
): GrowthChange | null {
  const cutoff = now - days * SECONDS_PER_DAY
  let newest: CounterObservation | null = null
  let base: CounterObservation | null = null
  for (const o of observations) {
    if (o.observedAt > now) continue
    if (newest === null || o.observedAt > newest.observedAt) newest = o
    if (o.observedAt <= cutoff && (base === null || o.observedAt > base.observedAt)) base = o
  }
  if (newest === null || base === null || base.observedAt >= newest.observedAt) return null
  return growthBetween(base, newest)
}
