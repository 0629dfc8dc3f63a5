/** Prometheus metrics of `toklytics worker`, and the small HTTP listener that serves them. */
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client'
import type { QueueStats } from '../db/capture-queue.js'
import { reportSeconds } from '../ingest/ingest-steps.js'
import type { ProcessedBatch } from '../ingest/queue-worker.js'
import { captureCounter, registerQueueGauges, stepHistogram } from './metrics.js'

export interface WorkerMetrics {
  readonly registry: Registry
  /** Counts a committed batch: its captures by outcome, its duration and their wait. */
  batch(batch: ProcessedBatch, ms: number): void
  /** Counts a batch that failed and was rolled back (its captures stay queued). */
  failure(): void
}

export function createWorkerMetrics(stats: () => Promise<QueueStats>): WorkerMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'toklytics_' })
  const captures = captureCounter(registry)
  registerQueueGauges(registry, stats)
  const step = stepHistogram(registry)
  const batches = new Counter({
    name: 'toklytics_worker_batches_total',
    help: 'Batches of queued captures processed, by result (committed, or failed and rolled back).',
    labelNames: ['result'] as const,
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'toklytics_worker_batch_duration_seconds',
    help: 'Time to claim, parse, write and commit one batch.',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  const wait = new Histogram({
    name: 'toklytics_ingest_queue_wait_seconds',
    help: 'Time a capture waited between being received (202) and being processed.',
    buckets: [0.5, 1, 2, 5, 10, 30, 60, 300, 900],
    registers: [registry],
  })
  return {
    registry,
    batch(batch, ms) {
      batches.inc({ result: 'committed' })
      duration.observe(ms / 1000)
      captures.inc({ outcome: 'parsed' }, batch.parsed)
      for (const [reason, n] of Object.entries(batch.failed))
        captures.inc({ outcome: `failed:${reason}` }, n)
      for (const w of batch.waits) wait.observe(w)
      reportSeconds(step, batch.seconds)
    },
    failure() {
      batches.inc({ result: 'failed' })
    },
  }
}

/** Serves `GET /metrics` (and `/healthz`) on `host:port` (0: any free port). */
export async function serveMetrics(
  registry: Registry,
  port: number,
  host: string,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (req.method === 'GET' && path === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      )
    } else if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}')
    } else {
      res.writeHead(404).end()
    }
  })
  server.listen(port, host)
  await once(server, 'listening')
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
