/** Unit tests of the 30-day follower projection of metrics.md §9, worked out by hand. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dailySeries } from './daily-series.js'
import { followerProjection } from './follower-projection.js'

const DAY = 86_400
const OCT_1 = Date.UTC(2026, 9, 1) / 1000

/** One observation at noon of each day offset (0 = 2026-10-01) with these followers. */
const series = (points: ReadonlyArray<readonly [number, number]>) =>
  dailySeries(points.map(([d, value]) => ({ observedAt: OCT_1 + d * DAY + 43_200, value })))

// Days 0 5 10 15 20; x (days from the newest) = −20 −15 −10 −5 0, x̄ = −10,
// Sxx = 100 + 25 + 0 + 25 + 100 = 250.
const NOISY: ReadonlyArray<readonly [number, number]> = [
  [0, 1000],
  [5, 1600],
  [10, 2000],
  [15, 2400],
  [20, 3000],
]

describe('followerProjection', () => {
  it('extends an exact line 30 days with a band of zero width', () => {
    // 1,000 → 3,000 over 20 days: 100 a day; 30 days after the newest: 3,000 + 3,000 = 6,000.
    const p = followerProjection(
      series([
        [0, 1000],
        [5, 1500],
        [10, 2000],
        [15, 2500],
        [20, 3000],
      ]),
    )
    assert.deepEqual(p, {
      days: 30,
      date: '2026-11-20', // day 20 = Oct 21, + 30 days = Nov 20
      followers: 6000,
      low: 6000,
      high: 6000,
      trendPerDay: 100,
      model: 'linear_90d',
      observations: 5,
      spanDays: 20,
    })
  })

  it('widens the band by the scatter around the line', () => {
    // ȳ = 10,000 / 5 = 2,000; y − ȳ = −1,000 −400 0 400 1,000;
    // Sxy = 10,000 + 2,000 + 0 + 2,000 + 10,000 = 24,000 → b = 24,000 / 250 = 96,
    // a = 2,000 − 96 × (−10) = 2,960. Fitted 1,040 1,520 2,000 2,480 2,960; residuals
    // −40 80 0 −80 40 → SSE = 16,000, s² = 16,000 / 3.
    // ŷ(30) = 2,960 + 96 × 30 = 5,840; se² = s² × (1 + 1/5 + (30 + 10)² / 250) = 16,000 / 3 ×
    // 7.6 = 40,533.33 → se = 201.329; 2·se = 402.658.
    // low = round(5,437.342) = 5,437; high = round(6,242.658) = 6,243.
    assert.deepEqual(followerProjection(series(NOISY)), {
      days: 30,
      date: '2026-11-20',
      followers: 5840,
      low: 5437,
      high: 6243,
      trendPerDay: 96,
      model: 'linear_90d',
      observations: 5,
      spanDays: 20,
    })
  })

  it('fits only the last 90 days and the last observation of each day', () => {
    // A point 91 days before the newest (day −71) and an earlier sighting on day 20 change
    // nothing: the answer is the one above.
    const s = dailySeries([
      { observedAt: OCT_1 - 71 * DAY, value: 999_999 },
      { observedAt: OCT_1 + 20 * DAY + 3600, value: 50 },
      ...NOISY.map(([d, value]) => ({ observedAt: OCT_1 + d * DAY + 43_200, value })),
    ])
    assert.equal(s.length, 6)
    const p = followerProjection(s)
    assert.equal(p?.followers, 5840)
    assert.equal(p?.low, 5437)
    assert.equal(p?.high, 6243)
    assert.equal(p?.observations, 5)
    // A point exactly 90 days back is in the window: observations 6, span 90.
    const withEdge = dailySeries([
      { observedAt: OCT_1 - 70 * DAY, value: 0 },
      ...NOISY.map(([d, value]) => ({ observedAt: OCT_1 + d * DAY + 43_200, value })),
    ])
    assert.equal(followerProjection(withEdge)?.observations, 6)
    assert.equal(followerProjection(withEdge)?.spanDays, 90)
  })

  it('never goes below 0 followers: each value is clamped', () => {
    // A line losing 100 a day from 2,500: ŷ(30) = 500 − 3,000 = −2,500 → 0, band 0 … 0.
    const falling = followerProjection(
      series([
        [0, 2500],
        [5, 2000],
        [10, 1500],
        [15, 1000],
        [20, 500],
      ]),
    )
    assert.equal(falling?.followers, 0)
    assert.equal(falling?.low, 0)
    assert.equal(falling?.high, 0)
    assert.equal(falling?.trendPerDay, -100)
    // 5,900 − the noisy series: b = −96, ŷ = 5,900 − 5,840 = 60, same 2·se = 402.658:
    // low = round(−342.658) → 0, high = round(462.658) = 463.
    const p = followerProjection(series(NOISY.map(([d, v]) => [d, 5900 - v] as const)))
    assert.equal(p?.followers, 60)
    assert.equal(p?.low, 0)
    assert.equal(p?.high, 463)
    assert.equal(p?.trendPerDay, -96)
  })

  it('is null with fewer than 5 daily points or a span under 14 days', () => {
    assert.equal(followerProjection([]), null)
    assert.equal(followerProjection(series([[0, 1000]])), null)
    // 4 points over 30 days.
    assert.equal(
      followerProjection(
        series([
          [0, 1000],
          [10, 2000],
          [20, 3000],
          [30, 4000],
        ]),
      ),
      null,
    )
    // 5 points over 13 days; a sixth on day 14 makes the span 14.
    const short: Array<readonly [number, number]> = [
      [0, 1000],
      [3, 1300],
      [6, 1600],
      [9, 1900],
      [13, 2300],
    ]
    assert.equal(followerProjection(series(short)), null)
    assert.equal(followerProjection(series([...short, [14, 2400]]))?.spanDays, 14)
    // Ten sightings on one day are one daily point.
    const oneDay = dailySeries(
      Array.from({ length: 10 }, (_, i) => ({ observedAt: OCT_1 + i * 3600, value: 1000 + i })),
    )
    assert.equal(followerProjection(oneDay), null)
  })
})
