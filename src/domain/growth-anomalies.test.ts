/** Unit tests of the growth anomaly rule of metrics.md §9, every expected value worked out by hand. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dailySeries } from './daily-series.js'
import { dailyRates, growthAnomalies, robustZScores } from './growth-anomalies.js'

const DAY = 86_400
const OCT_1 = Date.UTC(2026, 9, 1) / 1000

/** Points of consecutive days from day 0: `start`, then each value `rate` more than the last. */
const cumulative = (start: number, rates: readonly number[]) => {
  const points: Array<readonly [number, number]> = [[0, start]]
  for (const [i, r] of rates.entries()) points.push([i + 1, (points[i]?.[1] ?? 0) + r])
  return points
}

/** One observation at noon of each day offset (0 = 2026-10-01) with these followers. */
const series = (points: ReadonlyArray<readonly [number, number]>) =>
  dailySeries(points.map(([d, value]) => ({ observedAt: OCT_1 + d * DAY + 43_200, value })))

describe('growthAnomalies', () => {
  it('flags a one-day spike against a steady history (MAD > 0)', () => {
    // Rates: 100, 120, 80, 110, 90, 100, 5,100, 100, 105 (9 rates).
    // Sorted: 80 90 100 100 100 105 110 120 5100 → median 100.
    // |r − 100|: 0 20 20 10 10 0 5000 0 5 → sorted 0 0 0 5 10 10 20 20 5000 → MAD 10.
    // z(5,100) = 0.6745 × 5,000 / 10 = 337.25; z(120) = 0.6745 × 20 / 10 = 1.349: not flagged.
    const s = series([
      [0, 10_000],
      [1, 10_100],
      [2, 10_220],
      [3, 10_300],
      [4, 10_410],
      [5, 10_500],
      [6, 10_600],
      [7, 15_700],
      [8, 15_800],
      [9, 15_905],
    ])
    assert.deepEqual(growthAnomalies(s), [
      {
        date: '2026-10-08',
        days: 1,
        direction: 'spike',
        followersChange: 5100,
        dailyRate: 5100,
        typicalDailyRate: 100,
        robustZ: 337.25,
      },
    ])
  })

  it('takes the last observation of a day with several, so an intraday glitch is not a jump', () => {
    // Day 7 is seen at 08:00 with 40,000 and at 20:00 with 10,700: only 10,700 counts, and the
    // rates are 100 … 100 with one 80: MAD 0, mean |r − 100| = 20 / 8, z(80) = −20 / (1.253314 ×
    // 2.5) = −6.38 but |80 − 100| = 20 < 100 a day: nothing flagged.
    const days = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((d) => ({
      observedAt: OCT_1 + d * DAY + 72_000,
      value: 10_000 + 100 * d - (d >= 5 ? 20 : 0),
    }))
    days.push({ observedAt: OCT_1 + 7 * DAY + 28_800, value: 40_000 })
    const s = dailySeries(days)
    assert.equal(s.length, 9)
    assert.deepEqual(
      dailyRates(s).map((r) => r.rate),
      [100, 100, 100, 100, 80, 100, 100, 100],
    )
    assert.deepEqual(growthAnomalies(s), [])
  })

  it('flags a drop after a 5-day gap, spread evenly, with MAD = 0 (mean deviation instead)', () => {
    // Points on days 0 1 2 3 | 8 9 10 11: rates 200 200 200, then (4,600 − 5,600) / 5 = −200
    // over the 5-day gap, then 200 200 200: 7 rates, median 200.
    // |r − 200|: 0 0 0 400 0 0 0 → MAD 0; mean = 400 / 7 = 57.142857…
    // z(−200) = −400 / (1.253314 × 400 / 7) = −7 / 1.253314 = −5.5852 → −5.59.
    const s = series([
      [0, 5000],
      [1, 5200],
      [2, 5400],
      [3, 5600],
      [8, 4600],
      [9, 4800],
      [10, 5000],
      [11, 5200],
    ])
    assert.deepEqual(growthAnomalies(s), [
      {
        date: '2026-10-09',
        days: 5,
        direction: 'drop',
        followersChange: -1000,
        dailyRate: -200,
        typicalDailyRate: 200,
        robustZ: -5.59,
      },
    ])
  })

  it('flags nothing with fewer than 7 rates, however large the jump', () => {
    // 7 points = 6 rates: 100 100 100 100 100 50,000.
    const s = series([
      [0, 1000],
      [1, 1100],
      [2, 1200],
      [3, 1300],
      [4, 1400],
      [5, 1500],
      [6, 51_500],
    ])
    assert.equal(dailyRates(s).length, 6)
    assert.deepEqual(growthAnomalies(s), [])
  })

  it('flags nothing for a single observation or none', () => {
    assert.deepEqual(growthAnomalies(series([[0, 1000]])), [])
    assert.deepEqual(growthAnomalies([]), [])
  })

  it('flags nothing when every rate is the same (no spread at all)', () => {
    // Rates 300 × 8: MAD 0 and mean deviation 0.
    const s = series([0, 1, 2, 3, 4, 5, 6, 7, 8].map((d) => [d, 2000 + 300 * d] as const))
    assert.equal(robustZScores([300, 300, 300], 300), null)
    assert.deepEqual(growthAnomalies(s), [])
  })

  it('ignores a deviation under 100 followers a day even when its z is large', () => {
    // Rates 0 0 0 0 0 0 50: median 0, MAD 0, mean 50 / 7, z = 7 / 1.253314 = 5.59 > 3.5, but
    // 50 − 0 < 100: a tiny account gaining 50 followers is not implausible.
    const s = series([0, 1, 2, 3, 4, 5, 6, 7].map((d) => [d, d === 7 ? 550 : 500] as const))
    assert.deepEqual(growthAnomalies(s), [])
  })

  it('does not flag |z| at or under 3.5', () => {
    // Rates 100 110 90 100 100 110 90 140: median 100; |r − 100|: 0 10 10 0 0 10 10 40 →
    // sorted 0 0 0 10 10 10 10 40 → MAD 10; z(140) = 0.6745 × 40 / 10 = 2.698; and the
    // deviation 40 is under 100 as well. Scaled ×10 (1,000 … 1,400): same z 2.698, deviation 400.
    const s = series(cumulative(0, [1000, 1100, 900, 1000, 1000, 1100, 900, 1400]))
    assert.equal(growthAnomalies(s).length, 0)
  })

  it('judges the cut-off on the served z: 3.50 is not flagged, 3.51 is', () => {
    // Rates 1,000 1,100 900 1,000 1,000 1,100 900 and a last one x: sorted the middle two are
    // 1,000 and 1,000 → median 1,000; |r − 1,000|: 0 100 100 0 0 100 100 (x − 1,000) → MAD
    // (100 + 100) / 2 = 100. x = 1,519: z = 0.6745 × 519 / 100 = 3.500655 → 3.50, not beyond.
    // x = 1,520: z = 0.6745 × 520 / 100 = 3.5074 → 3.51, flagged (deviation 520 ≥ 100).
    const withLast = (x: number) =>
      series(cumulative(50_000, [1000, 1100, 900, 1000, 1000, 1100, 900, x]))
    assert.deepEqual(growthAnomalies(withLast(1519)), [])
    assert.deepEqual(growthAnomalies(withLast(1520)), [
      {
        date: '2026-10-09',
        days: 1,
        direction: 'spike',
        followersChange: 1520,
        dailyRate: 1520,
        typicalDailyRate: 1000,
        robustZ: 3.51,
      },
    ])
  })
})

describe('robustZScores', () => {
  it('is 0.6745 × (r − median) / MAD', () => {
    // Rates 10 20 30 40 1000, median 30; |r − 30|: 20 10 0 10 970 → MAD 10.
    // z = 0.6745 × (−20, −10, 0, 10, 970) / 10 = −1.349, −0.6745, 0, 0.6745, 65.4265.
    const z = robustZScores([10, 20, 30, 40, 1000], 30)
    assert.deepEqual(
      z?.map((x) => Number(x.toFixed(6))),
      [-1.349, -0.6745, 0, 0.6745, 65.4265],
    )
  })
})
