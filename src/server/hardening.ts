/**
 * HTTP hardening: server timeouts, proxy trust and log redaction (Fastify options), security
 * headers (@fastify/helmet), and CORS — the read API for any origin, ingestion only for the
 * browser extension's origins and for clients that send no Origin at all.
 */
import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Config } from '../config.js'
import { ApiError } from '../operations/api-error.js'
import { INGEST_PATH } from './access/access-control.js'
import { API_KEY_HEADER } from './access/api-keys.js'

/**
 * Slow clients must not hold sockets forever (slowloris): a whole request, body included, has
 * two minutes (a 16 MiB ingest batch at ~1 Mbit/s); a silent socket is closed after 90 s; idle
 * keep-alive connections live longer than the usual 60 s of load balancers in front.
 */
export const SERVER_TIMEOUTS = {
  requestTimeout: 120_000,
  connectionTimeout: 90_000,
  keepAliveTimeout: 72_000,
} as const

/** Fastify's request log does not include headers; this keeps secrets out of any that does. */
export const LOG_REDACT = {
  paths: [
    'req.headers.authorization',
    `req.headers["${API_KEY_HEADER}"]`,
    'req.headers["x-toklytics-contributor"]',
  ],
  censor: '[redacted]',
}

/**
 * Fastify's trustProxy from TRUST_PROXY. A hop count trusts that many proxies, whatever their
 * address, as Express does (Fastify itself now treats a number as "trust nothing"): only safe
 * when clients cannot reach the server except through those proxies, so prefer addresses.
 */
export function trustProxyOption(
  setting: Config['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting
}

/** The Fastify constructor options of this module. */
export function hardenedServerOptions(config: Config) {
  return { trustProxy: trustProxyOption(config.trustProxy), ...SERVER_TIMEOUTS }
}

/** An exact origin, or `scheme://*` for every origin of that scheme (any extension id). */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  return allowed.some((a) =>
    a.endsWith('://*') ? origin.startsWith(a.slice(0, -1)) : a === origin,
  )
}

const EXPOSED_HEADERS = [
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'Retry-After',
  'X-Request-Id',
  'ETag',
]

export async function registerHardening(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(helmet, {
    // Answers are JSON: nothing may run, load or frame. The /docs pages replace this with
    // swagger-ui's own policy (staticCSP), which allows exactly its scripts and styles.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    // The read API is public data meant for other sites' pages too.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  })

  await app.register(cors, {
    delegator: (req: FastifyRequest, done) => {
      const path = req.url.split('?', 1)[0]
      if (path === INGEST_PATH) {
        const origin = req.headers.origin
        done(null, {
          origin: origin !== undefined && originAllowed(origin, config.extensionOrigins),
          methods: ['POST'],
          allowedHeaders: [
            'Content-Type',
            'Content-Encoding',
            'Authorization',
            'X-Toklytics-Contributor',
            'X-Request-Id',
          ],
          exposedHeaders: EXPOSED_HEADERS,
          maxAge: 600,
        })
        return
      }
      done(null, {
        origin: '*',
        methods: ['GET', 'HEAD'],
        allowedHeaders: ['X-Toklytics-Key', 'X-Request-Id', 'If-None-Match'],
        exposedHeaders: EXPOSED_HEADERS,
        maxAge: 600,
      })
    },
  })

  // CORS only stops a page from reading the answer; refuse the request itself as well.
  app.addHook('onRequest', async (req) => {
    if (req.routeOptions.url !== INGEST_PATH) return
    const origin = req.headers.origin
    if (origin !== undefined && !originAllowed(origin, config.extensionOrigins)) {
      throw new ApiError(
        'forbidden',
        'Web pages may not send captures: only the browser extension (TOKLYTICS_EXTENSION_ORIGINS) and clients that send no Origin header.',
      )
    }
  })
}
