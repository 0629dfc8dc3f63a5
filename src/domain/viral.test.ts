/** Unit tests of the viral-video rule. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isViral, viralThreshold } from './viral.js'

describe('viralThreshold', () => {
  it('is 3 × median_views above the 100k floor', () => {
    // 3 × 50,000 = 150,000 > 100,000
    assert.equal(viralThreshold(50_000), 150_000)
    // 3 × 33,334 = 100,002
    assert.equal(viralThreshold(33_334), 100_002)
  })

  it('is the 100k floor for small medians', () => {
    // 3 × 10,000 = 30,000 < 100,000
    assert.equal(viralThreshold(10_000), 100_000)
    assert.equal(viralThreshold(0), 100_000)
  })
})

describe('isViral', () => {
  it('is inclusive at the floor', () => {
    assert.equal(isViral(100_000, 500), true)
    assert.equal(isViral(99_999, 500), false)
  })

  it('is inclusive at 3 × median', () => {
    assert.equal(isViral(150_000, 50_000), true)
    assert.equal(isViral(149_999, 50_000), false)
  })

  it('does not call a 1,500-view post of a tiny account viral', () => {
    // 3 × 400 = 1,200 ≤ 1,500 but the floor is 100,000
    assert.equal(isViral(1_500, 400), false)
  })
})
