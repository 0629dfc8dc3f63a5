/** Unit tests of counter, id and time reading (§6.1–6.3). */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { countOf, durationSecondsOf, epochSecondsOf, idOf, statsCount } from './counters.js'

describe('countOf', () => {
  it('reads ints and digit strings; anything else is unknown', () => {
    assert.equal(countOf(427700), 427700)
    assert.equal(countOf('427682'), 427682)
    assert.equal(countOf(0), 0)
    assert.equal(countOf('0'), 0)
    for (const value of [undefined, null, '', '1.2M', '1e5', Number.NaN, true, {}]) {
      assert.equal(countOf(value), null, String(value))
    }
  })

  it('passes impossible numbers on as sent, for the plausibility rules to reject', () => {
    assert.equal(countOf(-1), -1)
    assert.equal(countOf(1.5), 1.5)
    assert.equal(countOf('-7'), -7)
    assert.equal(countOf(' 2.5 '), 2.5)
    assert.equal(countOf(1e14), 1e14)
  })
})

describe('statsCount', () => {
  it('prefers statsV2 per counter, falls back to stats, absent is null', () => {
    const stats = { collectCount: 59100, playCount: 14200000 }
    const statsV2 = { collectCount: '59149', repostCount: '0' }
    assert.equal(statsCount(statsV2, stats, 'collectCount'), 59149)
    assert.equal(statsCount(statsV2, stats, 'playCount'), 14200000)
    assert.equal(statsCount(statsV2, stats, 'repostCount'), 0)
    assert.equal(statsCount(statsV2, stats, 'shareCount'), null)
    assert.equal(statsCount(undefined, undefined, 'shareCount'), null)
  })

  it('tries every synonym in statsV2 before stats', () => {
    assert.equal(
      statsCount({ heart: '6764096' }, { heartCount: 6800000 }, 'heartCount', 'heart'),
      6764096,
    )
  })
})

describe('idOf', () => {
  it('keeps strings, accepts only safe integers, rejects empty and 0', () => {
    assert.equal(idOf('7513039993741397256'), '7513039993741397256')
    assert.equal(idOf(107955), '107955')
    // 6767362751674189825 after JSON.parse: already rounded, so refused.
    assert.equal(idOf(6767362751674190000), null)
    assert.equal(idOf(''), null)
    assert.equal(idOf('0'), null)
    assert.equal(idOf(0), null)
    assert.equal(idOf(undefined), null)
  })
})

describe('epochSecondsOf', () => {
  it('reads ints and numeric strings; 0 and invalid are null', () => {
    assert.equal(epochSecondsOf(1749265942), 1749265942)
    assert.equal(epochSecondsOf('1669810686'), 1669810686)
    assert.equal(epochSecondsOf(0), null)
    assert.equal(epochSecondsOf('0'), null)
    assert.equal(epochSecondsOf('2022-12-01'), null)
    assert.equal(epochSecondsOf(null), null)
  })
})

describe('durationSecondsOf', () => {
  it('converts app milliseconds and keeps web seconds', () => {
    assert.equal(durationSecondsOf(28652, 'ms'), 29)
    assert.equal(durationSecondsOf(18, 's'), 18)
    assert.equal(durationSecondsOf(0, 's'), null)
    assert.equal(durationSecondsOf('18', 's'), null)
  })
})
