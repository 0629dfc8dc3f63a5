/** Signing and verifying webhook deliveries against a digest computed by OpenSSL. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { signatureHeader, verifyWebhookSignature } from './webhook-signature.js'

const SECRET = 'whsec_test'
const BODY = '{"event":"ping"}'
const T = 1_700_000_000
// printf '%s' '1700000000.{"event":"ping"}' | openssl dgst -sha256 -hmac whsec_test -hex
const DIGEST = 'aa8efe37b751e71157c508c5ac4acb1e9fe5225db98355dfc00f4b680afbc447'

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256', () => {
    assert.equal(signatureHeader(SECRET, BODY, T + 0.9), `t=${T},v1=${DIGEST}`)
  })

  it('accepts the signature within the window, bytes or text alike', () => {
    const header = `t=${T},v1=${DIGEST}`
    assert.deepEqual(verifyWebhookSignature(SECRET, header, BODY, T + 299), {
      valid: true,
      timestamp: T,
    })
    assert.equal(verifyWebhookSignature(SECRET, header, Buffer.from(BODY), T - 300).valid, true)
    // One matching v1 among several is enough (a receiver during a rotation).
    const two = `t=${T},v1=${'0'.repeat(64)},v1=${DIGEST}`
    assert.equal(verifyWebhookSignature(SECRET, two, BODY, T).valid, true)
  })

  it('refuses a tampered body, another secret, and timestamps outside the window', () => {
    const header = `t=${T},v1=${DIGEST}`
    const check = (h: string | undefined, body: string, now: number, secret = SECRET) =>
      verifyWebhookSignature(secret, h, body, now)
    assert.deepEqual(check(header, '{"event":"pong"}', T), { valid: false, reason: 'mismatch' })
    assert.deepEqual(check(header, BODY, T, 'whsec_other'), { valid: false, reason: 'mismatch' })
    assert.deepEqual(check(header, BODY, T + 301), { valid: false, reason: 'stale' })
    assert.deepEqual(check(header, BODY, T - 301), { valid: false, reason: 'future' })
    // A replay with a fresh timestamp but the old digest does not match.
    assert.deepEqual(check(`t=${T + 1000},v1=${DIGEST}`, BODY, T + 1000), {
      valid: false,
      reason: 'mismatch',
    })
  })

  it('refuses malformed headers', () => {
    for (const h of [
      undefined,
      '',
      `v1=${DIGEST}`,
      `t=${T}`,
      `t=abc,v1=${DIGEST}`,
      `t=${T},v1=xyz`,
    ]) {
      assert.deepEqual(verifyWebhookSignature(SECRET, h, BODY, T), {
        valid: false,
        reason: 'malformed',
      })
    }
  })
})
