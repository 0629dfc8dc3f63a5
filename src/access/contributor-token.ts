/** Contributor tokens for ingestion: their format (`tkc_<id>_<secret>`) and the hash stored instead. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export const CONTRIBUTOR_TOKEN_PREFIX = 'tkc_'

/**
 * `tkc_` + a 10-hex-digit id (not secret: listed, stored with each capture, and how a token is
 * found without scanning) + `_` + 32 random bytes in base64url. 256 bits of entropy make a plain
 * SHA-256 a safe stored form: a slow password hash would only cost time on every batch.
 */
const TOKEN_PATTERN = /^tkc_([0-9a-f]{10})_([A-Za-z0-9_-]{43})$/

export interface NewContributorToken {
  id: string
  /** The whole token: shown once, never stored. */
  token: string
  hash: string
}

export function generateContributorToken(): NewContributorToken {
  const id = randomBytes(5).toString('hex')
  const token = `${CONTRIBUTOR_TOKEN_PREFIX}${id}_${randomBytes(32).toString('base64url')}`
  return { id, token, hash: hashContributorToken(token) }
}

export function hashContributorToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** The id part of a well-formed contributor token, or null for anything else. */
export function contributorTokenId(token: string): string | null {
  return TOKEN_PATTERN.exec(token)?.[1] ?? null
}

/** Whether `token` hashes to `storedHash`, compared in constant time. */
export function contributorTokenMatches(token: string, storedHash: string): boolean {
  const given = Buffer.from(hashContributorToken(token), 'hex')
  const stored = Buffer.from(storedHash, 'hex')
  return given.length === stored.length && timingSafeEqual(given, stored)
}
