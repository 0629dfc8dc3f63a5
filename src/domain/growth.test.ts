/** Unit tests of counter growth between observations. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { growthBetween, trailingGrowth } from './growth.js'

const DAY = 86_400

describe('growthBetween', () => {
  it('gives the absolute change and round2 percent of the start value', () => {
    // 1000 → 1234: +234, 23.4 %
    assert.deepEqual(
      growthBetween({ observedAt: 1, value: 1000 }, { observedAt: 2, value: 1234 }),
      {
        fromAt: 1,
        toAt: 2,
        startValue: 1000,
        endValue: 1234,
        change: 234,
        changePercent: 23.4,
      },
    )
    // 3 → 2: −1, −33.333… → −33.33
    assert.equal(
      growthBetween({ observedAt: 1, value: 3 }, { observedAt: 2, value: 2 }).changePercent,
      -33.33,
    )
    // 8 → 9: 12.5 exactly
    assert.equal(
      growthBetween({ observedAt: 1, value: 8 }, { observedAt: 2, value: 9 }).changePercent,
      12.5,
    )
  })

  it('has no percentage from a zero start', () => {
    const g = growthBetween({ observedAt: 1, value: 0 }, { observedAt: 2, value: 50 })
    assert.equal(g.change, 50)
    assert.equal(g.changePercent, null)
  })
})

describe('trailingGrowth', () => {
  const now = 100 * DAY
  const obs = [
    { observedAt: now - 40 * DAY, value: 800 },
    { observedAt: now - 30 * DAY, value: 900 }, // exactly at now − 30 d: counts
    { observedAt: now - 10 * DAY, value: 1000 },
    { observedAt: now - 2 * DAY, value: 1100 },
    { observedAt: now + DAY, value: 5000 }, // after now: ignored
  ]

  it('compares the newest observation with the latest one at or before now − days', () => {
    const g7 = trailingGrowth(obs, now, 7)
    assert.equal(g7?.startValue, 1000)
    assert.equal(g7?.endValue, 1100)
    assert.equal(g7?.change, 100)
    assert.equal(g7?.changePercent, 10)
    const g30 = trailingGrowth(obs, now, 30)
    assert.equal(g30?.fromAt, now - 30 * DAY)
    assert.equal(g30?.change, 200)
    assert.equal(g30?.changePercent, 22.22)
  })

  it('is null without an old enough observation, or when that is the newest one', () => {
    assert.equal(trailingGrowth(obs.slice(2), now, 30), null)
    assert.equal(trailingGrowth([{ observedAt: now - 20 * DAY, value: 5 }], now, 7), null)
    assert.equal(trailingGrowth([], now, 7), null)
  })
})
