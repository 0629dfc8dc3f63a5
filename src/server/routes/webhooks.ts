/** Webhooks over REST: src/operations/webhook-operations, for the request's API key. */
import type { OpenApiDocument } from '../../contract/openapi-document.js'
import { isJsonObject } from '../../contract/openapi-document.js'
import { meta } from '../../operations/api-error.js'
import type { WebhookOperationId, WebhookOperations } from '../../operations/webhook-operations.js'
import { requireOwner } from '../access/request-owner.js'
import type { ApiRoutes } from '../api-routes.js'
import { findOperation } from '../openapi-routes.js'

/** The operation's success status as the contract states it (201 for a creation, 204 for none). */
function successStatus(doc: OpenApiDocument, operationId: string): number {
  const { definition } = findOperation(doc, operationId)
  const codes = isJsonObject(definition.responses) ? Object.keys(definition.responses) : []
  return Number(codes.find((c) => /^2\d\d$/.test(c)) ?? 200)
}

export function registerWebhookRoutes(
  api: ApiRoutes,
  doc: OpenApiDocument,
  operations: WebhookOperations,
): void {
  for (const id of Object.keys(operations) as WebhookOperationId[]) {
    const status = successStatus(doc, id)
    api.operation(id, async (req, reply) => {
      const owner = requireOwner(req, 'Webhooks')
      const input = {
        ...(isJsonObject(req.body as never) ? (req.body as object) : {}),
        ...(req.query as object),
        ...(req.params as object),
      }
      const answer = await operations[id](owner, input)
      if (answer === null) return reply.code(204).send()
      reply.code(status)
      return { ...answer, meta: meta(req.id, api.ctx.now()) }
    })
  }
}
