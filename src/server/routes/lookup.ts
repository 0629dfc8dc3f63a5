/**
 * `POST /videos/lookup` and `POST /creators/lookup` over src/operations/lookup-operations: reads
 * with a body, so never cached (openapi-routes keeps GET answers only), open to every caller.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ApiError, meta } from '../../operations/api-error.js'
import type { LookupOperationId } from '../../operations/lookup-operations.js'
import { API_BASE, type ApiRoutes } from '../api-routes.js'

const LOOKUP_OPERATION_IDS: readonly LookupOperationId[] = ['lookupVideos', 'lookupCreators']
const LOOKUP_URLS = new Set([`${API_BASE}/videos/lookup`, `${API_BASE}/creators/lookup`])

/**
 * Refuses `items` that are not an array of strings before the contract's schema is applied:
 * Fastify's Ajv coerces types (a number to "123", a lone string to a one-item list), which
 * would answer a malformed list instead of naming what is wrong with it.
 */
async function refuseNonStrings(req: FastifyRequest): Promise<void> {
  const body = req.body
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return
  const items = (body as { items?: unknown }).items
  if (items === undefined) return // the schema names the missing field
  if (!Array.isArray(items)) {
    throw new ApiError(
      'invalid_request',
      "Invalid body field 'items': must be an array of strings.",
    )
  }
  const at = items.findIndex((item) => typeof item !== 'string')
  if (at >= 0) {
    const got = items[at] === null ? 'null' : Array.isArray(items[at]) ? 'array' : typeof items[at]
    throw new ApiError(
      'invalid_request',
      `Invalid body field 'items.${at}': must be a string (an id, username or URL), got ${got}.`,
    )
  }
}

export function registerLookupRoutes(app: FastifyInstance, api: ApiRoutes): void {
  // Added before the routes, so that it sees them: runs ahead of the schema's own validation.
  app.addHook('onRoute', (route) => {
    if (!LOOKUP_URLS.has(route.url) || route.method !== 'POST') return
    const own = route.preValidation
    route.preValidation = [refuseNonStrings, ...(own === undefined ? [] : [own].flat())]
  })
  for (const id of LOOKUP_OPERATION_IDS) {
    api.operation(id, async (req) => {
      const computedAt = api.ctx.now()
      const answer = await api.operations[id](req.body as { items: string[] })
      return { ...answer, meta: meta(req.id, computedAt) }
    })
  }
}
