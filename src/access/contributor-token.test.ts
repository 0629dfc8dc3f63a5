/** Unit tests of contributor tokens: format, id, stored hash and constant-time comparison. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  contributorTokenId,
  contributorTokenMatches,
  generateContributorToken,
  hashContributorToken,
} from './contributor-token.js'

describe('contributor tokens', () => {
  it('are tkc_<10 hex id>_<43 base64url>, different every time, hashed with SHA-256', () => {
    const a = generateContributorToken()
    const b = generateContributorToken()
    assert.match(a.token, /^tkc_[0-9a-f]{10}_[A-Za-z0-9_-]{43}$/)
    assert.notEqual(a.token, b.token)
    assert.equal(contributorTokenId(a.token), a.id)
    assert.match(a.hash, /^[0-9a-f]{64}$/)
    assert.equal(a.hash, hashContributorToken(a.token))
    assert.ok(!a.hash.includes(a.token.slice(15)))
  })

  it('match only their own hash', () => {
    const a = generateContributorToken()
    const b = generateContributorToken()
    assert.equal(contributorTokenMatches(a.token, a.hash), true)
    assert.equal(contributorTokenMatches(b.token, a.hash), false)
    assert.equal(contributorTokenMatches(a.token, 'abc'), false)
  })

  it('have no id unless well-formed', () => {
    for (const t of ['', 'tkc_', 'tok_0123456789_x', `tkc_0123456789_${'a'.repeat(42)}`]) {
      assert.equal(contributorTokenId(t), null, t)
    }
  })
})
