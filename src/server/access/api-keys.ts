/** Reads the `X-Toklytics-Key` header of a request and checks it against the stored keys. */
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { type ApiKeyRecord, verifyApiKey } from '../../admin/api-keys.js'
import type { DB } from '../../db/schema.js'

/** The header of the spec's ApiKeyAuth security scheme. */
export const API_KEY_HEADER = 'x-toklytics-key'

export type KeyResolution =
  | { kind: 'none' }
  | { kind: 'key'; key: ApiKeyRecord }
  /** A key was sent but is not valid: the request is refused, never served as anonymous. */
  | { kind: 'refused'; message: string }

const REFUSAL = {
  malformed: 'The X-Toklytics-Key header does not hold a Toklytics API key (tok_…).',
  unknown: 'The API key is not valid.',
  revoked: 'The API key has been revoked.',
} as const

export function apiKeyResolver(db: Kysely<DB>) {
  return async (req: FastifyRequest): Promise<KeyResolution> => {
    const header = req.headers[API_KEY_HEADER]
    if (header === undefined) return { kind: 'none' }
    // A repeated header arrives joined with ", " and is malformed like any other garbage.
    const check = await verifyApiKey(db, Array.isArray(header) ? header.join(', ') : header.trim())
    return check.ok
      ? { kind: 'key', key: check.key }
      : { kind: 'refused', message: REFUSAL[check.reason] }
  }
}
