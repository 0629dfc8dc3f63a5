/**
 * Operations: `/readyz` checks the database and Redis now (503 naming what is down), `/metrics`
 * counts ingested captures by outcome next to the queue's depth, and `toklytics migrate` upgrades
 * the schema under control (TOKLYTICS_AUTO_MIGRATE=off: servers refuse an outdated one).
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { loadConfig } from '../src/config.js'
import { createApp } from '../src/server/app.js'
import { testDatabases } from './support/databases.js'
import { loadBatch, loadEpochMs } from './support/queue-load.js'
import { startServer, toklytics } from './support/server-process.js'
import { tcpProxy } from './support/tcp-proxy.js'

const TOKEN = 'ops-test-token'
const REDIS_URL = process.env.TOKLYTICS_TEST_REDIS_URL

/** A TCP proxy to Redis that can be cut: Redis "going away" without stopping the shared one. */
async function redisProxy(target: URL): Promise<{ url: string; cut(): Promise<void> }> {
  const proxy = await tcpProxy(target.hostname, Number(target.port || 6379))
  return { url: `redis://127.0.0.1:${proxy.port}`, cut: proxy.cut }
}

for (const target of testDatabases()) {
  describe(`operations endpoints on ${target.name}`, () => {
    after(() => target.cleanup())

    it('/readyz: 200 with every check ok; 503 naming the database once it is gone', async () => {
      const database = await target.open()
      const config = loadConfig({ LOG_LEVEL: 'silent', TOKLYTICS_RATE_LIMIT: 'off' })
      const app = await createApp({ config, database })
      try {
        const ok = await app.inject('/readyz')
        assert.equal(ok.statusCode, 200)
        assert.deepEqual(ok.json(), {
          status: 'ready',
          detail: 'ok',
          checks: { database: 'ok', storage: 'ok' },
        })
        await database.close()
        const down = await app.inject('/readyz')
        assert.equal(down.statusCode, 503)
        assert.deepEqual(down.json(), {
          status: 'unavailable',
          detail: 'not answering: database',
          checks: { database: 'unavailable', storage: 'ok' },
        })
        // Liveness is not readiness: the process is still up.
        assert.equal((await app.inject('/healthz')).statusCode, 200)
      } finally {
        await app.close()
      }
    })

    it('/readyz: with REDIS_URL, 200 while Redis answers, 503 naming Redis once it is gone', {
      skip: REDIS_URL === undefined && 'set TOKLYTICS_TEST_REDIS_URL to run it',
    }, async () => {
      const database = await target.open()
      const proxy = await redisProxy(new URL(REDIS_URL ?? ''))
      const app = await createApp({
        config: loadConfig({
          LOG_LEVEL: 'silent',
          REDIS_URL: proxy.url,
          TOKLYTICS_REDIS_PREFIX: `ops-${process.pid}-${Date.now()}:`,
        }),
        database,
      })
      try {
        const up = await app.inject('/readyz')
        assert.equal(up.statusCode, 200, up.body)
        assert.deepEqual(up.json().checks, { database: 'ok', storage: 'ok', redis: 'ok' })
        await proxy.cut()
        const down = await app.inject('/readyz')
        assert.equal(down.statusCode, 503)
        assert.deepEqual(down.json(), {
          status: 'unavailable',
          detail: 'not answering: redis',
          checks: { database: 'ok', storage: 'ok', redis: 'unavailable' },
        })
        assert.doesNotMatch(down.body, /127\.0\.0\.1/, 'the public answer does not say where')
      } finally {
        await app.close()
        await database.close()
      }
    })

    it('/metrics: synchronous ingestion counted by outcome, and the queue depth (0)', async () => {
      const database = await target.open()
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        TOKLYTICS_RATE_LIMIT: 'off',
        TOKLYTICS_INGEST_TOKEN: TOKEN,
      })
      const app = await createApp({ config, database })
      try {
        const batch = loadBatch(0, loadEpochMs())
        const post = () =>
          app.inject({
            method: 'POST',
            url: '/api/v1/ingest',
            headers: { authorization: `Bearer ${TOKEN}` },
            payload: { captures: [...batch.captures, { url: 'x', observed_at: 1, body: '{}' }] },
          })
        assert.equal((await post()).statusCode, 200)
        assert.equal((await post()).statusCode, 200)
        const text = (await app.inject('/metrics')).body
        const count = (outcome: string) =>
          new RegExp(
            `^toklytics_ingest_captures_total\\{outcome="${outcome}"\\} (\\d+)$`,
            'm',
          ).exec(text)?.[1]
        assert.equal(count('accepted'), '6')
        assert.equal(count('duplicate'), '6')
        assert.equal(count('dropped:invalid_observed_at'), '2')
        assert.match(text, /^toklytics_ingest_queue_depth 0$/m)
        assert.match(text, /^toklytics_ingest_queue_oldest_age_seconds 0$/m)
      } finally {
        await app.close()
        await database.close()
      }
    })
  })
}

describe('controlled schema upgrades', () => {
  const [sqlite] = testDatabases()
  after(() => sqlite?.cleanup())

  it('migrate --check lists what is pending; a server with TOKLYTICS_AUTO_MIGRATE=off refuses an outdated schema until `migrate` ran', async () => {
    assert.ok(sqlite)
    await (await sqlite.open()).close()
    // A new, empty database file next to the one `open` made: nothing migrated yet.
    const url = sqlite.url().replace(/\.sqlite$/, '-empty.sqlite')
    const check = await toklytics(url, 'migrate', '--check').then(
      () => assert.fail('--check must exit 1 with migrations pending'),
      (err: { code: number; stdout: string }) => err,
    )
    assert.equal(check.code, 1)
    assert.match(check.stdout, /^pending migrations: 001-initial, .*014-ingest-queue/m)
    await assert.rejects(startServer(url, { TOKLYTICS_AUTO_MIGRATE: 'off' }), (err: Error) => {
      assert.match(
        err.message,
        /schema is not up to date \(pending: 001-initial.*run `toklytics migrate` first/,
      )
      return true
    })
    const applied = await toklytics(url, 'migrate')
    assert.match(applied.stdout, /^applied 001-initial, .*014-ingest-queue/m)
    assert.match((await toklytics(url, 'migrate', '--check')).stdout, /^schema up to date/m)
    assert.match((await toklytics(url, 'migrate')).stdout, /^schema up to date/m)
    const server = await startServer(url, { TOKLYTICS_AUTO_MIGRATE: 'off' })
    await server.stop()
  })
})
