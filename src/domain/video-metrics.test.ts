/** Unit tests of the per-video metrics. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { durationBucket, performanceVsAverage, videoEngagementRate } from './video-metrics.js'

describe('videoEngagementRate', () => {
  it('rounds exact ties up', () => {
    // 100 × (400 + 60 + 9) / 20000 = 2.345 → 2.35
    assert.equal(videoEngagementRate({ plays: 20_000, likes: 400, comments: 60, shares: 9 }), 2.35)
    // 100 × 201 / 20000 = 1.005 → 1.01
    assert.equal(videoEngagementRate({ plays: 20_000, likes: 201, comments: 0, shares: 0 }), 1.01)
  })

  it('rounds to 2 decimals', () => {
    // 100 × 1 / 3 = 33.333… → 33.33
    assert.equal(videoEngagementRate({ plays: 3, likes: 1, comments: 0, shares: 0 }), 33.33)
  })

  it('is 0 when plays are 0, and null when they are unknown', () => {
    assert.equal(videoEngagementRate({ plays: 0, likes: 5, comments: 1, shares: 1 }), 0)
    // Unknown plays: no evidence, so no rate (metrics v2), never 0.
    assert.equal(videoEngagementRate({ plays: null, likes: 5, comments: 1, shares: 1 }), null)
  })

  it('counts unknown likes, comments or shares as 0', () => {
    // 100 × (0 + 5 + 5) / 1000 = 1
    assert.equal(videoEngagementRate({ plays: 1_000, likes: null, comments: 5, shares: 5 }), 1)
  })
})

describe('durationBucket', () => {
  it('puts 60 s and 300 s in medium', () => {
    assert.equal(durationBucket(0), 'short')
    assert.equal(durationBucket(59), 'short')
    assert.equal(durationBucket(59.9), 'short')
    assert.equal(durationBucket(60), 'medium')
    assert.equal(durationBucket(300), 'medium')
    assert.equal(durationBucket(300.5), 'long')
    assert.equal(durationBucket(301), 'long')
  })

  it('is null for an unknown duration', () => {
    assert.equal(durationBucket(null), null)
    assert.equal(durationBucket(Number.NaN), null)
  })
})

describe('performanceVsAverage', () => {
  it('is plays / avg_views rounded to 2 decimals', () => {
    assert.equal(performanceVsAverage(150, 100), 1.5)
    // 1 / 3 = 0.333… → 0.33; 2 / 3 = 0.666… → 0.67
    assert.equal(performanceVsAverage(1, 3), 0.33)
    assert.equal(performanceVsAverage(2, 3), 0.67)
    // 1005 / 1000 = 1.005 → 1.01
    assert.equal(performanceVsAverage(1_005, 1_000), 1.01)
    assert.equal(performanceVsAverage(0, 100), 0)
  })

  it('is null when avg_views is 0 or plays are unknown', () => {
    assert.equal(performanceVsAverage(100, 0), null)
    assert.equal(performanceVsAverage(null, 100), null)
  })
})
