/** Unit tests of the follower tiers. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { tierOf } from './tier.js'

describe('tierOf', () => {
  it('treats unknown followers as nano', () => {
    assert.equal(tierOf(null), 'nano')
  })

  it('puts each boundary in the upper tier', () => {
    assert.equal(tierOf(0), 'nano')
    assert.equal(tierOf(9_999), 'nano')
    assert.equal(tierOf(10_000), 'micro')
    assert.equal(tierOf(99_999), 'micro')
    assert.equal(tierOf(100_000), 'mid')
    assert.equal(tierOf(499_999), 'mid')
    assert.equal(tierOf(500_000), 'macro')
    assert.equal(tierOf(999_999), 'macro')
    assert.equal(tierOf(1_000_000), 'mega')
    assert.equal(tierOf(250_000_000), 'mega')
  })
})
