/**
 * Operations that act for the request's API key (watchlists, webhooks) over REST: the key is
 * required, path, query and body are one input, and the success status is the contract's (201
 * for a creation; 204 when the operation answers nothing).
 */

import type { Owner } from '../../access/owner.js'
import { isJsonObject, type OpenApiDocument } from '../../contract/openapi-document.js'
import { meta } from '../../operations/api-error.js'
import type { Answer } from '../../operations/operation-answer.js'
import { requireOwner } from '../access/request-owner.js'
import type { ApiRoutes } from '../api-routes.js'
import { findOperation } from '../openapi-routes.js'

/** The operation's success status as the contract states it. */
function successStatus(doc: OpenApiDocument, operationId: string): number {
  const { definition } = findOperation(doc, operationId)
  const codes = isJsonObject(definition.responses) ? Object.keys(definition.responses) : []
  return Number(codes.find((c) => /^2\d\d$/.test(c)) ?? 200)
}

export type OwnedOperations = Record<
  string,
  (owner: Owner, input: Record<string, unknown>) => Promise<Answer | null>
>

/** Serves every operation of `operations` at its contract route; `what` names them in a 401. */
export function registerOwnedRoutes(
  api: ApiRoutes,
  doc: OpenApiDocument,
  operations: OwnedOperations,
  what: string,
): void {
  for (const [id, run] of Object.entries(operations)) {
    const status = successStatus(doc, id)
    api.operation(id, async (req, reply) => {
      const owner = requireOwner(req, what)
      const body = req.body
      const input = {
        ...(typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}),
        ...(req.query as object),
        ...(req.params as object),
      }
      const answer = await run(owner, input)
      if (answer === null) return reply.code(204).send()
      reply.code(status)
      return { ...answer, meta: meta(req.id, api.ctx.now()) }
    })
  }
}
