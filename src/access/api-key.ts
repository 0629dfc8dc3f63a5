/** API keys: their tiers, their format (`tok_<id>_<secret>`), and the hash that is stored instead. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export const API_KEY_TIERS = ['free', 'pro', 'admin'] as const
export type ApiKeyTier = (typeof API_KEY_TIERS)[number]

export function isApiKeyTier(value: string): value is ApiKeyTier {
  return (API_KEY_TIERS as readonly string[]).includes(value)
}

export const API_KEY_PREFIX = 'tok_'

/**
 * `tok_` + a 10-hex-digit id (not secret: listed, and how a key is found without scanning) + `_`
 * + 32 random bytes in base64url. 256 bits of entropy make a plain SHA-256 a safe stored form:
 * there is nothing to guess from it, so a slow password hash would only cost time per request.
 */
const KEY_PATTERN = /^tok_([0-9a-f]{10})_([A-Za-z0-9_-]{43})$/

export interface NewApiKey {
  id: string
  /** The whole key: shown once, never stored. */
  key: string
  hash: string
}

export function generateApiKey(): NewApiKey {
  const id = randomBytes(5).toString('hex')
  const key = `${API_KEY_PREFIX}${id}_${randomBytes(32).toString('base64url')}`
  return { id, key, hash: hashApiKey(key) }
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex')
}

/** The id part of a well-formed key, or null for anything else. */
export function apiKeyId(key: string): string | null {
  return KEY_PATTERN.exec(key)?.[1] ?? null
}

/** Whether `key` hashes to `storedHash`, compared in constant time. */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  const given = Buffer.from(hashApiKey(key), 'hex')
  const stored = Buffer.from(storedHash, 'hex')
  return given.length === stored.length && timingSafeEqual(given, stored)
}

/** What `keys list` shows instead of the key: its recognisable, non-secret beginning. */
export function apiKeyDisplay(id: string): string {
  return `${API_KEY_PREFIX}${id}_…`
}
