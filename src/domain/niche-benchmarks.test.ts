/** Unit tests of the niche report rules. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { compareTopCreators, tierDistribution } from './niche-benchmarks.js'

describe('tierDistribution', () => {
  it('counts every tier with its share (round1)', () => {
    assert.deepEqual(tierDistribution(['micro', 'micro', 'mid']), {
      nano: { creators: 0, share: 0 },
      micro: { creators: 2, share: 66.7 },
      mid: { creators: 1, share: 33.3 },
      macro: { creators: 0, share: 0 },
      mega: { creators: 0, share: 0 },
    })
  })

  it('is all zeros for no creator', () => {
    assert.deepEqual(tierDistribution([]).mega, { creators: 0, share: 0 })
  })
})

describe('compareTopCreators', () => {
  it('orders by score desc (null last), engagement desc, followers desc, id asc', () => {
    const list = [
      { id: 'e', score: null, engagementRate: 50, followers: 1 },
      { id: 'd', score: 60, engagementRate: 5, followers: 10 },
      { id: 'c', score: 60, engagementRate: 5, followers: 10 },
      { id: 'b', score: 60, engagementRate: 5, followers: 20 },
      { id: 'a', score: 60, engagementRate: 6, followers: 1 },
      { id: 'f', score: 70, engagementRate: 1, followers: 1 },
    ]
    assert.deepEqual(
      list.sort(compareTopCreators).map((c) => c.id),
      ['f', 'a', 'b', 'c', 'd', 'e'],
    )
  })
})
