/** The corroboration rule (metrics.md §1.1) on hand-computed cases. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  agree,
  FOLLOWERS_RULE,
  judgeCounter,
  type PendingDispute,
  PLAYS_RULE,
  trustWeight,
} from './corroboration.js'

const T = 1_790_000_000
const untrusted = () => 0
const anchor = { value: 10_000, at: T, contributor: 'a' }

describe('agree and trustWeight', () => {
  it('agree: within 10 % of the larger plus 100', () => {
    // 10,000 vs 11,000: |Δ| 1,000 ≤ 0.1 × 11,000 + 100 = 1,200.
    assert.equal(agree(10_000, 11_000), true)
    // 10,000 vs 11,300: 1,300 > 0.1 × 11,300 + 100 = 1,230.
    assert.equal(agree(10_000, 11_300), false)
    // 0 vs 111: 111 ≤ 11.1 + 100; 0 vs 112: 112 > 11.2 + 100.
    assert.equal(agree(0, 111), true)
    assert.equal(agree(0, 112), false)
    // TikTok's rounded author block against the exact profile.
    assert.equal(agree(427_700, 427_682), true)
  })

  it('trustWeight: corroborated observations over 20, the operator always 1', () => {
    assert.equal(trustWeight('ctb_x', 0), 0)
    assert.equal(trustWeight('ctb_x', 5), 0.25)
    assert.equal(trustWeight('ctb_x', 40), 1)
    for (const operator of ['static', 'cli-import', 'demo', null]) {
      assert.equal(trustWeight(operator, 0), 1)
    }
  })
})

describe('judgeCounter', () => {
  it('bands: followers up to 2 × anchor + 1,000, down to a tenth', () => {
    const at = T + 3600
    const ok = (value: number) =>
      judgeCounter(FOLLOWERS_RULE, anchor, { value, at, contributor: 'b' }, untrusted, []).accept
    assert.equal(ok(21_000), true)
    assert.equal(ok(21_001), false)
    assert.equal(ok(1_000), true)
    assert.equal(ok(999), false)
  })

  it('plays: up to 100 × anchor + 100,000, down to half', () => {
    const at = T + 3600
    const verdict = (value: number) =>
      judgeCounter(PLAYS_RULE, anchor, { value, at, contributor: 'b' }, untrusted, [])
    assert.equal(verdict(1_100_000).accept, true)
    const jump = verdict(1_100_001)
    assert.equal(jump.accept ? null : jump.reason, 'implausible_jump')
    assert.equal(verdict(5_000).accept, true)
    const drop = verdict(4_999)
    assert.equal(drop.accept ? null : drop.reason, 'implausible_drop')
  })

  it('an agreeing value from another contributor moves the anchor and corroborates both', () => {
    const v = judgeCounter(
      FOLLOWERS_RULE,
      anchor,
      { value: 10_500, at: T + 60, contributor: 'b' },
      untrusted,
      [],
    )
    assert.deepEqual(v, {
      accept: true,
      anchor: { value: 10_500, at: T + 60, contributor: 'b' },
      corroborated: ['b', 'a'],
      confirmed: [],
    })
    // The same contributor agreeing with itself corroborates nothing, and moves nothing.
    const self = judgeCounter(
      FOLLOWERS_RULE,
      anchor,
      { value: 10_500, at: T + 60, contributor: 'a' },
      untrusted,
      [],
    )
    assert.deepEqual(self, { accept: true, anchor: null, corroborated: [], confirmed: [] })
  })

  it('an outlier needs agreeing disputes whose distinct voices weigh 1', () => {
    const dispute: PendingDispute = { id: 7, value: 50_000, at: T + 60, contributor: 'b' }
    const o = { value: 51_000, at: T + 120, contributor: 'c' }
    const weights = (w: Record<string, number>) => (c: string | null) => w[c ?? ''] ?? 0
    // b (0.5) + c (0.25) = 0.75: still disputed.
    const low = judgeCounter(FOLLOWERS_RULE, anchor, o, weights({ b: 0.5, c: 0.25 }), [dispute])
    assert.equal(low.accept, false)
    // b (0.5) + c (0.5) = 1: confirmed.
    const enough = judgeCounter(FOLLOWERS_RULE, anchor, o, weights({ b: 0.5, c: 0.5 }), [dispute])
    assert.deepEqual(enough, {
      accept: true,
      anchor: { value: 51_000, at: T + 120, contributor: 'c' },
      corroborated: ['b', 'c'],
      confirmed: [dispute],
    })
    // Alone, even a trusted voice is disputed once.
    const lone = judgeCounter(FOLLOWERS_RULE, anchor, o, () => 1, [])
    assert.equal(lone.accept, false)
  })
})
