/** How the watchlist page reads (web/src/watch-format.ts): changes, rules, sparklines. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  changeText,
  counted,
  itemName,
  ruleText,
  signed,
  sparklinePoints,
} from '../web/src/watch-format.js'

describe('watchlist changes', () => {
  it('writes the sign always, the percentage when there is one, and a dash when unknown', () => {
    assert.equal(signed(27_682), '+27,682')
    assert.equal(signed(-1_200), '\u22121,200')
    assert.equal(signed(0), '0')
    assert.deepEqual(changeText({ change: 27_682, change_percent: 6.92 }), {
      text: '+27,682 (+6.92 %)',
      direction: 'up',
    })
    assert.deepEqual(changeText({ change: -1_200, change_percent: -0.3 }), {
      text: '\u22121,200 (\u22120.3 %)',
      direction: 'down',
    })
    // A real zero is a zero, not unknown.
    assert.deepEqual(changeText({ change: 0, change_percent: 0 }), {
      text: '0 (0 %)',
      direction: 'flat',
    })
    // From a start of 0 there is no percentage, only the amount.
    assert.deepEqual(changeText({ change: 500, change_percent: null }), {
      text: '+500',
      direction: 'up',
    })
    assert.deepEqual(changeText(null), { text: '—', direction: 'unknown' })
  })
})

describe('counts and item names', () => {
  it('writes a plural only for other than one, and names items as the pages do', () => {
    assert.equal(counted(1, 'item'), '1 item')
    assert.equal(counted(0, 'rule'), '0 rules')
    assert.equal(counted(1_200, 'item'), '1,200 items')
    assert.equal(itemName({ kind: 'creator', ref: 'zg.520' }), '@zg.520')
    assert.equal(itemName({ kind: 'hashtag', ref: 'china' }), '#china')
    assert.equal(
      itemName({ kind: 'video', ref: '7498337886933191777' }),
      'video 7498337886933191777',
    )
    assert.equal(itemName({ kind: 'sound', ref: '42' }), 'sound 42')
  })
})

describe('alert rules in words', () => {
  it('names each kind with its settings, the defaults where none were stored', () => {
    assert.equal(ruleText({ kind: 'new_post', settings: {} }), 'New post')
    assert.equal(ruleText({ kind: 'follower_milestone', settings: {} }), 'Follower milestone')
    assert.equal(
      ruleText({ kind: 'growth', settings: { percent: 10, window_days: 30 } }),
      'Growth of 10 % or more over 30 d',
    )
    assert.equal(
      ruleText({ kind: 'drop', settings: { percent: 5 } }),
      'Drop of 5 % or more over 7 d',
    )
    assert.equal(ruleText({ kind: 'rising', settings: {} }), 'Rising: top 20 of the 7d list')
    assert.equal(
      ruleText({ kind: 'rising', settings: { period: '30d', top: 5 } }),
      'Rising: top 5 of the 30d list',
    )
  })
})

describe('sparkline geometry', () => {
  it('has nothing to draw without values and puts a single value in the middle', () => {
    assert.deepEqual(sparklinePoints([], 96, 26, 3), [])
    assert.deepEqual(sparklinePoints([427_682], 96, 26, 3), [[48, 13]])
  })

  it('spreads values over the width, the largest at the top, the smallest at the bottom', () => {
    // Width 96, pad 3: x from 3 to 93 in steps of 90 / 2 = 45. Height 26, pad 3: y from 3
    // (400) to 23 (100); 250 is halfway: 3 + (400 − 250) / 300 × 20 = 13.
    assert.deepEqual(sparklinePoints([100, 400, 250], 96, 26, 3), [
      [3, 23],
      [48, 3],
      [93, 13],
    ])
    // Equal values: a level line at half height (no division by a zero range).
    assert.deepEqual(sparklinePoints([7, 7], 96, 26, 3), [
      [3, 13],
      [93, 13],
    ])
  })
})
