/** Unit tests of who a request counts as and how many requests a minute each caller gets. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { budgetOf, DEFAULT_RATE_LIMITS, isLocalRequest, isLoopback } from './rate-limit-policy.js'

const limits = { anonymous: 3, local: 13, free: 5, pro: 7, ingest: 11 }

describe('rate-limit policy', () => {
  it('has the documented defaults', () => {
    assert.deepEqual(DEFAULT_RATE_LIMITS, {
      anonymous: 30,
      local: 1200,
      free: 120,
      pro: 1200,
      ingest: 60,
    })
  })

  it('gives each kind of caller its own counter and limit', () => {
    assert.deepEqual(budgetOf({ kind: 'address', address: '192.0.2.1' }, limits), {
      bucket: 'ip:192.0.2.1',
      perMinute: 3,
    })
    assert.deepEqual(budgetOf({ kind: 'local', address: '127.0.0.1' }, limits), {
      bucket: 'local:127.0.0.1',
      perMinute: 13,
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

  it('knows loopback addresses in every spelling', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      assert.ok(isLoopback(a), a)
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '::2', '128.0.0.1', 'localhost', '', undefined])
      assert.ok(!isLoopback(a), String(a))
  })

  it('takes a request as local only from loopback, and relayed only through trusted loopback hops', () => {
    const local = (socketAddress: string, relayed = false, trustedChain: string[] | null = null) =>
      isLocalRequest({ socketAddress, relayed, trustedChain })
    assert.ok(local('127.0.0.1'))
    assert.ok(local('::1'))
    assert.ok(!local('192.0.2.1'))
    // A proxy on this host relays a remote caller; without TRUST_PROXY nothing says who it is.
    assert.ok(!local('127.0.0.1', true))
    // TRUST_PROXY does not trust the socket: the header was not believed.
    assert.ok(!local('127.0.0.1', true, ['127.0.0.1']))
    // A trusted proxy on this host vouches for a remote client, or for a forged loopback entry
    // in front of a remote one (TRUST_PROXY=true walks the whole header).
    assert.ok(!local('127.0.0.1', true, ['127.0.0.1', '203.0.113.9']))
    assert.ok(!local('127.0.0.1', true, ['127.0.0.1', '203.0.113.9', '127.0.0.1']))
    // A trusted proxy elsewhere cannot vouch for this machine's loopback.
    assert.ok(!local('10.0.0.2', true, ['10.0.0.2', '127.0.0.1']))
    // A browser on this host through a trusted proxy on this host.
    assert.ok(local('127.0.0.1', true, ['127.0.0.1', '127.0.0.1']))
  })
})
