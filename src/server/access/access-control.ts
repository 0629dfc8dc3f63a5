/**
 * Who may call and how often: every request (but health, readiness and the docs) is counted
 * against its caller's budget — an API key's tier, an ingest contributor, else the client
 * address — and a request with a refused API key is a 401 (counted against its address first,
 * so that guessing keys is limited too).
 */

import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Redis } from 'ioredis'
import type { Caller } from '../../access/rate-limit-policy.js'
import { lastUsedRecorder } from '../../admin/api-keys.js'
import type { Config } from '../../config.js'
import type { Database } from '../../db/open.js'
import { ApiError } from '../../operations/api-error.js'
import { API_BASE } from '../api-routes.js'
import { contributorId, contributorToken } from '../contributor-auth.js'
import { isDashboardRoute } from '../dashboard-paths.js'
import { apiKeyResolver } from './api-keys.js'
import { anonymousCaller, type CountRequest, requestCounter } from './rate-limits.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request counts as; null on routes that are not counted. */
    caller: Caller | null
  }
}

export const INGEST_PATH = `${API_BASE}/ingest`

/** Probes and documentation: cheap, static, and needed by load balancers and people alike. */
const UNCOUNTED = new Set(['/healthz', '/readyz', `${API_BASE}/openapi.json`])

function uncounted(url: string | undefined): boolean {
  // The dashboard's shell and bundle are static like /docs; the API calls its pages make count.
  if (isDashboardRoute(url)) return true
  return url !== undefined && (UNCOUNTED.has(url) || url === '/docs' || url.startsWith('/docs/'))
}

export interface AccessControlDeps {
  config: Config
  database: Database
  /** Epoch milliseconds. */
  now: () => number
  /** Shared counters across instances (REDIS_URL); in memory when null. */
  redis: Redis | null
}

export async function registerAccessControl(
  app: FastifyInstance,
  deps: AccessControlDeps,
): Promise<void> {
  const resolveKey = apiKeyResolver(deps.database.db)
  const recordUse = lastUsedRecorder(deps.database.db)
  const callerOf = (req: FastifyRequest): Caller => req.caller ?? anonymousCaller(req)
  const count: CountRequest | null = deps.config.rateLimits.enabled
    ? await requestCounter(app, deps.config.rateLimits, callerOf, deps.redis)
    : null
  app.decorateRequest('caller', null)

  app.addHook('onRequest', async (req, reply) => {
    if (uncounted(req.routeOptions.url)) return
    const resolution = await resolveKey(req)
    const token = req.routeOptions.url === INGEST_PATH ? contributorToken(req) : null
    req.caller =
      token !== null
        ? { kind: 'contributor', id: contributorId(token) }
        : resolution.kind === 'key'
          ? { kind: 'key', id: resolution.key.id, tier: resolution.key.tier }
          : anonymousCaller(req)
    if (count !== null) await count(req, reply)
    if (resolution.kind === 'refused') throw new ApiError('unauthorized', resolution.message)
    if (resolution.kind === 'key') await recordUse(resolution.key.id, Math.floor(deps.now() / 1000))
  })
}
