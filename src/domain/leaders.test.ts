/** Unit tests of the comparison leader. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { leaderOf } from './leaders.js'

describe('leaderOf', () => {
  it('picks the highest value', () => {
    assert.deepEqual(
      leaderOf([
        { username: 'a', value: 3.5 },
        { username: 'b', value: 7.25 },
        { username: 'c', value: 1 },
      ]),
      { value: 7.25, usernames: ['b'] },
    )
  })

  it('lists every tied username in code-unit order', () => {
    assert.deepEqual(
      leaderOf([
        { username: 'zed', value: 5 },
        { username: 'Amy', value: 5 },
        { username: 'bob', value: 5 },
        { username: 'eve', value: 4 },
      ]),
      { value: 5, usernames: ['Amy', 'bob', 'zed'] },
    )
  })

  it('ignores null values and is null when no value is known', () => {
    assert.deepEqual(
      leaderOf([
        { username: 'a', value: null },
        { username: 'b', value: 0 },
      ]),
      { value: 0, usernames: ['b'] },
    )
    assert.equal(leaderOf([{ username: 'a', value: null }]), null)
    assert.equal(leaderOf([]), null)
  })
})
