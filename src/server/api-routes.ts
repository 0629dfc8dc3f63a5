/** What the API route modules share: the contract, the query context, and the response shapes. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { OpenApiDocument } from '../contract/openapi-document.js'
import type { Pagination } from '../queries/pagination.js'
import type { QueryContext } from '../queries/query-context.js'
import { type OperationHandler, registerOperation } from './openapi-routes.js'
import { meta } from './reply-envelope.js'

export const API_BASE = '/api/v1'

export interface ApiRoutes {
  ctx: QueryContext
  /** Registers the handler of a spec operation (path, parameters and validation from the spec). */
  operation(operationId: string, handler: OperationHandler): void
}

export function apiRoutes(
  app: FastifyInstance,
  doc: OpenApiDocument,
  ctx: QueryContext,
): ApiRoutes {
  return {
    ctx,
    operation: (operationId, handler) =>
      registerOperation(app, doc, API_BASE, operationId, handler),
  }
}

/** `{data, meta}` — every single-object answer. */
export function single<T>(req: FastifyRequest, data: T) {
  return { data, meta: meta(req.id) }
}

/** `{data, pagination, meta}` — every paginated list. */
export function paged<T>(req: FastifyRequest, page: { data: T[]; pagination: Pagination }) {
  return { data: page.data, pagination: page.pagination, meta: meta(req.id) }
}

/** Typed access to validated query/path parameters (Fastify has already checked them). */
export function paramsOf<T>(req: FastifyRequest): T {
  return req.params as T
}

export function queryOf<T>(req: FastifyRequest): T {
  return req.query as T
}
