/** Unit tests of the hashtag and sound totals. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { hashtagTotals, soundUserCount } from './hashtag-totals.js'

const tracked = { videoCount: 12, views: 34_567 }

describe('hashtagTotals', () => {
  it("uses TikTok's figures when observed", () => {
    assert.deepEqual(hashtagTotals({ videoCount: 1_500_000, viewCount: 9_000_000_000 }, tracked), {
      videoCount: 1_500_000,
      viewCount: 9_000_000_000,
      source: 'tiktok',
    })
  })

  it("uses TikTok's figures even when they are 0", () => {
    assert.deepEqual(hashtagTotals({ videoCount: 0, viewCount: 0 }, tracked), {
      videoCount: 0,
      viewCount: 0,
      source: 'tiktok',
    })
  })

  it('falls back to the tracked videos when TikTok figures were not observed', () => {
    assert.deepEqual(hashtagTotals({ videoCount: null, viewCount: null }, tracked), {
      videoCount: 12,
      viewCount: 34_567,
      source: 'tracked',
    })
  })

  it('does not mix sources when only one TikTok figure is known', () => {
    const expected = { videoCount: 12, viewCount: 34_567, source: 'tracked' }
    assert.deepEqual(hashtagTotals({ videoCount: 100, viewCount: null }, tracked), expected)
    assert.deepEqual(hashtagTotals({ videoCount: null, viewCount: 100 }, tracked), expected)
  })
})

describe('soundUserCount', () => {
  it("uses TikTok's figure when observed, even 0", () => {
    assert.equal(soundUserCount(123_456, 5), 123_456)
    assert.equal(soundUserCount(0, 5), 0)
  })

  it('falls back to the tracked video count', () => {
    assert.equal(soundUserCount(null, 5), 5)
  })
})
