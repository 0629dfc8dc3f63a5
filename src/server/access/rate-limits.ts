/**
 * The request counter (@fastify/rate-limit): in memory for one process, in Redis when REDIS_URL
 * is set so that every instance draws from one budget. Returns the hook that counts a request.
 */
import rateLimit, { normalizeIP } from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Redis } from 'ioredis'
import {
  budgetOf,
  type Caller,
  isLocalRequest,
  RATE_LIMIT_WINDOW_MS,
  type RateLimitsPerMinute,
  RELAY_HEADERS,
} from '../../access/rate-limit-policy.js'
import type { Config } from '../../config.js'
import { ApiError } from '../../operations/api-error.js'

export type CountRequest = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>

/** What is counted and for whom, as the 429's message says it (one sentence, no repetition). */
const WHO: Record<Caller['kind'], string> = {
  address:
    'requests a minute for anonymous callers from this address (an API key, sent as X-Toklytics-Key, raises it)',
  local: 'requests a minute for callers on this machine (TOKLYTICS_RATE_LOCAL)',
  key: 'requests a minute for this API key',
  contributor: 'ingest batches a minute for this contributor token',
}

/** The caller's counter key: `ip:` addresses are IPv6 /64 prefixes, as the plugin does by default. */
export function callerAddress(req: FastifyRequest): string {
  return normalizeIP(req.ip)
}

/**
 * Who a request without an API key or contributor token counts as: this machine (the owner's
 * own dashboard; see `isLocalRequest` for why a relayed request needs TRUST_PROXY to be local)
 * or its client address.
 */
export function anonymousCaller(req: FastifyRequest): Caller {
  const local = isLocalRequest({
    socketAddress: req.socket.remoteAddress,
    relayed: RELAY_HEADERS.some((h) => req.headers[h] !== undefined),
    trustedChain: req.ips ?? null,
  })
  return { kind: local ? 'local' : 'address', address: callerAddress(req) }
}

/**
 * Registers the counter on `app`. `callerOf` says who a request counts as (set before counting);
 * a caller without a budget (admin keys) is not counted and gets no RateLimit headers.
 */
export async function requestCounter(
  app: FastifyInstance,
  settings: Config['rateLimits'],
  callerOf: (req: FastifyRequest) => Caller,
  redis: Redis | null,
): Promise<CountRequest> {
  const limits: RateLimitsPerMinute = settings.perMinute
  const budget = (req: FastifyRequest) => budgetOf(callerOf(req), limits)
  await app.register(rateLimit, {
    global: false,
    timeWindow: RATE_LIMIT_WINDOW_MS,
    // RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset (seconds) and Retry-After on a 429.
    enableDraftSpec: true,
    ...(redis === null ? {} : { redis, nameSpace: `${settings.redisPrefix}rl:` }),
    // Redis trouble must not take the API down with it: serve uncounted (the error is logged).
    skipOnError: true,
    allowList: (req) => budget(req) === null,
    keyGenerator: (req) => budget(req)?.bucket ?? 'unlimited',
    max: (req) => budget(req)?.perMinute ?? Number.MAX_SAFE_INTEGER,
    // What this returns is thrown: the app's error handler renders it in the Error format, and
    // the headers the plugin has already set stay on the 429.
    errorResponseBuilder: (req, context) =>
      new ApiError(
        'rate_limited',
        `Rate limit reached: ${context.max} ${WHO[callerOf(req).kind]}; retry in ${context.after}.`,
      ),
  })
  return app.rateLimit()
}
