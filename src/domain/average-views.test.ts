/** Unit tests of the group average views. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { averageViews } from './average-views.js'

describe('averageViews', () => {
  it('is the rounded mean over the videos with known plays', () => {
    // 1000 + 2001 = 3001 over 2 → 1500.5 → 1501 (half up)
    assert.equal(averageViews(3001, 2), 1501)
    // 10 / 3 = 3.33… → 3
    assert.equal(averageViews(10, 3), 3)
  })

  it('is null when no play count is known', () => {
    assert.equal(averageViews(0, 0), null)
  })
})
