/** Unit tests of the §2 creator metrics over a selected sample. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { creatorMetrics } from './creator-metrics.js'
import type { SampleVideo } from './creator-sample.js'

const DAY = 86_400
const T = 1_700_000_000

function v(postedAt: number, plays: number, extra: Partial<SampleVideo> = {}): SampleVideo {
  return {
    postedAt,
    isPinned: false,
    plays,
    likes: 0,
    comments: 0,
    shares: 0,
    saves: null,
    ...extra,
  }
}

describe('creatorMetrics', () => {
  it('is null everywhere for an empty sample: nothing was measured (v2)', () => {
    // A 427k-follower creator seen only through pinned videos: no evidence, so no numbers.
    assert.deepEqual(creatorMetrics([], 427_682), {
      sampleSize: 0,
      avgViews: null,
      avgLikes: null,
      avgComments: null,
      avgShares: null,
      avgSaves: null,
      medianViews: null,
      engagementRate: null,
      engagementRateFollowers: null,
      viralCount: 0,
      viralRatio: null,
      postsPerWeek: null,
    })
  })

  it('measures one video: averages, median, rates, but no posting rhythm', () => {
    const m = creatorMetrics([v(T, 2_000, { likes: 150, comments: 9, shares: 3, saves: 4 })], 8_000)
    assert.deepEqual(m, {
      sampleSize: 1,
      avgViews: 2_000,
      avgLikes: 150,
      avgComments: 9,
      avgShares: 3,
      avgSaves: 4,
      medianViews: 2_000,
      // 100 × 162 / 2000 = 8.1
      engagementRate: 8.1,
      // 100 × 162 / 8000 = 2.025 → 2.03
      engagementRateFollowers: 2.03,
      viralCount: 0,
      viralRatio: 0,
      postsPerWeek: null,
    })
  })

  it('measures two videos two days apart: one gap, 3.5 posts a week', () => {
    const m = creatorMetrics([v(T, 300), v(T - 2 * DAY, 500)], null)
    // (2 − 1) × 7 / 2 = 3.5; median (300 + 500) / 2 = 400
    assert.equal(m.postsPerWeek, 3.5)
    assert.equal(m.medianViews, 400)
    assert.equal(m.avgViews, 400)
  })

  it('computes the whole table on an even sample with unknown counters', () => {
    const sample = [
      v(T, 1_000, { likes: 100, comments: 10, shares: 5, saves: 7 }),
      v(T - 3 * DAY, 3_000, { likes: 201, comments: 11, shares: 5, saves: null }),
      v(T - 7 * DAY, 2_000, { likes: 150, comments: null, shares: 5, saves: null }),
      v(T - 14 * DAY, 400_000, { likes: 20_000, comments: 500, shares: 1_000, saves: 100 }),
    ]
    assert.deepEqual(creatorMetrics(sample, 50_000), {
      sampleSize: 4,
      // (1000 + 3000 + 2000 + 400000) / 4 = 406000 / 4 = 101500
      avgViews: 101_500,
      // (100 + 201 + 150 + 20000) / 4 = 20451 / 4 = 5112.75 → 5113
      avgLikes: 5_113,
      // (10 + 11 + 0 + 500) / 4 = 521 / 4 = 130.25 → 130 (null comments count as 0)
      avgComments: 130,
      // (5 + 5 + 5 + 1000) / 4 = 1015 / 4 = 253.75 → 254
      avgShares: 254,
      // known saves only: (7 + 100) / 2 = 53.5 → 54
      avgSaves: 54,
      // sorted 1000, 2000, 3000, 400000 → (2000 + 3000) / 2 = 2500
      medianViews: 2_500,
      // 100 × (20451 + 521 + 1015) / 406000 = 2198700 / 406000 = 5.4155… → 5.42
      engagementRate: 5.42,
      // 100 × (5113 + 130 + 254) / 50000 = 549700 / 50000 = 10.994 → 10.99
      engagementRateFollowers: 10.99,
      // threshold max(3 × 2500, 100000) = 100000 → only the 400000 video
      viralCount: 1,
      // 100 × 1 / 4 = 25
      viralRatio: 25,
      // span 14 days: (4 − 1) × 7 / 14 = 1.5
      postsPerWeek: 1.5,
    })
  })

  it('rounds an engagement rate of exactly 2.345 up to 2.35', () => {
    const sample = [
      v(T, 10_000, { likes: 200, comments: 30, shares: 4 }),
      v(T - DAY, 10_000, { likes: 200, comments: 30, shares: 5 }),
    ]
    // 100 × (400 + 60 + 9) / 20000 = 46900 / 20000 = 2.345 → 2.35
    assert.equal(creatorMetrics(sample, null).engagementRate, 2.35)
  })

  it('rounds an engagement rate of exactly 1.005 up to 1.01', () => {
    const sample = [
      v(T, 10_000, { likes: 100, comments: 0, shares: 0 }),
      v(T - DAY, 10_000, { likes: 100, comments: 1, shares: 0 }),
    ]
    // 100 × 201 / 20000 = 1.005 → 1.01
    assert.equal(creatorMetrics(sample, null).engagementRate, 1.01)
  })

  it('gives no engagement rate (Σ plays = 0), no viral video and a 0 median at 0 plays', () => {
    const sample = [v(T, 0, { likes: 5 }), v(T - DAY, 0), v(T - 2 * DAY, 0)]
    const m = creatorMetrics(sample, 100)
    assert.equal(m.engagementRate, null)
    assert.equal(m.avgViews, 0)
    assert.equal(m.medianViews, 0)
    assert.equal(m.viralCount, 0)
    // round(5 / 3) = round(1.67) = 2; 100 × 2 / 100 = 2
    assert.equal(m.avgLikes, 2)
    assert.equal(m.engagementRateFollowers, 2)
  })

  it('returns null follower engagement for 0 or unknown followers', () => {
    const sample = [v(T, 100, { likes: 10 })]
    assert.equal(creatorMetrics(sample, 0).engagementRateFollowers, null)
    assert.equal(creatorMetrics(sample, null).engagementRateFollowers, null)
  })

  it('takes the middle play count for an odd sample', () => {
    const sample = [v(T, 100), v(T - DAY, 300), v(T - 2 * DAY, 200)]
    assert.equal(creatorMetrics(sample, null).medianViews, 200)
  })

  it('rounds an even median ending in .5 up', () => {
    const sample = [v(T, 1_001), v(T - DAY, 1_002)]
    // (1001 + 1002) / 2 = 1001.5 → 1002
    assert.equal(creatorMetrics(sample, null).medianViews, 1_002)
  })

  it('rounds averages and the viral ratio half-up', () => {
    // 15 videos of 1000 plays and one of 200000, one day apart
    const sample = Array.from({ length: 16 }, (_, i) => v(T - i * DAY, i === 0 ? 200_000 : 1_000))
    const m = creatorMetrics(sample, null)
    // (15 × 1000 + 200000) / 16 = 215000 / 16 = 13437.5 → 13438
    assert.equal(m.avgViews, 13_438)
    // median of fifteen 1000s and one 200000 = 1000; threshold = 100000 → 1 viral
    assert.equal(m.viralCount, 1)
    // 100 × 1 / 16 = 6.25 → 6.3
    assert.equal(m.viralRatio, 6.3)
    // span 15 days: 15 × 7 / 15 = 7
    assert.equal(m.postsPerWeek, 7)
  })

  it('counts a video at exactly 3 × median as viral', () => {
    // median of 50000, 50000, 150000 = 50000 → threshold max(150000, 100000) = 150000
    const sample = [v(T, 150_000), v(T - DAY, 50_000), v(T - 2 * DAY, 50_000)]
    const m = creatorMetrics(sample, null)
    assert.equal(m.viralCount, 1)
    // 100 × 1 / 3 = 33.33… → 33.3
    assert.equal(m.viralRatio, 33.3)
  })

  it('computes posts per week from the span, rounding half-up', () => {
    // 5 videos over 16 days: 4 × 7 / 16 = 1.75 → 1.8
    const five = [0, 4, 8, 12, 16].map((d) => v(T - d * DAY, 100))
    assert.equal(creatorMetrics(five, null).postsPerWeek, 1.8)
    // 3 videos over 10 days: 2 × 7 / 10 = 1.4
    const three = [0, 5, 10].map((d) => v(T - d * DAY, 100))
    assert.equal(creatorMetrics(three, null).postsPerWeek, 1.4)
    // 2 videos over 3.5 days: 1 × 7 / 3.5 = 2
    const two = [v(T, 100), v(T - 3.5 * DAY, 100)]
    assert.equal(creatorMetrics(two, null).postsPerWeek, 2)
  })

  it('uses a span of at least one day', () => {
    // 12 hours apart: span 0.5 day → max(0.5, 1) = 1 → 1 × 7 / 1 = 7
    const halfDay = [v(T, 100), v(T - DAY / 2, 100)]
    assert.equal(creatorMetrics(halfDay, null).postsPerWeek, 7)
    // 3 videos at the same second: 2 × 7 / 1 = 14
    const sameSecond = [v(T, 100), v(T, 100), v(T, 100)]
    assert.equal(creatorMetrics(sameSecond, null).postsPerWeek, 14)
  })

  it('gives no posts per week with fewer than 2 videos', () => {
    assert.equal(creatorMetrics([v(T, 100)], null).postsPerWeek, null)
  })

  it('gives no average saves when no save count is known', () => {
    const sample = [v(T, 100), v(T - DAY, 100)]
    assert.equal(creatorMetrics(sample, null).avgSaves, null)
  })
})
