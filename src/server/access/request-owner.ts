/** The owner a request acts for: its API key. Watchlists and webhooks need one. */
import type { FastifyRequest } from 'fastify'
import type { Owner } from '../../access/owner.js'
import { ApiError } from '../../operations/api-error.js'

/** The request's key as an owner, or null for an anonymous caller. */
export function ownerOf(req: FastifyRequest): Owner | null {
  const caller = req.caller
  return caller?.kind === 'key' ? { id: caller.id, admin: caller.tier === 'admin' } : null
}

export function requireOwner(req: FastifyRequest, what: string): Owner {
  const owner = ownerOf(req)
  if (owner === null) {
    throw new ApiError(
      'unauthorized',
      `${what} belong to an API key: send it in X-Toklytics-Key (the server's operator creates one with \`toklytics keys create\`).`,
    )
  }
  return owner
}
