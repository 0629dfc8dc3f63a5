/** Contributor authentication for ingestion: the token from the request, checked in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'

/** The token from `Authorization: Bearer …` or `X-Toklytics-Contributor`, if any. */
export function contributorToken(req: FastifyRequest): string | null {
  const auth = req.headers.authorization
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth)
    if (m?.[1]) return m[1]
  }
  const header = req.headers['x-toklytics-contributor']
  return typeof header === 'string' && header.trim() !== '' ? header.trim() : null
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}

/** Compares digests so that neither length nor content leaks through timing. */
export function tokenMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected))
}

/** What is stored about who sent a capture: a short hash, never the token. */
export function contributorId(token: string): string {
  return digest(token).toString('hex').slice(0, 16)
}
