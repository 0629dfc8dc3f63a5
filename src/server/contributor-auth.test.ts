/** Unit tests of contributor authentication: token extraction, comparison and stored id. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { FastifyRequest } from 'fastify'
import {
  authenticateIngest,
  contributorId,
  contributorToken,
  tokenMatches,
} from './contributor-auth.js'

/** A request with just the headers `contributorToken` reads (Node lower-cases header names). */
function request(headers: Record<string, string>): FastifyRequest {
  return { headers } as unknown as FastifyRequest
}

describe('contributorToken', () => {
  it('reads a Bearer token', () => {
    assert.equal(
      contributorToken(request({ authorization: 'Bearer s3cret-token-1' })),
      's3cret-token-1',
    )
  })

  it('accepts the scheme in any case', () => {
    assert.equal(contributorToken(request({ authorization: 'bearer abc' })), 'abc')
    assert.equal(contributorToken(request({ authorization: 'BEARER abc' })), 'abc')
    assert.equal(contributorToken(request({ authorization: 'BeArEr abc' })), 'abc')
  })

  it('accepts extra spaces and tabs around the token', () => {
    assert.equal(contributorToken(request({ authorization: 'Bearer     abc' })), 'abc')
    assert.equal(contributorToken(request({ authorization: 'Bearer abc   ' })), 'abc')
    assert.equal(contributorToken(request({ authorization: 'Bearer\tabc' })), 'abc')
  })

  it('finds no token in an empty or malformed Bearer header', () => {
    assert.equal(contributorToken(request({ authorization: 'Bearer' })), null)
    assert.equal(contributorToken(request({ authorization: 'Bearer ' })), null)
    assert.equal(contributorToken(request({ authorization: 'Bearer two words' })), null)
    assert.equal(contributorToken(request({ authorization: 'Bearerabc' })), null)
    assert.equal(contributorToken(request({ authorization: 'Basic dXNlcjpwYXNz' })), null)
  })

  it('falls back to X-Toklytics-Contributor, trimmed', () => {
    assert.equal(contributorToken(request({ 'x-toklytics-contributor': 'abc' })), 'abc')
    assert.equal(contributorToken(request({ 'x-toklytics-contributor': '  abc  ' })), 'abc')
  })

  it('falls back to X-Toklytics-Contributor when Authorization is not a Bearer token', () => {
    const req = request({ authorization: 'Basic dXNlcjpwYXNz', 'x-toklytics-contributor': 'abc' })
    assert.equal(contributorToken(req), 'abc')
  })

  it('prefers the Bearer token when both headers are sent', () => {
    const req = request({ authorization: 'Bearer first', 'x-toklytics-contributor': 'second' })
    assert.equal(contributorToken(req), 'first')
  })

  it('returns null without a token', () => {
    assert.equal(contributorToken(request({})), null)
    assert.equal(contributorToken(request({ 'x-toklytics-contributor': '' })), null)
    assert.equal(contributorToken(request({ 'x-toklytics-contributor': '   ' })), null)
  })
})

describe('tokenMatches', () => {
  it('is true for the same token', () => {
    assert.equal(tokenMatches('s3cret-token-1', 's3cret-token-1'), true)
    assert.equal(tokenMatches('', ''), true)
  })

  it('is false for a different token of the same length', () => {
    assert.equal(tokenMatches('s3cret-token-1', 's3cret-token-2'), false)
    assert.equal(tokenMatches('s3cret-token-1', 'S3cret-token-1'), false)
  })

  it('is false for tokens of different lengths (and does not throw)', () => {
    assert.equal(tokenMatches('short', 'a-much-longer-token'), false)
    assert.equal(tokenMatches('s3cret-token-1', 's3cret-token-10'), false)
    assert.equal(tokenMatches('', 'x'), false)
  })
})

describe('contributorId', () => {
  it('is the first 16 hex characters of the SHA-256 of the token', () => {
    // sha256("secret") = 2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b
    assert.equal(contributorId('secret'), '2bb80d537b1da3e3')
    // sha256("s3cret-token-1") = bdc0f03320f7001e023af570303805b7ef70fff0e0a8498a0b2e543b53c22ada
    assert.equal(contributorId('s3cret-token-1'), 'bdc0f03320f7001e')
  })

  it('is 16 lower-case hex characters and never contains the token', () => {
    for (const token of [
      'secret',
      's3cret-token-1',
      'deadbeefdeadbeef',
      'tk_live_0123456789abcdef',
    ]) {
      const id = contributorId(token)
      assert.match(id, /^[0-9a-f]{16}$/)
      assert.equal(id.includes(token), false, `${id} contains ${token}`)
    }
  })

  it('differs between tokens and is stable for one token', () => {
    assert.notEqual(contributorId('s3cret-token-1'), contributorId('s3cret-token-2'))
    assert.equal(contributorId('s3cret-token-1'), contributorId('s3cret-token-1'))
  })
})

describe('authenticateIngest', () => {
  const store = (active: boolean, tokens: Record<string, string | 'revoked'> = {}) => ({
    verify: async (token: string) => {
      const found = tokens[token]
      if (found === undefined) return { ok: false as const, reason: 'unknown' }
      if (found === 'revoked') return { ok: false as const, reason: 'revoked' }
      return { ok: true as const, id: found }
    },
    anyActive: async () => active,
  })

  it('accepts the static token as "static" and a stored token as its id', async () => {
    assert.deepEqual(await authenticateIngest('s3cret', 's3cret', store(false)), {
      ok: true,
      contributor: 'static',
    })
    assert.deepEqual(await authenticateIngest('tkc_a', 's3cret', store(true, { tkc_a: 'a1' })), {
      ok: true,
      contributor: 'a1',
    })
    assert.deepEqual(await authenticateIngest('tkc_a', null, store(true, { tkc_a: 'a1' })), {
      ok: true,
      contributor: 'a1',
    })
  })

  it('says why it refuses', async () => {
    const message = async (token: string | null, staticToken: string | null, s = store(true)) => {
      const r = await authenticateIngest(token, staticToken, s)
      assert.equal(r.ok, false)
      return r.ok ? '' : r.message
    }
    assert.match(await message(null, 's3cret'), /Bearer/)
    assert.match(await message('nope', 's3cret'), /not valid/)
    assert.match(await message('tkc_r', null, store(true, { tkc_r: 'revoked' })), /revoked/)
    assert.match(await message(null, null, store(false)), /disabled.*TOKLYTICS_INGEST_TOKEN/)
    assert.match(await message('nope', null, store(false)), /disabled/)
    assert.match(await message('nope', null, store(true)), /not valid/)
  })
})
