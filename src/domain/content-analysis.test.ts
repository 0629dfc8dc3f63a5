/** Unit tests of the content analysis (content types, duration buckets). */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { contentAnalysis } from './content-analysis.js'

const video = (
  duration: number | null,
  plays: number | null,
  likes = 0,
  contentType = 'video',
) => ({
  contentType,
  duration,
  plays,
  likes,
  comments: null,
  shares: 1,
})

describe('contentAnalysis', () => {
  const a = contentAnalysis([
    video(59, 1000, 99), // short
    video(60, 2000, 199), // medium (60 is medium)
    video(300, 1001, 0), // medium (300 is medium)
    video(301, null), // long, views unknown
    video(null, 500, 10, 'slideshow'), // no duration
    video(15, 0, 0), // short, zero plays
  ])

  it('counts content types with round1 shares', () => {
    assert.equal(a.videosAnalyzed, 6)
    // 5 / 6 = 83.333… → 83.3 ; 1 / 6 = 16.666… → 16.7
    assert.deepEqual(a.contentTypes, {
      video: { count: 5, percent: 83.3 },
      slideshow: { count: 1, percent: 16.7 },
    })
  })

  it('averages known durations', () => {
    // (59 + 60 + 300 + 301 + 15) / 5 = 147
    assert.equal(a.avgDuration, 147)
    assert.equal(a.unknownDuration, 1)
  })

  it('buckets by duration with views and the views-weighted engagement rate', () => {
    // short: 59 s and 15 s; plays 1000 + 0 = 1000 over 2 → 500; (99+1 + 0+1) / 1000 = 10.1 %
    assert.deepEqual(a.durationBuckets.short, {
      count: 2,
      percent: 33.3,
      avgViews: 500,
      engagementRate: 10.1,
    })
    // medium: (2000 + 1001) / 2 = 1500.5 → 1501; (199+1 + 0+1) / 3001 = 6.6977… → 6.7
    assert.deepEqual(a.durationBuckets.medium, {
      count: 2,
      percent: 33.3,
      avgViews: 1501,
      engagementRate: 6.7,
    })
    // long: one video without views
    assert.deepEqual(a.durationBuckets.long, {
      count: 1,
      percent: 16.7,
      avgViews: null,
      engagementRate: null,
    })
  })

  it('is all zeros for no video', () => {
    const e = contentAnalysis([])
    assert.equal(e.avgDuration, null)
    assert.deepEqual(e.contentTypes.video, { count: 0, percent: 0 })
    assert.equal(e.durationBuckets.short.engagementRate, null)
  })

  it('gives 0 % engagement when the bucket has only zero-view videos', () => {
    assert.equal(contentAnalysis([video(10, 0, 5)]).durationBuckets.short.engagementRate, 0)
  })
})
