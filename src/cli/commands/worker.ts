/** `toklytics worker`: processes the captures servers queued (TOKLYTICS_INGEST_MODE=queue). */
import { hostname } from 'node:os'
import type { Command } from 'commander'
import { pino } from 'pino'
import { queueStats } from '../../db/capture-queue.js'
import { dialectOfUrl } from '../../db/open.js'
import { runWorkerLoop } from '../../ingest/queue-worker.js'
import { createWorkerMetrics, serveMetrics } from '../../server/worker-metrics.js'
import { startWebhookDelivery } from '../../webhooks/delivery-runner.js'
import { commandConfig, openCommandDatabase } from '../context.js'

const DEFAULT_BATCH = 100

function integer(name: string, min: number, max: number) {
  return (v: string) => {
    const n = Number(v)
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`${name} must be ${min}–${max}, got ${v}`)
    return n
  }
}

interface WorkerOptions {
  batch?: number
  metricsPort?: number
  untilEmpty?: boolean
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'process captures queued by servers in TOKLYTICS_INGEST_MODE=queue (PostgreSQL); run as many as you like',
    )
    .option(
      '--batch <n>',
      `captures per transaction (default ${DEFAULT_BATCH})`,
      integer('--batch', 1, 500),
    )
    .option(
      '--metrics-port <n>',
      'serve Prometheus metrics at /metrics on this port (HOST)',
      integer('--metrics-port', 0, 65535),
    )
    .option('--until-empty', 'exit once no queued capture is left')
    .action(async (opts: WorkerOptions, cmd: Command) => {
      const config = commandConfig(cmd)
      // The queue needs row locks (FOR UPDATE SKIP LOCKED) so workers never claim the same rows.
      if (!dialectOfUrl(config.databaseUrl).rowLocks) {
        throw new Error(
          'toklytics worker needs PostgreSQL (DATABASE_URL or --db postgres://…); with SQLite, ingestion is synchronous and there is no queue',
        )
      }
      const log = pino({ level: config.logLevel, name: 'toklytics-worker' })
      const database = await openCommandDatabase(config, {
        migrate: config.autoMigrate ? 'apply' : 'check',
      })
      const worker = `${hostname()}:${process.pid}`
      const limit = opts.batch ?? DEFAULT_BATCH
      const metrics = createWorkerMetrics(() => queueStats(database.db))
      const server =
        opts.metricsPort === undefined
          ? null
          : await serveMetrics(metrics.registry, opts.metricsPort, config.host)
      // SIGTERM/SIGINT: finish (commit) the batch in progress, then exit. A second signal kills.
      const stop = new AbortController()
      const onSignal = (signal: NodeJS.Signals) => {
        log.info({ signal }, 'stopping after the batch in progress')
        stop.abort()
      }
      process.once('SIGTERM', onSignal)
      process.once('SIGINT', onSignal)
      log.info(
        {
          worker,
          batch: limit,
          database: database.description,
          ...(server ? { metrics: `http://${config.host}:${server.port}/metrics` } : {}),
        },
        'worker started',
      )
      // Workers deliver webhooks too (claims skip rows another process holds).
      const webhooks = startWebhookDelivery({
        database,
        config,
        onError: (err) => log.warn({ err }, 'webhook delivery pass failed; retrying next second'),
      })
      try {
        await runWorkerLoop(database, {
          limit,
          worker,
          now: Date.now,
          signal: stop.signal,
          untilEmpty: opts.untilEmpty === true,
          events: {
            batch(batch, ms) {
              metrics.batch(batch, ms)
              log.info(
                {
                  captures: batch.ids.length,
                  parsed: batch.parsed,
                  failed: batch.failed,
                  entities: batch.entities,
                  flagged: batch.flagged,
                  ms: Math.round(ms),
                  // Which captures, for tracing one from its 202 (debug: a line per batch is enough).
                  ...(log.isLevelEnabled('debug') ? { capture_ids: batch.ids } : {}),
                },
                'batch committed',
              )
            },
            error(err) {
              metrics.failure()
              log.error({ err }, 'batch failed and was rolled back; its captures stay queued')
            },
          },
        })
      } finally {
        process.off('SIGTERM', onSignal)
        process.off('SIGINT', onSignal)
        await webhooks.stop()
        await server?.close()
        await database.close()
      }
      log.info({ worker }, 'worker stopped')
    })
}
