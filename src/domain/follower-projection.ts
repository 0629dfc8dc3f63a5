/** The 30-day follower projection of metrics.md §9: a least-squares line with its band. */

import type { DailyPoint } from './daily-series.js'
import { dayDate } from './daily-series.js'
import {
  PROJECTION_BAND_MULTIPLE,
  PROJECTION_HORIZON_DAYS,
  PROJECTION_MIN_OBSERVATIONS,
  PROJECTION_MIN_SPAN_DAYS,
  PROJECTION_WINDOW_DAYS,
} from './metric-constants.js'
import { round0, round2, snapFloat } from './rounding.js'

/** The model's name as served: a straight line over the last 90 days of the daily series. */
export const PROJECTION_MODEL = 'linear_90d'

export interface FollowerProjection {
  /** Days ahead of the newest observation's day. */
  days: number
  /** `YYYY-MM-DD`: the newest observation's day + `days`. */
  date: string
  /** `max(0, round(ŷ))`. */
  followers: number
  /** `max(0, round(ŷ − 2 × se))`. */
  low: number
  /** `max(0, round(ŷ + 2 × se))`. */
  high: number
  /** `round2` of the line's slope, followers per day. */
  trendPerDay: number
  model: typeof PROJECTION_MODEL
  /** Daily points the line was fitted to. */
  observations: number
  /** Newest − oldest of those days. */
  spanDays: number
}

/**
 * Fits y = a + b·x by least squares to the daily points of the last 90 days up to the newest
 * (x in days, 0 on the newest day) and reads it at x₀ = 30. The band is ± 2 standard errors of
 * prediction, se = s·√(1 + 1/n + (x₀ − x̄)² / Sxx) with s = √(SSE / (n − 2)) the residual
 * standard error: wide when the points scatter around the line, when they are few, or when
 * they sit far back from the horizon. Null with fewer than 5 points or a span under 14 days —
 * too little to tell a trend from noise. Never below 0 followers: each value is clamped at 0.
 */
export function followerProjection(series: readonly DailyPoint[]): FollowerProjection | null {
  const newest = series[series.length - 1]
  if (newest === undefined) return null
  const points = series.filter((p) => p.day >= newest.day - PROJECTION_WINDOW_DAYS)
  const oldest = points[0]
  const n = points.length
  if (oldest === undefined || n < PROJECTION_MIN_OBSERVATIONS) return null
  const spanDays = newest.day - oldest.day
  if (spanDays < PROJECTION_MIN_SPAN_DAYS) return null

  const xs = points.map((p) => p.day - newest.day)
  const ys = points.map((p) => p.value)
  const meanX = xs.reduce((s, x) => s + x, 0) / n
  const meanY = ys.reduce((s, y) => s + y, 0) / n
  let sxx = 0
  let sxy = 0
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - meanX
    sxx += dx * dx
    sxy += dx * ((ys[i] ?? 0) - meanY)
  }
  // sxx > 0: the span of at least 14 days means the x values are not all equal.
  const slope = sxy / sxx
  const intercept = meanY - slope * meanX
  let sse = 0
  for (let i = 0; i < n; i++) {
    const residual = (ys[i] ?? 0) - (intercept + slope * (xs[i] ?? 0))
    sse += residual * residual
  }
  const x0 = PROJECTION_HORIZON_DAYS
  const s = Math.sqrt(sse / (n - 2))
  const se = s * Math.sqrt(1 + 1 / n + (x0 - meanX) ** 2 / sxx)
  const projected = intercept + slope * x0
  const half = PROJECTION_BAND_MULTIPLE * se
  const clamped = (y: number) => Math.max(0, round0(snapFloat(y)))
  return {
    days: x0,
    date: dayDate(newest.day + x0),
    followers: clamped(projected),
    low: clamped(projected - half),
    high: clamped(projected + half),
    trendPerDay: round2(snapFloat(slope)),
    model: PROJECTION_MODEL,
    observations: n,
    spanDays,
  }
}
