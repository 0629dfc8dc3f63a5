/** Unit tests of a sound's reported user count and its source. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { soundTotals } from './sound-totals.js'

describe('soundTotals', () => {
  it("uses TikTok's figure when observed, even 0", () => {
    assert.deepEqual(soundTotals(123_456, 5), { userCount: 123_456, source: 'tiktok' })
    assert.deepEqual(soundTotals(0, 5), { userCount: 0, source: 'tiktok' })
  })

  it('falls back to the tracked video count', () => {
    assert.deepEqual(soundTotals(null, 5), { userCount: 5, source: 'tracked' })
  })
})
