/** Prometheus metrics at `/metrics`: request latency per route, ingestion outcomes, the process. */
import type { FastifyInstance } from 'fastify'
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client'
import type { IngestSummary } from '../contract/ingest-envelope.js'

export interface Metrics {
  readonly registry: Registry
  /** Counts what one ingested batch did with its captures. */
  ingested(summary: IngestSummary): void
}

/** One registry per app (DESIGN.md: no globals), so two apps in one test never mix figures. */
export function createMetrics(): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'toklytics_' })
  const captures = new Counter({
    name: 'toklytics_ingest_captures_total',
    help: 'Captures received by POST /api/v1/ingest, by outcome.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  })
  return {
    registry,
    ingested(summary) {
      captures.inc({ outcome: 'accepted' }, summary.accepted)
      captures.inc({ outcome: 'duplicate' }, summary.duplicates)
      for (const d of summary.dropped) captures.inc({ outcome: `dropped:${d.reason}` })
    },
  }
}

/**
 * Times every request by its route pattern (never the raw URL: usernames would make a series
 * each) and serves the registry in the Prometheus text format.
 */
export function registerMetrics(app: FastifyInstance, metrics: Metrics): void {
  const latency = new Histogram({
    name: 'toklytics_http_request_duration_seconds',
    help: 'Time from request to response, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metrics.registry],
  })
  app.addHook('onResponse', async (req, reply) => {
    latency.observe(
      {
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    )
  })
  app.get('/metrics', async (_req, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  )
}
