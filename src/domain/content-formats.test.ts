/** Unit tests of the content-format insights. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { contentFormatInsights, type FormatVideo } from './content-formats.js'

const video = (
  duration: number | null,
  plays: number,
  likes: number,
  contentType = 'video',
): FormatVideo => ({ duration, contentType, plays, likes, comments: 0, shares: 0 })

describe('contentFormatInsights', () => {
  it('buckets by duration (60 and 300 are medium) with pooled engagement', () => {
    const out = contentFormatInsights([
      video(59, 1_000, 100),
      video(60, 3_000, 90),
      video(300, 1_000, 10),
      video(301, 500, 5),
      video(null, 10, 1),
    ])
    assert.deepEqual(out.duration, [
      { bucket: 'short', videos: 1, share: 25, engagementRate: 10, avgViews: 1_000 },
      // (90 + 10) / (3000 + 1000) = 2.5 %
      { bucket: 'medium', videos: 2, share: 50, engagementRate: 2.5, avgViews: 2_000 },
      { bucket: 'long', videos: 1, share: 25, engagementRate: 1, avgViews: 500 },
    ])
    assert.equal(out.unknownDuration, 1)
  })

  it('splits video and slideshow, counting comments and shares, not saves', () => {
    const out = contentFormatInsights([
      { duration: 10, contentType: 'slideshow', plays: 3, likes: 1, comments: null, shares: 0 },
      { duration: 20, contentType: 'video', plays: 7, likes: 1, comments: 1, shares: 1 },
      { duration: 20, contentType: 'video', plays: 0, likes: null, comments: null, shares: null },
    ])
    assert.deepEqual(out.contentType, [
      // 3 / 7 = 42.857… % → 42.86; mean plays 3.5 → 4 (half-up)
      { contentType: 'video', videos: 2, share: 66.7, engagementRate: 42.86, avgViews: 4 },
      { contentType: 'slideshow', videos: 1, share: 33.3, engagementRate: 33.33, avgViews: 3 },
    ])
  })

  it('gives zeros for empty groups', () => {
    const out = contentFormatInsights([])
    assert.deepEqual(out.duration[0], {
      bucket: 'short',
      videos: 0,
      share: 0,
      engagementRate: 0,
      avgViews: 0,
    })
    assert.equal(out.contentType[1]?.videos, 0)
    assert.equal(out.unknownDuration, 0)
  })
})
