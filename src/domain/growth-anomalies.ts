/** Growth anomalies (metrics.md §9): daily follower rates far from the creator's own typical rate. */

import type { DailyPoint } from './daily-series.js'
import {
  ANOMALY_MIN_DEVIATION_PER_DAY,
  ANOMALY_MIN_RATES,
  ANOMALY_Z_THRESHOLD,
  MEAN_ABSOLUTE_DEVIATION_SCALE,
  ROBUST_Z_SCALE,
} from './metric-constants.js'
import { median, round2, snapFloat } from './rounding.js'

/** The change between two consecutive points of a daily series. */
export interface DailyRate {
  /** `YYYY-MM-DD` of the later point: the day the change was seen. */
  date: string
  /** Days between the two points (≥ 1); a gap spreads the change evenly over its days. */
  days: number
  /** Later value − earlier value. */
  change: number
  /** `change / days`, unrounded. */
  rate: number
}

export interface GrowthFlag {
  date: string
  days: number
  direction: 'spike' | 'drop'
  /** Followers gained (negative: lost) between the two points. */
  followersChange: number
  /** `round2(change / days)`. */
  dailyRate: number
  /** `round2(median of the creator's daily rates)`. */
  typicalDailyRate: number
  /** `round2` of the robust z-score. */
  robustZ: number
}

/** The rate of each pair of consecutive points: `(v_i − v_{i−1}) / (day_i − day_{i−1})`. */
export function dailyRates(series: readonly DailyPoint[]): DailyRate[] {
  const rates: DailyRate[] = []
  for (let i = 1; i < series.length; i++) {
    const before = series[i - 1]
    const after = series[i]
    if (before === undefined || after === undefined) continue
    const days = after.day - before.day
    const change = after.value - before.value
    rates.push({ date: after.date, days, change, rate: change / days })
  }
  return rates
}

/**
 * The robust z-score of each rate against the median of all of them (Iglewicz & Hoaglin's
 * modified z): `0.6745 × (r − median) / MAD`, MAD = median |r − median|. When MAD is 0 (more
 * than half the rates equal the median) `(r − median) / (1.253314 × mean |r − median|)`
 * instead, so one jump in an otherwise steady history still stands out. Null when that mean
 * is 0 too: every rate is the median, nothing deviates. Unrounded.
 */
export function robustZScores(rates: readonly number[], typical: number): number[] | null {
  const deviations = rates.map((r) => Math.abs(r - typical))
  const mad = median(deviations)
  if (mad > 0) return rates.map((r) => (ROBUST_Z_SCALE * (r - typical)) / mad)
  const mean = deviations.reduce((sum, d) => sum + d, 0) / Math.max(deviations.length, 1)
  if (mean === 0) return null
  return rates.map((r) => (r - typical) / (MEAN_ABSOLUTE_DEVIATION_SCALE * mean))
}

/**
 * The daily rates of `series` that are implausible for its own history, oldest first: with at
 * least 7 rates, a rate whose robust z (robustZScores), rounded to 2 decimals, is beyond ±3.5 and that is at least 100
 * followers a day away from the median. Positive z is a `spike`, negative a `drop`. Fewer
 * rates, or no spread at all: no flags.
 */
export function growthAnomalies(series: readonly DailyPoint[]): GrowthFlag[] {
  const rates = dailyRates(series)
  if (rates.length < ANOMALY_MIN_RATES) return []
  const values = rates.map((r) => r.rate)
  const typical = median(values)
  const scores = robustZScores(values, typical)
  if (scores === null) return []
  return rates.flatMap((r, i) => {
    const deviation = r.rate - typical
    // Judged as served (round2), so that every flag's robust_z is visibly beyond ±3.5.
    const z = round2(snapFloat(scores[i] ?? 0))
    if (Math.abs(z) <= ANOMALY_Z_THRESHOLD) return []
    if (Math.abs(deviation) < ANOMALY_MIN_DEVIATION_PER_DAY) return []
    return [
      {
        date: r.date,
        days: r.days,
        direction: z > 0 ? 'spike' : 'drop',
        followersChange: r.change,
        dailyRate: round2(snapFloat(r.rate)),
        typicalDailyRate: round2(snapFloat(typical)),
        robustZ: z,
      } satisfies GrowthFlag,
    ]
  })
}
