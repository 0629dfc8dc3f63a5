/** `POST /api/v1/ingest`: a thin adapter from HTTP to the ingestion pipeline. */
import type { FastifyInstance } from 'fastify'
import { hasActiveContributors, verifyContributorToken } from '../../admin/contributors.js'
import type { Config } from '../../config.js'
import { EnvelopeSchema } from '../../contract/ingest-envelope.js'
import {
  MAX_COMPRESSED_BYTES,
  MAX_DECOMPRESSED_BYTES,
  MAX_JSON_DEPTH,
} from '../../contract/ingest-limits.js'
import type { Database } from '../../db/open.js'
import { enqueueBatch } from '../../ingest/enqueue.js'
import type { IngestThread } from '../../ingest/ingest-thread.js'
import { exceedsDepth } from '../../ingest/json-depth.js'
import { type CapturePreparer, ingestBatch } from '../../ingest/pipeline.js'
import { ApiError, meta } from '../../operations/api-error.js'
import { authenticateIngest, type ContributorStore, contributorToken } from '../contributor-auth.js'
import type { Metrics } from '../metrics.js'

export interface IngestRouteDeps {
  database: Database
  config: Config
  now: () => number
  preparer?: CapturePreparer | undefined
  /** Synchronous ingestion on its own thread (SQLite files; ingest-thread.ts). */
  ingestThread?: IngestThread | undefined
  metrics?: Metrics | undefined
}

export function registerIngestRoute(app: FastifyInstance, deps: IngestRouteDeps): void {
  const queue = deps.config.ingestMode === 'queue'
  // Workers claim queued captures with row locks (FOR UPDATE SKIP LOCKED): PostgreSQL's.
  if (queue && !deps.database.dialect.rowLocks) {
    throw new Error(
      'TOKLYTICS_INGEST_MODE=queue needs PostgreSQL (DATABASE_URL=postgres://…); with SQLite, ingestion is synchronous (TOKLYTICS_INGEST_MODE=sync)',
    )
  }
  const store: ContributorStore = {
    verify: (token) => verifyContributorToken(deps.database.db, token),
    anyActive: () => hasActiveContributors(deps.database.db),
  }
  // Who sent each request in flight, as recorded with its captures (never the token).
  const senders = new WeakMap<object, string>()
  app.post(
    '/api/v1/ingest',
    {
      bodyLimit: MAX_DECOMPRESSED_BYTES,
      // Checked before the body is read: the wire size, and who is sending.
      onRequest: async (req) => {
        const length = Number(req.headers['content-length'] ?? 0)
        if (length > MAX_COMPRESSED_BYTES) {
          throw new ApiError(
            'payload_too_large',
            `The request body is ${length} bytes; the limit is ${MAX_COMPRESSED_BYTES} bytes (compressed).`,
          )
        }
        const type = req.headers['content-type'] ?? ''
        if (!/^application\/json\b/i.test(type)) {
          throw new ApiError(
            'unsupported_media_type',
            'Send the body as application/json (optionally gzip-encoded).',
          )
        }
        const auth = await authenticateIngest(contributorToken(req), deps.config.ingestToken, store)
        if (!auth.ok) throw new ApiError('unauthorized', auth.message)
        senders.set(req, auth.contributor)
      },
    },
    async (req, reply) => {
      if (exceedsDepth(req.body, MAX_JSON_DEPTH)) {
        throw new ApiError(
          'invalid_request',
          `The JSON nests deeper than ${MAX_JSON_DEPTH} levels.`,
        )
      }
      const envelope = EnvelopeSchema.safeParse(req.body)
      if (!envelope.success) {
        const issue = envelope.error.issues[0]
        const where = issue?.path.join('.') || 'body'
        throw new ApiError(
          'invalid_request',
          `Invalid ingest envelope at ${where}: ${issue?.message ?? 'invalid'}`,
        )
      }
      const batch = {
        captures: envelope.data.captures,
        collector: envelope.data.collector,
        contributor: senders.get(req) ?? null,
      }
      if (queue) {
        // Stored, not yet processed: 202, with the ids a client can follow the captures by.
        const queued = await enqueueBatch({ database: deps.database, now: deps.now }, batch)
        deps.metrics?.queued(queued)
        req.log.debug({ capture_ids: queued.capture_ids }, 'captures queued')
        return reply.status(202).send({ data: queued, meta: meta(req.id) })
      }
      const summary = deps.ingestThread
        ? await deps.ingestThread.ingest(batch, deps.now(), deps.metrics?.step)
        : await ingestBatch(
            {
              database: deps.database,
              now: deps.now,
              ...(deps.preparer ? { preparer: deps.preparer } : {}),
              ...(deps.metrics ? { onStep: deps.metrics.step } : {}),
            },
            batch,
          )
      deps.metrics?.ingested(summary)
      return { data: summary, meta: meta(req.id) }
    },
  )
}
