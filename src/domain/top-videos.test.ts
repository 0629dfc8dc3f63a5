/** Unit tests of the top-content orders. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { topByEngagement, topByViews } from './top-videos.js'

const v = (id: string, plays: number | null, likes: number) => ({
  id,
  plays,
  likes,
  comments: 0,
  shares: 0,
})

const videos = [
  v('3', 1000, 100), // 10 %
  v('1', 2000, 200), // 10 %, more plays
  v('2', 2000, 10), // 0.5 %
  v('4', null, 50), // unknown plays
  v('5', 0, 5), // no views
  v('0', 1000, 100), // 10 %, same plays as '3'
]

describe('topByViews', () => {
  it('orders by plays desc then id, without unknown plays', () => {
    assert.deepEqual(
      topByViews(videos, 10).map((x) => x.id),
      ['1', '2', '0', '3', '5'],
    )
    assert.deepEqual(
      topByViews(videos, 2).map((x) => x.id),
      ['1', '2'],
    )
  })
})

describe('topByEngagement', () => {
  it('orders by engagement rate desc, then plays desc, then id; only plays > 0', () => {
    assert.deepEqual(
      topByEngagement(videos, 10).map((x) => x.id),
      ['1', '0', '3', '2'],
    )
    assert.deepEqual(topByEngagement(videos, 0), [])
  })
})
