/** `POST /api/v1/ingest`: a thin adapter from HTTP to the ingestion pipeline. */
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../config.js'
import { EnvelopeSchema } from '../../contract/ingest-envelope.js'
import {
  MAX_COMPRESSED_BYTES,
  MAX_DECOMPRESSED_BYTES,
  MAX_JSON_DEPTH,
} from '../../contract/ingest-limits.js'
import type { Database } from '../../db/open.js'
import { exceedsDepth } from '../../ingest/json-depth.js'
import { type CapturePreparer, ingestBatch } from '../../ingest/pipeline.js'
import { contributorId, contributorToken, tokenMatches } from '../contributor-auth.js'
import { ApiError, meta } from '../reply-envelope.js'

export interface IngestRouteDeps {
  database: Database
  config: Config
  now: () => number
  preparer?: CapturePreparer | undefined
}

export function registerIngestRoute(app: FastifyInstance, deps: IngestRouteDeps): void {
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
        const token = contributorToken(req)
        if (deps.config.ingestToken === null) {
          throw new ApiError(
            'unauthorized',
            'Ingestion is disabled on this server: set TOKLYTICS_INGEST_TOKEN.',
          )
        }
        if (token === null) {
          throw new ApiError(
            'unauthorized',
            'Send a contributor token as "Authorization: Bearer <token>".',
          )
        }
        if (!tokenMatches(token, deps.config.ingestToken)) {
          throw new ApiError('unauthorized', 'The contributor token is not valid.')
        }
      },
    },
    async (req) => {
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
      const token = contributorToken(req)
      const summary = await ingestBatch(
        {
          database: deps.database,
          now: deps.now,
          ...(deps.preparer ? { preparer: deps.preparer } : {}),
        },
        {
          captures: envelope.data.captures,
          collector: envelope.data.collector,
          contributor: token === null ? null : contributorId(token),
        },
      )
      return { data: summary, meta: meta(req.id) }
    },
  )
}
