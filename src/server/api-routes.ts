/** What the API route modules share: the contract, the query context and the operations on it. */
import type { FastifyInstance } from 'fastify'
import type { OpenApiDocument } from '../contract/openapi-document.js'
import { meta } from '../operations/api-error.js'
import {
  type ApiOperations,
  apiOperations,
  type OperationId,
  untypedOperation,
} from '../operations/api-operations.js'
import type { QueryContext } from '../queries/query-context.js'
import { type OperationHandler, registerOperation } from './openapi-routes.js'
import type { ResponseCache } from './response-cache.js'

export const API_BASE = '/api/v1'

export interface ApiRoutes {
  ctx: QueryContext
  /** The read operations on `ctx` (with this app's caches), shared by REST routes and MCP tools. */
  operations: ApiOperations
  /** Registers the handler of a spec operation (path, parameters and validation from the spec). */
  operation(operationId: string, handler: OperationHandler): void
  /** Serves `operations[operationId]` at its spec route: path and query parameters in, `meta` added. */
  serve(operationId: OperationId): void
}

export function apiRoutes(
  app: FastifyInstance,
  doc: OpenApiDocument,
  ctx: QueryContext,
  cache?: ResponseCache,
): ApiRoutes {
  const operations = apiOperations(ctx)
  const operation = (operationId: string, handler: OperationHandler) =>
    registerOperation(app, doc, API_BASE, operationId, handler, cache)
  return {
    ctx,
    operations,
    operation,
    serve(operationId) {
      // Fastify's Ajv has checked (and defaulted) both against the same spec the operation reads.
      const run = untypedOperation(operations, operationId)
      operation(operationId, async (req) => {
        const params = { ...(req.query as object), ...(req.params as object) }
        const computedAt = ctx.now()
        return { ...(await run(params)), meta: meta(req.id, computedAt) }
      })
    },
  }
}
