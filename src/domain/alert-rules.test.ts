import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  alertRuleSettings,
  changeFires,
  FOLLOWER_MILESTONES,
  isNewPost,
  milestoneCrossed,
  risingEventKey,
  viralFires,
} from './alert-rules.js'

const DAY = 86_400
const T = 1_800_000_000

describe('alert rules (metrics.md §10)', () => {
  it('milestones are 1, 2 and 5 × 10^k from 1,000', () => {
    assert.deepEqual(
      FOLLOWER_MILESTONES.slice(0, 7),
      [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000],
    )
    assert.equal(FOLLOWER_MILESTONES.at(-1), 5_000_000_000)
  })

  it('fires the highest milestone strictly above the baseline and at most the count', () => {
    assert.equal(milestoneCrossed(427_682, 500_100), 500_000)
    // 9,999 → 1,000,001 crosses 10K … 1M: only 1M is announced.
    assert.equal(milestoneCrossed(9_999, 1_000_001), 1_000_000)
    // Exactly on a milestone counts as reaching it; a baseline on it does not re-announce it.
    assert.equal(milestoneCrossed(99_999, 100_000), 100_000)
    assert.equal(milestoneCrossed(100_000, 100_500), null)
    // A drop crosses nothing.
    assert.equal(milestoneCrossed(2_100_000, 1_900_000), null)
    assert.equal(milestoneCrossed(0, 999), null)
  })

  it('growth fires at or above the percent, drop at or below its negative; unknown fires neither', () => {
    assert.equal(changeFires('growth', 10, 10), true)
    assert.equal(changeFires('growth', 9.99, 10), false)
    assert.equal(changeFires('drop', -5, 5), true)
    assert.equal(changeFires('drop', -4.99, 5), false)
    assert.equal(changeFires('drop', 25, 5), false)
    assert.equal(changeFires('growth', null, 1), false)
  })

  it('a new post is first seen after the rule and posted at most 7 days before it', () => {
    assert.equal(isNewPost(T + 60, T + 120, T), true)
    assert.equal(isNewPost(T - 7 * DAY, T, T), true)
    assert.equal(isNewPost(T - 7 * DAY - 1, T, T), false)
    // Seen before the rule existed: not news to it.
    assert.equal(isNewPost(T + 60, T - 1, T), false)
    assert.equal(isNewPost(null, T + 1, T), false)
  })

  it('viral: threshold max(3 × median, 100,000), seen since the rule, posted within 30 days before it', () => {
    // median 10,000 → threshold 100,000 (the floor).
    assert.equal(viralFires(100_000, 10_000, T, T, T), true)
    assert.equal(viralFires(99_999, 10_000, T, T, T), false)
    // median 50,000 → threshold 150,000.
    assert.equal(viralFires(149_999, 50_000, T, T, T), false)
    assert.equal(viralFires(150_000, 50_000, T - 30 * DAY, T, T), true)
    assert.equal(viralFires(150_000, 50_000, T - 30 * DAY - 1, T, T), false)
    assert.equal(viralFires(5_000_000, 10_000, T, T - 1, T), false)
    assert.equal(viralFires(5_000_000, null, T, T, T), false)
    assert.equal(viralFires(null, 10_000, T, T, T), false)
  })

  it('a rising item fires once per period window', () => {
    // 1,800,000,000 / 604,800 = 2976.19… → window 2976; / 2,592,000 = 694.44… → 694.
    assert.equal(risingEventKey('7d', T), '7d:2976')
    assert.equal(risingEventKey('30d', T), '30d:694')
  })

  it('checks settings against the kind, with defaults', () => {
    assert.deepEqual(alertRuleSettings('growth', { percent: 10 }), {
      settings: { percent: 10, window_days: 7 },
    })
    assert.deepEqual(alertRuleSettings('rising', {}), { settings: { period: '7d', top: 20 } })
    assert.deepEqual(alertRuleSettings('new_post', {}), { settings: {} })
    assert.match(JSON.stringify(alertRuleSettings('drop', {})), /needs 'percent'/)
    assert.match(JSON.stringify(alertRuleSettings('new_post', { top: 3 })), /takes no 'top'/)
  })
})
