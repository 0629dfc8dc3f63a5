/** Builds the Fastify application from its dependencies (no globals, so tests get a fresh app). */
import { randomUUID } from 'node:crypto'
import compress from '@fastify/compress'
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify'
import type { Config } from '../config.js'
import { loadOpenApiDocument } from '../contract/openapi-document.js'
import { queueStats } from '../db/capture-queue.js'
import type { Database } from '../db/open.js'
import { type StorageFaultKind, storageFaultOf } from '../db/storage-faults.js'
import type { IngestThread } from '../ingest/ingest-thread.js'
import type { CapturePreparer } from '../ingest/pipeline.js'
import { registerMcpRoute } from '../mcp/mcp-http-route.js'
import { ApiError, ERROR_STATUS, type ErrorCode, errorBody } from '../operations/api-error.js'
import { erasureOperations } from '../operations/erasure-operations.js'
import { parameterDescription } from '../operations/operation-parameters.js'
import { validationMessage } from '../operations/validation-message.js'
import { watchlistOperations } from '../operations/watchlist-operations.js'
import { webhookOperations } from '../operations/webhook-operations.js'
import { readContext } from '../queries/query-context.js'
import { webhookOwned } from '../webhooks/webhook-store.js'
import { registerAccessControl } from './access/access-control.js'
import { ownerOf } from './access/request-owner.js'
import { apiRoutes } from './api-routes.js'
import { AGGREGATE_MAX_AGE_SECONDS } from './cache-policy.js'
import { hardenedServerOptions, LOG_REDACT, registerHardening } from './hardening.js'
import { routeMethods } from './method-not-allowed.js'
import { createMetrics, type Metrics, registerMetrics, registerQueueGauges } from './metrics.js'
import { connectRedis } from './redis-connection.js'
import { responseCache } from './response-cache.js'
import { registerAnalyticsRoutes } from './routes/analytics.js'
import { registerCreatorsRoutes } from './routes/creators.js'
import { registerDashboard } from './routes/dashboard.js'
import { registerDocsRoutes } from './routes/docs.js'
import { registerHashtagsRoutes } from './routes/hashtags.js'
import { registerHealthRoutes } from './routes/health.js'
import { registerIngestRoute } from './routes/ingest.js'
import { registerLookupRoutes } from './routes/lookup.js'
import { registerOwnedRoutes } from './routes/owned-routes.js'
import { registerRankingRoutes } from './routes/rankings.js'
import { registerSoundsRoutes } from './routes/sounds.js'
import { registerVideosRoutes } from './routes/videos.js'

export interface AppDeps {
  config: Config
  database: Database
  /** Current time in epoch milliseconds. */
  now?: () => number
  /** Prepares ingested captures on worker threads (inline when absent). */
  preparer?: CapturePreparer
  /** Runs synchronous ingestion on its own thread (SQLite files; on the main thread when absent). */
  ingestThread?: IngestThread
  /** Whether start-up work (the demo data set) is done; `/readyz` answers 503 until it is. */
  readiness?: () => { ready: boolean; detail: string }
  /** Prometheus registry and counters (a fresh one when absent). */
  metrics?: Metrics
}

/** Answers move with the clock (trending windows, growth over 7 days): recompute each minute. */
const RESPONSE_CACHE_TTL_MS = 60_000

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/

/** Maps Fastify's and its plugins' own errors to our codes, with a message a person can act on. */
/** What the public answer says of a storage fault (the log keeps the engine's words). */
const STORAGE_ANSWERS: Readonly<Record<StorageFaultKind, { code: ErrorCode; message: string }>> = {
  full: {
    code: 'storage_full',
    message:
      'The server has no storage space left; nothing of this request was written. Retry once the operator has freed space.',
  },
  read_only: {
    code: 'storage_unavailable',
    message:
      'The server cannot write to its storage (it is read-only); nothing of this request was written. Retry later.',
  },
  unavailable: {
    code: 'storage_unavailable',
    message:
      'The server cannot reach its storage; nothing of this request was written. Retry later.',
  },
}

function classify(err: FastifyError, req: FastifyRequest): { code: ErrorCode; message: string } {
  if (err instanceof ApiError) return { code: err.code, message: err.message }
  const fault = storageFaultOf(err)
  if (fault !== null) return STORAGE_ANSWERS[fault.kind]
  if (err.validation) {
    return {
      code: 'invalid_request',
      message: validationMessage(err.validationContext, err.validation, (name) =>
        parameterDescription(
          (req.routeOptions.schema as Record<string, unknown> | undefined)?.[
            err.validationContext ?? ''
          ],
          name,
        ),
      ),
    }
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        code: 'payload_too_large',
        message: 'The request body is too large (limit applies after decompression).',
      }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'unsupported_media_type', message: 'Send the body as application/json.' }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'invalid_request', message: 'The request body is empty; send a JSON object.' }
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        code: 'invalid_request',
        message: `The request body is not valid JSON: ${err.message}`,
      }
    case 'FST_STATIC_FORBIDDEN_PATH':
      // A path that climbs out of the assets folder or holds a NUL: no such file, as for any name.
      return { code: 'not_found', message: 'No such file.' }
    case 'FST_CP_ERR_INVALID_CONTENT_ENCODING':
      return {
        code: 'unsupported_media_type',
        message: 'Unsupported Content-Encoding; use gzip, deflate or br.',
      }
  }
  if (
    err instanceof SyntaxError ||
    err.code === 'FST_CP_ERR_INVALID_PAYLOAD' ||
    err.statusCode === 400
  ) {
    return {
      code: 'invalid_request',
      message: `The request body could not be read: ${err.message}`,
    }
  }
  if (err.statusCode === 413) return { code: 'payload_too_large', message: err.message }
  if (err.statusCode === 415) return { code: 'unsupported_media_type', message: err.message }
  return { code: 'internal_error', message: 'An unexpected error occurred; it has been logged.' }
}

