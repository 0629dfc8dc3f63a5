/** Unit tests of the rising rules of metrics.md §8, values worked out by hand. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { periodWindows, risingScore, velocityBetween } from './rising.js'

const DAY = 86_400
const T0 = 1_700_000_000

describe('periodWindows', () => {
  it('puts the previous period of the same length just before the current one', () => {
    // 7 days = 604,800 s; 30 days = 2,592,000 s.
    assert.deepEqual(periodWindows(T0, '7d'), {
      current: { from: T0 - 604_800, to: T0 },
      previous: { from: T0 - 1_209_600, to: T0 - 604_800 },
    })
    assert.deepEqual(periodWindows(T0, '30d').previous, {
      from: T0 - 5_184_000,
      to: T0 - 2_592_000,
    })
  })
})

describe('velocityBetween', () => {
  it('is the change per day between the two observations', () => {
    // 2,000 → 2,600 over 4 days: 150 a day.
    const v = velocityBetween(
      { observedAt: T0, value: 2000 },
      { observedAt: T0 + 4 * DAY, value: 2600 },
    )
    assert.equal(v?.perDay, 150)
    assert.equal(v?.spanDays, 4)
  })

  it('uses fractions of a day: 1,000 more over 36 hours is 666.67 a day', () => {
    const v = velocityBetween(
      { observedAt: T0, value: 0 },
      { observedAt: T0 + 1.5 * DAY, value: 1000 },
    )
    // 1000 / 1.5 = 666.666…
    assert.ok(Math.abs((v?.perDay ?? 0) - 666.6666666666666) < 1e-9)
  })

  it('gives nothing for two observations less than a day apart (the same day)', () => {
    assert.equal(
      velocityBetween({ observedAt: T0, value: 10 }, { observedAt: T0 + DAY - 1, value: 5000 }),
      null,
    )
    assert.equal(
      velocityBetween({ observedAt: T0, value: 10 }, { observedAt: T0, value: 10 }),
      null,
    )
  })

  it('accepts exactly one day', () => {
    const v = velocityBetween({ observedAt: T0, value: 10 }, { observedAt: T0 + DAY, value: 40 })
    assert.equal(v?.perDay, 30)
  })
})

describe('risingScore', () => {
  const v = (start: number, end: number, days: number) => {
    const out = velocityBetween(
      { observedAt: T0, value: start },
      { observedAt: T0 + days * DAY, value: end },
    )
    assert.ok(out !== null)
    return out
  }

  it('is percent of the start value per day above the floor', () => {
    // hashtag 5,000 → 8,500 in 7 days: 500/day; 100 × 500 / 5,000 = 10 %/day.
    assert.equal(risingScore(v(5000, 8500, 7), 'hashtag'), 10)
    // creator 200,000 → 230,000 in 3 days: 10,000/day; 100 × 10,000 / 200,000 = 5.
    assert.equal(risingScore(v(200_000, 230_000, 3), 'creator'), 5)
  })

  it('divides by the floor below it, so a tiny or zero base cannot dominate', () => {
    // hashtag 2 → 30 in 2 days: 14/day; 100 × 14 / max(2, 1,000) = 1.4 (not 700 %).
    assert.equal(risingScore(v(2, 30, 2), 'hashtag'), 1.4)
    // sound 0 → 700 in 7 days: 100/day; 100 × 100 / 1,000 = 10.
    assert.equal(risingScore(v(0, 700, 7), 'sound'), 10)
    // creator 0 → 3,000 in 1 day: 100 × 3,000 / 10,000 = 30.
    assert.equal(risingScore(v(0, 3000, 1), 'creator'), 30)
  })

  it('rounds half-up to 2 decimals', () => {
    // sound 3,000 → 3,100 in 3 days: 33.33…/day; 100 × 33.333… / 3,000 = 1.1111… → 1.11.
    assert.equal(risingScore(v(3000, 3100, 3), 'sound'), 1.11)
    // hashtag 8,000 → 8,001 in 1 day: 100 × 1 / 8,000 = 0.0125 → 0.01.
    assert.equal(risingScore(v(8000, 8001, 1), 'hashtag'), 0.01)
  })

  it('is null when the counter did not grow: not rising', () => {
    assert.equal(risingScore(v(5000, 5000, 3), 'hashtag'), null)
    assert.equal(risingScore(v(5000, 4000, 3), 'hashtag'), null)
    // creator 1,000,000 → 1,000,003 in 3 days: 1/day; 100 × 1 / 1,000,000 = 0.0001 → 0.00.
    assert.equal(risingScore(v(1_000_000, 1_000_003, 3), 'creator'), null)
  })
})
