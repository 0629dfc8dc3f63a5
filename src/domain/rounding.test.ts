/** Unit tests of the half-up rounding helpers and the median. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { median, round0, round1, round2, roundHalfUp, snapFloat } from './rounding.js'

describe('roundHalfUp', () => {
  it('rounds exact decimal ties away from zero', () => {
    assert.equal(roundHalfUp(2.345, 2), 2.35)
    assert.equal(roundHalfUp(0.125, 2), 0.13)
    assert.equal(roundHalfUp(-0.125, 2), -0.13)
    assert.equal(roundHalfUp(0.5), 1)
    assert.equal(roundHalfUp(1.5), 2)
    assert.equal(roundHalfUp(2.5), 3)
    assert.equal(roundHalfUp(-2.5), -3)
  })

  it('judges ties on the decimal literal, not on the binary value', () => {
    // 1.005 is stored as 1.00499999999999989…; Math.round(1.005 * 100) / 100 gives 1
    assert.equal(roundHalfUp(1.005, 2), 1.01)
    // 8.575 * 100 = 857.4999999999999 in binary
    assert.equal(roundHalfUp(8.575, 2), 8.58)
    assert.equal(roundHalfUp(1.255, 2), 1.26)
    assert.equal(roundHalfUp(1.45, 1), 1.5)
    assert.equal(roundHalfUp(0.05, 1), 0.1)
  })

  it('rounds below ties down and leaves short values alone', () => {
    assert.equal(roundHalfUp(2.344, 2), 2.34)
    assert.equal(roundHalfUp(2.3449, 2), 2.34)
    assert.equal(roundHalfUp(1.2, 2), 1.2)
    assert.equal(roundHalfUp(42), 42)
    assert.equal(roundHalfUp(0.04), 0)
    assert.equal(roundHalfUp(0.0049, 2), 0)
  })

  it('carries into a new digit', () => {
    assert.equal(roundHalfUp(99.95, 1), 100)
    assert.equal(roundHalfUp(9.999, 2), 10)
    assert.equal(roundHalfUp(0.995, 2), 1)
  })

  it('never returns -0', () => {
    assert.ok(Object.is(roundHalfUp(-0.4), 0))
    assert.ok(Object.is(roundHalfUp(-0), 0))
    assert.ok(Object.is(roundHalfUp(-0.001, 2), 0))
  })

  it('supports negative decimals, huge and tiny values', () => {
    // 123.456 to tens: 12|3.456 → 120; 125 → 130
    assert.equal(roundHalfUp(123.456, -1), 120)
    assert.equal(roundHalfUp(125, -1), 130)
    assert.equal(roundHalfUp(1e21), 1e21)
    assert.equal(roundHalfUp(1.23e-7, 2), 0)
    assert.equal(roundHalfUp(123_456_789.5), 123_456_790)
  })

  it('passes non-finite values through and rejects fractional decimals', () => {
    assert.ok(Number.isNaN(roundHalfUp(Number.NaN, 2)))
    assert.equal(roundHalfUp(Number.POSITIVE_INFINITY, 2), Number.POSITIVE_INFINITY)
    assert.throws(() => roundHalfUp(1.5, 0.5), RangeError)
  })
})

describe('round0 / round1 / round2', () => {
  it('are roundHalfUp to 0, 1 and 2 decimals', () => {
    assert.equal(round0(2.5), 3)
    assert.equal(round0(13437.5), 13438)
    assert.equal(round1(1.75), 1.8)
    assert.equal(round1(6.25), 6.3)
    assert.equal(round1(33.333), 33.3)
    assert.equal(round2(1.005), 1.01)
    assert.equal(round2(-1.005), -1.01)
  })
})

describe('snapFloat', () => {
  it('removes floating-point noise but keeps real digits', () => {
    assert.equal(snapFloat(0.1 + 0.2), 0.3)
    assert.equal(snapFloat(62.49999999999999), 62.5)
    assert.equal(snapFloat(50.099999999999994), 50.1)
    assert.equal(snapFloat(2.345), 2.345)
    assert.equal(snapFloat(123_456_789), 123_456_789)
  })
})

describe('median', () => {
  it('is 0 for an empty list', () => {
    assert.equal(median([]), 0)
  })

  it('takes the middle value for odd n, whatever the input order', () => {
    assert.equal(median([5]), 5)
    assert.equal(median([3, 1, 2]), 2)
    assert.equal(median([100, 300, 200, 250, 50]), 200)
  })

  it('averages the two middle values for even n, unrounded', () => {
    assert.equal(median([10, 20]), 15)
    // sorted 1, 2, 3, 4 → (2 + 3) / 2
    assert.equal(median([4, 1, 3, 2]), 2.5)
    assert.equal(median([1001, 1002]), 1001.5)
    assert.equal(median([7, 7, 7, 9]), 7)
  })

  it('sorts numerically and does not mutate its input', () => {
    const values = [10, 9, 100, 2]
    // numeric sort 2, 9, 10, 100 → (9 + 10) / 2 (a string sort would give 10, 100, 2, 9)
    assert.equal(median(values), 9.5)
    assert.deepEqual(values, [10, 9, 100, 2])
  })
})
