/** Ingest authentication: the token from the request, matched to the static or a stored token. */
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

/** A short, stable hash of a token, never the token itself: what rate limits are keyed on. */
export function contributorId(token: string): string {
  return digest(token).toString('hex').slice(0, 16)
}

/** Where stored contributor tokens are checked (src/admin/contributors.ts over the database). */
export interface ContributorStore {
  verify(token: string): Promise<{ ok: true; id: string } | { ok: false; reason: string }>
  /** Whether any contributor token may ingest. */
  anyActive(): Promise<boolean>
}

/** The id recorded for captures sent with TOKLYTICS_INGEST_TOKEN. */
export const STATIC_CONTRIBUTOR = 'static'

export type IngestAuth = { ok: true; contributor: string } | { ok: false; message: string }

/**
 * Who may ingest: the static token (TOKLYTICS_INGEST_TOKEN) when set, or any contributor token
 * that is not revoked. The answer says what to do when neither is there.
 */
export async function authenticateIngest(
  token: string | null,
  staticToken: string | null,
  store: ContributorStore,
): Promise<IngestAuth> {
  const disabled = async () => staticToken === null && !(await store.anyActive())
  const DISABLED =
    'Ingestion is disabled on this server: set TOKLYTICS_INGEST_TOKEN or create a contributor token (toklytics contributors create).'
  if (token === null) {
    if (await disabled()) return { ok: false, message: DISABLED }
    return { ok: false, message: 'Send a contributor token as "Authorization: Bearer <token>".' }
  }
  if (staticToken !== null && tokenMatches(token, staticToken)) {
    return { ok: true, contributor: STATIC_CONTRIBUTOR }
  }
  const stored = await store.verify(token)
  if (stored.ok) return { ok: true, contributor: stored.id }
  if (stored.reason === 'revoked') {
    return { ok: false, message: 'The contributor token has been revoked.' }
  }
  if (await disabled()) return { ok: false, message: DISABLED }
  return { ok: false, message: 'The contributor token is not valid.' }
}
