/** Unit tests of a video's growth between two snapshots. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { perDay, videoGrowth } from './video-growth.js'

const counters = (plays: number | null, likes: number | null) => ({
  plays,
  likes,
  comments: 10,
  shares: 0,
  saves: null,
  reposts: 0,
})

describe('perDay', () => {
  it('scales the change to 86400 s and rounds half-up to 2 decimals', () => {
    assert.equal(perDay(1_000, 2 * 86_400), 500)
    // 100 over 3 days = 33.333… → 33.33
    assert.equal(perDay(100, 3 * 86_400), 33.33)
    // 1 over 8 days = 0.125 → 0.13
    assert.equal(perDay(1, 8 * 86_400), 0.13)
    // 10 over 12 hours = 20 per day
    assert.equal(perDay(10, 43_200), 20)
    assert.equal(perDay(-50, 86_400), -50)
  })

  it('refuses an empty span', () => {
    assert.throws(() => perDay(1, 0), RangeError)
  })
})

describe('videoGrowth', () => {
  it('gives absolute, percent and per-day growth of every counter', () => {
    const g = videoGrowth(
      { observedAt: 1_000_000, ...counters(8_000, 400) },
      { observedAt: 1_000_000 + 4 * 86_400, ...counters(10_000, 500) },
    )
    assert.ok(g)
    assert.equal(g.spanSeconds, 4 * 86_400)
    assert.equal(g.days, 4)
    // plays: 10000 − 8000 = 2000; 100 × 2000 / 8000 = 25 %; 2000 / 4 days = 500
    assert.deepEqual(g.counters.plays, { absolute: 2_000, percent: 25, per_day: 500 })
    // likes: 100; 100 × 100 / 400 = 25 %; 100 / 4 = 25
    assert.deepEqual(g.counters.likes, { absolute: 100, percent: 25, per_day: 25 })
    assert.deepEqual(g.counters.comments, { absolute: 0, percent: 0, per_day: 0 })
    // shares start at 0: no percent
    assert.deepEqual(g.counters.shares, { absolute: 0, percent: null, per_day: 0 })
  })

  it('leaves a counter unknown in either snapshot unknown', () => {
    const g = videoGrowth(
      { observedAt: 0, ...counters(null, 400) },
      { observedAt: 86_400, ...counters(10, 500) },
    )
    assert.deepEqual(g?.counters.plays, { absolute: null, percent: null, per_day: null })
    assert.deepEqual(g?.counters.saves, { absolute: null, percent: null, per_day: null })
  })

  it('gives the span in days, rounded half-up to 2 decimals', () => {
    // 3 hours = 0.125 days → 0.13
    const g = videoGrowth(
      { observedAt: 0, ...counters(1, 1) },
      { observedAt: 10_800, ...counters(2, 1) },
    )
    assert.equal(g?.days, 0.13)
    // +1 play in 0.125 days = 8 per day
    assert.equal(g?.counters.plays.per_day, 8)
  })

  it('is null for a single observation', () => {
    const s = { observedAt: 5, ...counters(1, 1) }
    assert.equal(videoGrowth(s, s), null)
  })
})
