/** Prometheus metrics at `/metrics`: request latency per route, ingestion outcomes, the process. */
import type { FastifyInstance } from 'fastify'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { IngestSummary } from '../contract/ingest-envelope.js'
import type { QueueStats } from '../db/capture-queue.js'
import type { QueuedSummary } from '../ingest/enqueue.js'
import { INGEST_STEPS, type StepObserver } from '../ingest/ingest-steps.js'

export interface Metrics {
  readonly registry: Registry
  /** Counts what one ingested batch did with its captures. */
  ingested(summary: IngestSummary): void
  /** Counts what one batch queued in queue mode did with its captures. */
  queued(summary: QueuedSummary): void
  /** Times one step of one batch (ingest-steps.ts). */
  step: StepObserver
}

/** `toklytics_ingest_step_seconds{step}`: the write path's time per named step and batch. */
export function stepHistogram(registry: Registry): StepObserver {
  const histogram = new Histogram({
    name: 'toklytics_ingest_step_seconds',
    help: `Time per batch in each step of the write path (${INGEST_STEPS.join(' → ')}); per-capture steps are summed over the batch.`,
    labelNames: ['step'] as const,
    buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  })
  return (step, seconds) => histogram.observe({ step }, seconds)
}

/**
 * Outcomes of captures: `accepted` (sync), `queued`, `duplicate`, `dropped:<reason>`, and the
 * worker's `parsed` and `failed:<reason>`: one family, whichever process counted them.
 */
export function captureCounter(registry: Registry): Counter<'outcome'> {
  return new Counter({
    name: 'toklytics_ingest_captures_total',
    help: 'Captures by outcome: accepted (sync), queued, duplicate, dropped:<reason> (API); parsed, failed:<reason> (worker).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  })
}

/**
 * The queue's depth and age, read from the database at each scrape (so every API process and
 * worker reports the same shared queue). A failed read reports NaN rather than failing the scrape.
 */
export function registerQueueGauges(registry: Registry, stats: () => Promise<QueueStats>): void {
  let reading: Promise<QueueStats | null> | null = null
  // Both gauges are collected in one scrape: read the database once for the two.
  const read = () => {
    reading ??= stats()
      .catch(() => null)
      .finally(() => {
        setImmediate(() => {
          reading = null
        })
      })
    return reading
  }
  new Gauge({
    name: 'toklytics_ingest_queue_depth',
    help: 'Captures stored in queue mode and not yet processed by a worker.',
    registers: [registry],
    async collect() {
      const s = await read()
      this.set(s === null ? Number.NaN : s.depth)
    },
  })
  new Gauge({
    name: 'toklytics_ingest_queue_oldest_age_seconds',
    help: 'How long the oldest queued capture has waited (0 when none waits).',
    registers: [registry],
    async collect() {
      const s = await read()
      const age =
        s === null
          ? Number.NaN
          : s.oldestReceivedAt === null
            ? 0
            : Math.max(0, Date.now() / 1000 - s.oldestReceivedAt)
      this.set(age)
    },
  })
}

/** One registry per app (DESIGN.md: no globals), so two apps in one test never mix figures. */
export function createMetrics(): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'toklytics_' })
  const captures = captureCounter(registry)
  return {
    registry,
    step: stepHistogram(registry),
    ingested(summary) {
      captures.inc({ outcome: 'accepted' }, summary.accepted)
      captures.inc({ outcome: 'duplicate' }, summary.duplicates)
      for (const d of summary.dropped) captures.inc({ outcome: `dropped:${d.reason}` })
    },
    queued(summary) {
      captures.inc({ outcome: 'queued' }, summary.queued)
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
