/** `toklytics serve`: opens the database, seeds the demo data set when empty, and serves the API. */

import closeWithGrace from 'close-with-grace'
import type { Command } from 'commander'
import { startSnapshotMaintenance } from '../../admin/snapshot-maintenance.js'
import { startAlertLoop } from '../../alerts/alert-loop.js'
import { queueAlertWebhooks } from '../../alerts/alert-webhooks.js'
import { risingRanks } from '../../alerts/rising-ranks.js'
import { isEmpty, seedDemo } from '../../demo/seed-demo.js'
import { ingestThreadFor } from '../../ingest/ingest-thread.js'
import { prepareInline } from '../../ingest/pipeline.js'
import { createPreparePool, defaultWorkerCount } from '../../ingest/prepare-pool.js'
import { readContext } from '../../queries/query-context.js'
import { createApp } from '../../server/app.js'
import { startWebhookDelivery } from '../../webhooks/delivery-runner.js'
import { commandConfig, openCommandDatabase } from '../context.js'

/** Size of the demo data set served by a fresh `npm start`. */
const STARTUP_DEMO_CREATORS = 500
const DEMO_SEED = 42

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the REST API (and seed demo data into an empty database)')
    .option('-p, --port <n>', 'port to listen on (default PORT or 8080)', (v) => {
      const n = Number(v)
      if (!Number.isInteger(n) || n < 0 || n > 65535)
        throw new Error(`--port must be 0–65535, got ${v}`)
      return n
    })
    .action(async (opts: { port?: number }, cmd: Command) => {
      const config = commandConfig(cmd, { port: opts.port })
      const database = await openCommandDatabase(config, {
        readUrl: config.databaseReadUrl,
        migrate: config.autoMigrate ? 'apply' : 'check',
      })
      const seeding = config.demo && (await isEmpty(database))
      const readiness = { ready: !seeding, detail: seeding ? 'loading demo data' : 'ok' }
      const pool = createPreparePool(defaultWorkerCount(), prepareInline)
      const ingestThread = await ingestThreadFor(database, {
        url: config.databaseUrl,
        enabled: config.ingestThread,
        sync: config.ingestMode === 'sync',
        prepareWorkers: defaultWorkerCount(),
        sqliteCacheMb: config.sqliteCacheMb,
      })
      const app = await createApp({
        config,
        database,
        preparer: pool.prepare,
        ...(ingestThread ? { ingestThread } : {}),
        readiness: () => readiness,
      })
      const demo = { stop: new AbortController(), done: Promise.resolve() as Promise<unknown> }
      // Watchlist alerts, evaluated beside ingestion from what each write changed.
      const alerts = startAlertLoop({
        db: database.db,
        now: () => Math.floor(Date.now() / 1000),
        rising: risingRanks(
          readContext(database, {
            now: () => Math.floor(Date.now() / 1000),
            publicBaseUrl: config.publicBaseUrl,
          }),
        ),
        deliver: queueAlertWebhooks,
        onError: (err) => app.log.warn({ err }, 'alert evaluation failed; retrying next second'),
      })
      // Webhook deliveries: due ones sent each second, failed ones retried with backoff.
      const webhooks = startWebhookDelivery({
        database,
        config,
        onError: (err) =>
          app.log.warn({ err }, 'webhook delivery pass failed; retrying next second'),
      })
      // Snapshot partitions ahead of time (PostgreSQL), and retention when enabled: daily.
      const maintenance = startSnapshotMaintenance(database, {
        retention: config.snapshotRetention,
        log: app.log,
      })
      // SIGTERM/SIGINT: stop accepting connections, let requests in flight finish (an ingest
      // batch commits before its 200 is sent), let the demo batch being written commit, then
      // close. A batch that has not committed when the process dies is rolled back whole.
      closeWithGrace({ delay: 10_000 }, async ({ err }) => {
        if (err) app.log.error({ err }, 'shutting down after an error')
        demo.stop.abort()
        // A keep-alive connection whose request finishes during close turns idle only then;
        // close such connections as they appear, or close would wait for their timeout.
        const sweep = setInterval(() => app.server.closeIdleConnections(), 50)
        await app.close().finally(() => clearInterval(sweep))
        await demo.done.catch(() => {})
        await alerts.stop()
        await webhooks.stop()
        await maintenance.stop()
        await pool.close()
        await ingestThread?.close()
        await database.close()
      })
      await app.listen({ port: config.port, host: config.host })
      // Serve at once; the demo data set lands in a few seconds (GET /readyz says when).
      if (seeding) {
        const started = Date.now()
        const run = seedDemo(database, {
          creators: STARTUP_DEMO_CREATORS,
          seed: DEMO_SEED,
          nowMs: Date.now(),
          preparer: pool.prepare,
          signal: demo.stop.signal,
        })
        demo.done = run
        const totals = await run
        if (demo.stop.signal.aborted) return
        Object.assign(readiness, { ready: true, detail: 'ok' })
        app.log.info(
          `demo data: ${STARTUP_DEMO_CREATORS} creators, ${totals.accepted} captures in ${Date.now() - started} ms (TOKLYTICS_DEMO=off to skip; \`toklytics demo remove\` to delete)`,
        )
      }
      app.log.info(`Toklytics on ${config.publicBaseUrl} (${database.description})`)
    })
}
