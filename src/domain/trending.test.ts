/** Unit tests of the trending windows and orderings. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  compareTrendingTags,
  compareTrendingVideos,
  isTrendingPeriod,
  isTrendingTag,
  TRENDING_PERIODS,
  trendingTagWindowStart,
  trendingWindowStart,
} from './trending.js'

const NOW = 1_700_000_000

describe('trending windows', () => {
  it('has the three periods in seconds', () => {
    assert.deepEqual(TRENDING_PERIODS, { '24h': 86_400, '7d': 604_800, '30d': 2_592_000 })
  })

  it('starts the window one period before now', () => {
    // 1700000000 − 86400
    assert.equal(trendingWindowStart(NOW, '24h'), 1_699_913_600)
    // 1700000000 − 604800
    assert.equal(trendingWindowStart(NOW, '7d'), 1_699_395_200)
    // 1700000000 − 2592000
    assert.equal(trendingWindowStart(NOW, '30d'), 1_697_408_000)
  })

  it('counts tags over the last 7 days', () => {
    assert.equal(trendingTagWindowStart(NOW), 1_699_395_200)
  })

  it('recognises period names only', () => {
    assert.equal(isTrendingPeriod('7d'), true)
    assert.equal(isTrendingPeriod('1y'), false)
    assert.equal(isTrendingPeriod('toString'), false)
  })
})

describe('compareTrendingVideos', () => {
  it('orders by plays desc, likes desc, then id, with null as 0', () => {
    const videos = [
      { id: '7300000000000000003', plays: 100, likes: 5 },
      { id: '7300000000000000004', plays: null, likes: 1 },
      { id: '7300000000000000001', plays: 100, likes: 5 },
      { id: '7300000000000000006', plays: 0, likes: 2 },
      { id: '7300000000000000002', plays: 100, likes: 9 },
      { id: '7300000000000000005', plays: 200, likes: null },
    ]
    assert.deepEqual(
      [...videos].sort(compareTrendingVideos).map((v) => v.id),
      [
        '7300000000000000005',
        '7300000000000000002',
        '7300000000000000001',
        '7300000000000000003',
        '7300000000000000006',
        '7300000000000000004',
      ],
    )
  })
})

describe('compareTrendingTags', () => {
  it('orders by recent videos desc, recent plays desc, then key', () => {
    const tags = [
      { key: 'b', recentVideos: 3, recentPlays: 100 },
      { key: 'a', recentVideos: 3, recentPlays: 100 },
      { key: 'c', recentVideos: 3, recentPlays: 500 },
      { key: 'd', recentVideos: 5, recentPlays: 1 },
      { key: 'e', recentVideos: 1, recentPlays: 1_000_000 },
    ]
    assert.deepEqual(
      [...tags].sort(compareTrendingTags).map((t) => t.key),
      ['d', 'c', 'a', 'b', 'e'],
    )
  })

  it('sorts by code unit, not locale', () => {
    const tags = [
      { key: 'b', recentVideos: 1, recentPlays: 1 },
      { key: 'B', recentVideos: 1, recentPlays: 1 },
    ]
    // "B" (U+0042) < "b" (U+0062)
    assert.deepEqual(
      [...tags].sort(compareTrendingTags).map((t) => t.key),
      ['B', 'b'],
    )
  })
})

describe('isTrendingTag', () => {
  it('needs at least one recent video', () => {
    assert.equal(isTrendingTag({ recentVideos: 1 }), true)
    assert.equal(isTrendingTag({ recentVideos: 0 }), false)
  })
})
