/** Unit tests of who a request counts as and how many requests a minute each caller gets. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { budgetOf, DEFAULT_RATE_LIMITS } from './rate-limit-policy.js'

const limits = { anonymous: 3, free: 5, pro: 7, ingest: 11 }

describe('rate-limit policy', () => {
  it('has the documented defaults', () => {
    assert.deepEqual(DEFAULT_RATE_LIMITS, { anonymous: 30, free: 120, pro: 1200, ingest: 60 })
  })

  it('gives each kind of caller its own counter and limit', () => {
    assert.deepEqual(budgetOf({ kind: 'address', address: '192.0.2.1' }, limits), {
      bucket: 'ip:192.0.2.1',
      perMinute: 3,
    })
    assert.deepEqual(budgetOf({ kind: 'key', id: 'abc', tier: 'free' }, limits), {
      bucket: 'key:abc',
      perMinute: 5,
    })
    assert.deepEqual(budgetOf({ kind: 'key', id: 'abc', tier: 'pro' }, limits), {
      bucket: 'key:abc',
      perMinute: 7,
    })
    assert.deepEqual(budgetOf({ kind: 'contributor', id: 'c0ffee' }, limits), {
      bucket: 'ingest:c0ffee',
      perMinute: 11,
    })
  })

  it('does not count admin keys', () => {
    assert.equal(budgetOf({ kind: 'key', id: 'abc', tier: 'admin' }, limits), null)
  })
})