export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps
  const metrics = deps.metrics ?? createMetrics()
  const now = deps.now ?? Date.now
  const app = Fastify({
    logger: { level: config.logLevel, redact: LOG_REDACT },
    ...hardenedServerOptions(config),
    genReqId: (req) => {
      const incoming = req.headers['x-request-id']
      return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming)
        ? incoming
        : randomUUID()
    },
    // Usernames, tags and ids are short, but a long one must be a clean 404, not a router error.
    routerOptions: { maxParamLength: 8000 },
    // Errors Fastify raises before any route runs (a path that is not valid percent-encoded
    // UTF-8): the Error format too, not Fastify's own body.
    frameworkErrors: (error, req, res) => {
      const url = (req.url ?? '').split('?')[0] ?? ''
      const reply = res as unknown as FastifyReply
      reply
        .status(400)
        .send(
          errorBody(
            'invalid_request',
            error.code === 'FST_ERR_BAD_URL'
              ? `The path ${JSON.stringify(url.slice(0, 200))} is not valid percent-encoded UTF-8.`
              : `The request could not be read: ${error.message}`,
            String(req.id),
            config.publicBaseUrl,
          ),
        )
    },
    // Request bodies are only accepted on ingestion, which raises its own limit.
    bodyLimit: 1024 * 1024,
  })
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id)
  })
  // Before any route is added: every route from here on is known to the 405 answer.
  const methodsOf = routeMethods(app)
  await app.register(compress, { requestEncodings: ['gzip', 'deflate', 'br'] })
  registerMetrics(app, metrics)
  registerQueueGauges(metrics.registry, () => queueStats(deps.database.db))

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const { code, message } = classify(err, req)
    if (code === 'internal_error') req.log.error({ err }, 'unhandled error')
    else if (code === 'storage_full' || code === 'storage_unavailable') {
      req.log.error({ err, cause: storageFaultOf(err)?.cause }, 'storage fault')
      reply.header('retry-after', '30')
    }
    const status = ERROR_STATUS[code]
    return reply.status(status).send(errorBody(code, message, req.id, config.publicBaseUrl))
  })
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/'
    const allowed = methodsOf(path)
    if (allowed.length > 0) {
      return reply
        .status(405)
        .header('allow', allowed.join(', '))
        .send(
          errorBody(
            'method_not_allowed',
            `${req.method} is not served on ${path}; use ${allowed.join(', ')}.`,
            req.id,
            config.publicBaseUrl,
          ),
        )
    }
    return reply
      .status(404)
      .send(errorBody('not_found', `No route ${req.method} ${path}`, req.id, config.publicBaseUrl))
  })
  // After the handlers above, so that the routes these add (CORS preflight) render errors too.
  await registerHardening(app, config)
  const redisUrl = config.rateLimits.redisUrl
  const redis = redisUrl === null ? null : await connectRedis(app, redisUrl)
  await registerAccessControl(app, { config, database: deps.database, now, redis })

  const doc = loadOpenApiDocument()
  const cache =
    config.responseCacheMb > 0
      ? responseCache({
          version: deps.database.dataVersion,
          maxBytes: config.responseCacheMb * 1024 * 1024,
          ttlMs: RESPONSE_CACHE_TTL_MS,
          aggregateMaxAgeMs: AGGREGATE_MAX_AGE_SECONDS * 1000,
          ...(redis === null
            ? {}
            : {
                shared: {
                  redis,
                  prefix: `${config.rateLimits.redisPrefix}rc:`,
                  log: app.log,
                },
              }),
        })
      : undefined
  const api = apiRoutes(
    app,
    doc,
    readContext(deps.database, {
      now: () => Math.floor(now() / 1000),
      publicBaseUrl: config.publicBaseUrl,
    }),
    cache,
  )
  registerCreatorsRoutes(api)
  registerVideosRoutes(api)
  registerHashtagsRoutes(api)
  registerSoundsRoutes(api)
  registerAnalyticsRoutes(api)
  registerRankingRoutes(api)
  registerLookupRoutes(app, api)
  const watchlists = watchlistOperations({
    db: deps.database.db,
    now: api.ctx.now,
    webhookOwned: webhookOwned(deps.database.db),
  })
  registerOwnedRoutes(api, doc, watchlists, 'Watchlists and alerts')
  const webhooks = webhookOperations({
    db: deps.database.db,
    nowMs: now,
    guard: { allowPrivate: config.webhookAllowPrivate },
  })
  registerOwnedRoutes(api, doc, webhooks, 'Webhooks')
  registerOwnedRoutes(
    api,
    doc,
    erasureOperations({ database: deps.database, now: api.ctx.now }),
    'Creator erasure',
  )
  registerMcpRoute(app, {
    doc,
    operations: api.operations,
    publicBaseUrl: config.publicBaseUrl,
    now: api.ctx.now,
    owned: { operations: watchlists, ownerOf },
  })
  await registerDocsRoutes(app, doc)
  await registerDashboard(app)
  registerHealthRoutes(app, {
    database: deps.database,
    readiness: deps.readiness ?? (() => ({ ready: true, detail: 'ok' })),
    redis,
  })
  registerIngestRoute(app, {
    database: deps.database,
    config,
    now,
    preparer: deps.preparer,
    ingestThread: deps.ingestThread,
    metrics,
  })
  return app
}
