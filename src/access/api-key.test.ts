/** Unit tests of the API key format: generation, the id inside, the stored hash, the listed form. */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, it } from 'node:test'
import {
  apiKeyDisplay,
  apiKeyId,
  apiKeyMatches,
  generateApiKey,
  hashApiKey,
  isApiKeyTier,
} from './api-key.js'

describe('API keys', () => {
  it('look like tok_<10 hex>_<43 base64url> and are all different', () => {
    const keys = Array.from({ length: 50 }, () => generateApiKey())
    for (const k of keys) {
      assert.match(k.key, /^tok_[0-9a-f]{10}_[A-Za-z0-9_-]{43}$/)
      assert.equal(k.key.slice(4, 14), k.id)
      assert.equal(apiKeyId(k.key), k.id)
    }
    assert.equal(new Set(keys.map((k) => k.key)).size, 50)
    assert.equal(new Set(keys.map((k) => k.id)).size, 50)
  })

  it('are stored as the SHA-256 of the whole key, which the key matches and no other does', () => {
    const { key, hash } = generateApiKey()
    assert.equal(hash, createHash('sha256').update(key).digest('hex'))
    assert.equal(hashApiKey(key), hash)
    assert.equal(apiKeyMatches(key, hash), true)
    const other = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`
    assert.equal(apiKeyMatches(other, hash), false)
    assert.equal(apiKeyMatches(key, 'abcd'), false)
    assert.equal(apiKeyMatches(key, ''), false)
  })

  it('have no id when malformed', () => {
    const { key } = generateApiKey()
    for (const bad of [
      '',
      'tok_',
      key.slice(0, -1),
      `${key}x`,
      key.replace('tok_', 'tk_'),
      ` ${key}`,
      key.toUpperCase(),
    ]) {
      assert.equal(apiKeyId(bad), null, bad)
    }
  })

  it('are listed by their id only', () => {
    const { key, id } = generateApiKey()
    const shown = apiKeyDisplay(id)
    assert.equal(shown, `tok_${id}_…`)
    assert.ok(!shown.includes(key.slice(15)))
  })

  it('have the tiers free, pro and admin', () => {
    for (const t of ['free', 'pro', 'admin']) assert.equal(isApiKeyTier(t), true)
    for (const t of ['', 'Free', 'enterprise']) assert.equal(isApiKeyTier(t), false)
  })
})
