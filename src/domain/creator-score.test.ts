/** Unit tests of the creator score, its parts and the grades. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { creatorScore, gradeOf } from './creator-score.js'

const base = {
  sampleSize: 30,
  engagementRate: 0,
  avgViews: 0,
  followers: 1_000,
  viralRatio: 0,
  postsPerWeek: 0,
}

describe('creatorScore', () => {
  it('gives 100 and A+ at full marks on every part', () => {
    const result = creatorScore({
      sampleSize: 30,
      // nano benchmark 12: min(24 / 12, 2) / 2 = 1
      engagementRate: 24,
      // (5000 / 5000) / 0.5 = 2 → 1
      avgViews: 5_000,
      followers: 5_000,
      // 10 / 10 = 1
      viralRatio: 10,
      // 3 / 3 = 1
      postsPerWeek: 3,
    })
    assert.deepEqual(result, {
      score: 100,
      grade: 'A+',
      tier: 'nano',
      parts: { engagement: 1, reach: 1, virality: 1, consistency: 1 },
    })
  })

  it('weights the four parts 40/25/20/15', () => {
    const result = creatorScore({
      sampleSize: 30,
      // micro benchmark 8.5: 4.25 / 8.5 = 0.5 → 0.5 / 2 = 0.25
      engagementRate: 4.25,
      // (5000 / 20000) / 0.5 = 0.5
      avgViews: 5_000,
      followers: 20_000,
      // 5 / 10 = 0.5
      viralRatio: 5,
      // 1.5 / 3 = 0.5
      postsPerWeek: 1.5,
    })
    // 100 × (0.40 × 0.25 + 0.25 × 0.5 + 0.20 × 0.5 + 0.15 × 0.5) = 10 + 12.5 + 10 + 7.5 = 40
    assert.deepEqual(result, {
      score: 40,
      grade: 'C',
      tier: 'micro',
      parts: { engagement: 0.25, reach: 0.5, virality: 0.5, consistency: 0.5 },
    })
  })

  it('caps each part at 1', () => {
    const result = creatorScore({
      sampleSize: 30,
      // min(36 / 12, 2) / 2 = 1
      engagementRate: 36,
      // (1e6 / 1000) / 0.5 → 1
      avgViews: 1_000_000,
      followers: 1_000,
      viralRatio: 50,
      postsPerWeek: 14,
    })
    assert.deepEqual(result.parts, { engagement: 1, reach: 1, virality: 1, consistency: 1 })
    assert.equal(result.score, 100)
  })

  it('uses the benchmark of each tier', () => {
    // mid benchmark 7: 7 / 7 = 1 → 0.5
    assert.equal(
      creatorScore({ ...base, followers: 200_000, engagementRate: 7 }).parts.engagement,
      0.5,
    )
    // macro benchmark 6.5: 3.25 / 6.5 = 0.5 → 0.25
    assert.equal(
      creatorScore({ ...base, followers: 600_000, engagementRate: 3.25 }).parts.engagement,
      0.25,
    )
    // mega benchmark 6.5: 13 / 6.5 = 2 → 1
    assert.equal(
      creatorScore({ ...base, followers: 2_000_000, engagementRate: 13 }).parts.engagement,
      1,
    )
    // nano benchmark 12: 6 / 12 = 0.5 → 0.25
    assert.equal(
      creatorScore({ ...base, followers: 9_999, engagementRate: 6 }).parts.engagement,
      0.25,
    )
  })

  it('rounds a score of exactly 12.5 up (reach part)', () => {
    // R = (250 / 1000) / 0.5 = 0.5 → 100 × 0.25 × 0.5 = 12.5 → 13
    const result = creatorScore({ ...base, avgViews: 250, followers: 1_000 })
    assert.equal(result.score, 13)
    assert.equal(result.grade, 'F')
  })

  it('rounds a score of exactly 12.5 up (consistency part, inexact in binary)', () => {
    // C = 2.5 / 3 = 0.8333… → 100 × 0.15 × 2.5 / 3 = 12.5 → 13
    assert.equal(creatorScore({ ...base, postsPerWeek: 2.5 }).score, 13)
  })

  it('rounds a score of exactly 3.5 up although the doubles sum to 3.4999999999999996', () => {
    // V = 1.5 / 10 = 0.15 → 100 × 0.20 × 0.15 = 3; C = 0.1 / 3 → 100 × 0.15 × 0.1 / 3 = 0.5
    // 3 + 0.5 = 3.5 → 4
    assert.equal(creatorScore({ ...base, viralRatio: 1.5, postsPerWeek: 0.1 }).score, 4)
  })

  it('lands exactly on the grade cut-offs', () => {
    // E = 1, R = 1, V = 0, C = 0 → 40 + 25 = 65 → B; add V = 1 → 85 → A+
    const strong = { ...base, engagementRate: 24, avgViews: 500, followers: 1_000 }
    assert.equal(creatorScore({ ...strong, viralRatio: 10 }).score, 85)
    assert.equal(creatorScore({ ...strong, viralRatio: 10 }).grade, 'A+')
    // V = 2.5 / 10 = 0.25 → 65 + 5 = 70 → A
    assert.equal(creatorScore({ ...strong, viralRatio: 2.5 }).score, 70)
    assert.equal(creatorScore({ ...strong, viralRatio: 2.5 }).grade, 'A')
    // E = 1, R = 0 (avgViews 0), V = 0.75 → 40 + 15 = 55 → B
    assert.equal(creatorScore({ ...base, engagementRate: 24, viralRatio: 7.5 }).grade, 'B')
    // E = 1 alone → 40 → C; C = 1 alone → 15 → F; R = 1 alone → 25 → D
    assert.equal(creatorScore({ ...base, engagementRate: 24 }).grade, 'C')
    assert.equal(creatorScore({ ...base, avgViews: 500 }).score, 25)
    assert.equal(creatorScore({ ...base, avgViews: 500 }).grade, 'D')
    assert.equal(creatorScore({ ...base, postsPerWeek: 3 }).grade, 'F')
  })

  it('gives no reach for unknown followers, and divides by 1 for 0 followers', () => {
    // unknown: tier nano, E = min(12 / 12, 2) / 2 = 0.5 → 20, R = 0 → score 20
    const unknown = creatorScore({ ...base, engagementRate: 12, avgViews: 1_000, followers: null })
    assert.equal(unknown.tier, 'nano')
    assert.equal(unknown.parts.reach, 0)
    assert.equal(unknown.score, 20)
    // 0 followers: R = min((1000 / max(0, 1)) / 0.5, 1) = 1 → 20 + 25 = 45
    const zero = creatorScore({ ...base, engagementRate: 12, avgViews: 1_000, followers: 0 })
    assert.equal(zero.parts.reach, 1)
    assert.equal(zero.score, 45)
  })

  it('gives N/A and a null score below 3 videos, but still the parts', () => {
    const result = creatorScore({ ...base, sampleSize: 2, engagementRate: 12 })
    assert.deepEqual(result, {
      score: null,
      grade: 'N/A',
      tier: 'nano',
      // E = min(12 / 12, 2) / 2 = 0.5
      parts: { engagement: 0.5, reach: 0, virality: 0, consistency: 0 },
    })
    assert.equal(creatorScore({ ...base, sampleSize: 0 }).grade, 'N/A')
    // 3 videos are enough: 0.5 × 40 = 20 → F
    assert.equal(creatorScore({ ...base, sampleSize: 3, engagementRate: 12 }).score, 20)
  })
})

describe('creatorScore without evidence (v2)', () => {
  it('has null parts and no score for an empty sample', () => {
    const empty = {
      sampleSize: 0,
      engagementRate: null,
      avgViews: null,
      followers: 427_682,
      viralRatio: null,
      postsPerWeek: null,
    }
    assert.deepEqual(creatorScore(empty), {
      score: null,
      grade: 'N/A',
      tier: 'mid',
      parts: { engagement: null, reach: null, virality: null, consistency: null },
    })
  })

  it('computes the parts one or two videos allow, still without a grade', () => {
    // n = 1: no posts_per_week. E = min(8.1 / 12, 2) / 2 = 0.3375; R = min(2000 / 8000 / 0.5, 1)
    const one = creatorScore({
      sampleSize: 1,
      engagementRate: 8.1,
      avgViews: 2_000,
      followers: 8_000,
      viralRatio: 0,
      postsPerWeek: null,
    })
    assert.equal(one.grade, 'N/A')
    assert.equal(one.score, null)
    assert.ok(Math.abs((one.parts.engagement ?? 0) - 0.3375) < 1e-12)
    assert.deepEqual(
      { ...one.parts, engagement: 0 },
      {
        engagement: 0,
        reach: 0.5,
        virality: 0,
        consistency: null,
      },
    )
  })

  it('gives no grade to three videos without plays (engagement unknown)', () => {
    const r = creatorScore({
      sampleSize: 3,
      engagementRate: null,
      avgViews: 0,
      followers: 100,
      viralRatio: 0,
      postsPerWeek: 7,
    })
    assert.equal(r.score, null)
    assert.equal(r.grade, 'N/A')
    assert.equal(r.parts.engagement, null)
    assert.equal(r.parts.consistency, 1)
  })
})

describe('gradeOf', () => {
  it('is inclusive at every cut-off', () => {
    assert.equal(gradeOf(100), 'A+')
    assert.equal(gradeOf(85), 'A+')
    assert.equal(gradeOf(84), 'A')
    assert.equal(gradeOf(70), 'A')
    assert.equal(gradeOf(69), 'B')
    assert.equal(gradeOf(55), 'B')
    assert.equal(gradeOf(54), 'C')
    assert.equal(gradeOf(40), 'C')
    assert.equal(gradeOf(39), 'D')
    assert.equal(gradeOf(25), 'D')
    assert.equal(gradeOf(24), 'F')
    assert.equal(gradeOf(0), 'F')
  })
})
