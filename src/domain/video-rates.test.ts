/** Unit tests of the per-counter video rates and the engagement-rate difference. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { counterRate, engagementRateDifference } from './video-rates.js'

describe('counterRate', () => {
  it('is 100 × count / plays, rounded half-up to 2 decimals', () => {
    // 100 × 1 / 3 = 33.333… → 33.33
    assert.equal(counterRate(1, 3), 33.33)
    // 100 × 201 / 20000 = 1.005 → 1.01 (a decimal tie rounds up)
    assert.equal(counterRate(201, 20_000), 1.01)
    // 100 × 2 / 3 = 66.666… → 66.67
    assert.equal(counterRate(2, 3), 66.67)
  })

  it('can exceed 100 (more likes than plays are possible in TikTok data)', () => {
    assert.equal(counterRate(150, 100), 150)
  })

  it('is 0 when plays is 0 and null when either number is unknown', () => {
    assert.equal(counterRate(5, 0), 0)
    assert.equal(counterRate(null, 100), null)
    assert.equal(counterRate(5, null), null)
  })
})

describe('engagementRateDifference', () => {
  it('subtracts in percentage points without binary noise', () => {
    // 5.35 − 2.1 is 3.2499999999999996 in binary; the decimal answer is 3.25
    assert.equal(engagementRateDifference(5.35, 2.1), 3.25)
    assert.equal(engagementRateDifference(0.3, 0.1), 0.2)
    assert.equal(engagementRateDifference(2.1, 5.35), -3.25)
    assert.equal(engagementRateDifference(4, 4), 0)
  })
})
