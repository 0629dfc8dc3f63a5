/** Unit tests of the quantiles (type 7) and the distribution summary. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { mean, quantile, summarizeDistribution } from './quantiles.js'

describe('quantile', () => {
  it('interpolates linearly between closest ranks (type 7)', () => {
    const xs = [1, 2, 3, 4]
    // h = 3 × 0.25 = 0.75 → 1 + 0.75 × (2 − 1)
    assert.equal(quantile(xs, 0.25), 1.75)
    assert.equal(quantile(xs, 0.5), 2.5)
    assert.equal(quantile(xs, 0.75), 3.25)
    assert.equal(quantile(xs, 0), 1)
    assert.equal(quantile(xs, 1), 4)
  })

  it('matches NumPy / Excel PERCENTILE.INC on an unsorted list', () => {
    // numpy.percentile([15, 20, 35, 40, 50], [25, 50, 75]) → [20, 35, 40]
    assert.equal(quantile([50, 15, 40, 35, 20], 0.25), 20)
    assert.equal(quantile([50, 15, 40, 35, 20], 0.5), 35)
    assert.equal(quantile([50, 15, 40, 35, 20], 0.75), 40)
    // numpy.percentile([3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 25) → 7.25
    assert.equal(quantile([3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 0.25), 7.25)
    assert.equal(quantile([3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 0.75), 14.5)
  })

  it('gives the single value for one element and 0 for none', () => {
    assert.equal(quantile([7.5], 0.25), 7.5)
    assert.equal(quantile([7.5], 0.75), 7.5)
    assert.equal(quantile([], 0.5), 0)
  })

  it('the median agrees with metrics.md (even n: mean of the two middle values)', () => {
    assert.equal(quantile([4, 1, 3, 2, 100], 0.5), 3)
    assert.equal(quantile([10, 20, 30, 41], 0.5), 25)
  })

  it('rejects p outside [0, 1] and does not mutate its input', () => {
    assert.throws(() => quantile([1], 1.5), RangeError)
    assert.throws(() => quantile([1], Number.NaN), RangeError)
    const xs = [3, 1, 2]
    quantile(xs, 0.5)
    assert.deepEqual(xs, [3, 1, 2])
  })
})

describe('mean', () => {
  it('is the arithmetic mean, 0 when empty', () => {
    assert.equal(mean([1, 2, 4]), 7 / 3)
    assert.equal(mean([]), 0)
  })
})

describe('summarizeDistribution', () => {
  it('rounds each figure half-up on the decimal value', () => {
    // mean of 1.23 and 1.24 is 1.235 in decimal (1.2349999… in binary) → 1.24
    const s = summarizeDistribution([1.23, 1.24], 2)
    assert.ok(s !== null)
    assert.ok(s !== null)
    assert.equal(s.mean, 1.24)
    assert.equal(s.median, 1.24)
    assert.equal(s.min, 1.23)
    assert.equal(s.max, 1.24)
    // q1: 1.23 + 0.25 × 0.01 = 1.2325 → 1.23; q3: 1.2375 → 1.24
    assert.equal(s.q1, 1.23)
    assert.equal(s.q3, 1.24)
  })

  it('summarizes a known list', () => {
    assert.deepEqual(summarizeDistribution([8.5, 2.25, 4, 12.1, 6], 2), {
      mean: 6.57,
      min: 2.25,
      q1: 4,
      median: 6,
      q3: 8.5,
      max: 12.1,
    })
    assert.deepEqual(summarizeDistribution([1, 2, 2, 9], 1), {
      mean: 3.5,
      min: 1,
      q1: 1.8,
      median: 2,
      q3: 3.8,
      max: 9,
    })
  })

  it('is null for an empty list: no evidence, no figures', () => {
    assert.equal(summarizeDistribution([], 2), null)
  })
})
