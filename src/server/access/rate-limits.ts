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
  RATE_LIMIT_WINDOW_MS,
  type RateLimitsPerMinute,
} from '../../access/rate-limit-policy.js'
import type { Config } from '../../config.js'
import { ApiError } from '../reply-envelope.js'

export type CountRequest = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>

const WHO: Record<Caller['kind'], string> = {
  address: 'anonymous callers from this address (send an X-Toklytics-Key for more)',
  key: 'this API key',
  contributor: 'this contributor token',
}

/** The caller's counter key: `ip:` addresses are IPv6 /64 prefixes, as the plugin does by default. */
export function callerAddress(req: FastifyRequest): string {
  return normalizeIP(req.ip)
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
        `Too many requests: ${context.max} a minute for ${WHO[callerOf(req).kind]}; retry in ${context.after}.`,
      ),
  })
  return app.rateLimit()
}
