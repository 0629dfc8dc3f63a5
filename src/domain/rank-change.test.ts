/** Unit tests of ranks with ties and rank change (metrics.md §8). */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { rankAgainstPrevious, rankByScore, rankChange } from './rank-change.js'

describe('rankByScore', () => {
  it('shares a rank between equal scores and places the next after all of them', () => {
    const ranked = rankByScore([
      { key: 'd', score: 1 },
      { key: 'c', score: 5 },
      { key: 'a', score: 5 },
      { key: 'b', score: 9 },
    ])
    // 9 → 1; the two 5s → 2 (a before c by key); 1 → 4.
    assert.deepEqual(
      ranked.map((r) => [r.key, r.rank]),
      [
        ['b', 1],
        ['a', 2],
        ['c', 2],
        ['d', 4],
      ],
    )
  })
})

describe('rankChange', () => {
  it('is previous − current: up is positive', () => {
    assert.deepEqual(rankChange(2, 5), { previous_rank: 5, rank_change: 3, new: false })
    assert.deepEqual(rankChange(4, 1), { previous_rank: 1, rank_change: -3, new: false })
    assert.deepEqual(rankChange(3, 3), { previous_rank: 3, rank_change: 0, new: false })
  })

  it('is null and new when not ranked in the previous period', () => {
    assert.deepEqual(rankChange(1, null), { previous_rank: null, rank_change: null, new: true })
  })
})

describe('rankAgainstPrevious', () => {
  it('ranks both periods over all their entities and joins them', () => {
    const out = rankAgainstPrevious(
      [
        { key: 'x', score: 3 },
        { key: 'y', score: 7 },
        { key: 'z', score: 1 },
      ],
      [
        { key: 'x', score: 10 },
        { key: 'q', score: 8 },
        { key: 'z', score: 2 },
      ],
    )
    // now: y 1, x 2, z 3; before: x 1, q 2, z 3.
    assert.deepEqual(
      out.map((r) => [r.key, r.rank, r.previous_rank, r.rank_change, r.new]),
      [
        ['y', 1, null, null, true],
        ['x', 2, 1, -1, false],
        ['z', 3, 3, 0, false],
      ],
    )
  })
})
