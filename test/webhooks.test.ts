/**
 * Webhooks end to end on every database: deliveries to a real HTTP receiver on 127.0.0.1 (the
 * loopback allowance on), signatures checked by the test's own HMAC, a receiver outage survived
 * by retries, endpoints disabled after repeated failures, "send test", the address policy at save
 * and at connect time, and the REST API's ownership rules.
 */
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { after, before, beforeEach, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { Owner } from '../src/access/owner.js'
import { createApiKey } from '../src/admin/api-keys.js'
import { loadConfig } from '../src/config.js'
import { migrateTo, migrateToLatest, pendingMigrations } from '../src/db/migrate.js'
import type { Database } from '../src/db/open.js'
import { createApp } from '../src/server/app.js'
import { Refusal } from '../src/support/refusal.js'
import { startWebhookDelivery, type WebhookDelivery } from '../src/webhooks/delivery-runner.js'
import { enqueueWebhookEvent } from '../src/webhooks/enqueue-event.js'
import { sendTestPing } from '../src/webhooks/send-test.js'
import { verifyWebhookSignature } from '../src/webhooks/webhook-signature.js'
import {
  createWebhook,
  getWebhook,
  listDeliveries,
  updateWebhook,
} from '../src/webhooks/webhook-store.js'
import { webhookUrlRefusal } from '../src/webhooks/webhook-url.js'
import { contractAnswers } from './support/contract-answers.js'
import { testDatabases } from './support/databases.js'
import { type Received, type Receiver, startReceiver } from './support/webhook-receiver.js'

const T0 = Date.parse('2026-11-20T12:00:00Z')
const OWNER: Owner = { id: 'key_a', admin: false }
const ALLOW = { allowPrivate: true }
const DENY = { allowPrivate: false }
/** Short, jitter-free retries: 1 s, 2 s, 4 s … between attempts (on the test's clock). */
const FAST = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 8, jitter: 0 }

/** The test's own reading of a signature header: `t=<seconds>,v1=<hex>`. */
function signatureOf(r: Received): { t: number; v1: string } {
  const header = String(r.headers['toklytics-signature'])
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)
  assert.ok(match, `signature header ${header}`)
  return { t: Number(match[1]), v1: match[2] ?? '' }
}

/** HMAC-SHA256(secret, "<t>.<body>") in hex, computed here rather than by the code under test. */
const hmac = (secret: string, t: number, raw: string) =>
  createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex')

for (const target of testDatabases()) {
  describe(`webhook delivery on ${target.name}`, () => {
    let database: Database
    let receiver: Receiver
    let clock = T0
    let runner: WebhookDelivery

    const log = async (endpointId: string) =>
      (await listDeliveries(database.db, OWNER, endpointId, { limit: 50, offset: 0 })).data
    const runnerWith = (allowPrivate: boolean, extra: object = {}) =>
      startWebhookDelivery({
        database,
        config: { webhookAllowPrivate: allowPrivate },
        nowMs: () => clock,
        schedule: FAST,
        intervalMs: 3_600_000,
        timeoutMs: 2000,
        ...extra,
      })

    before(async () => {
      database = await target.open()
      receiver = await startReceiver()
      runner = runnerWith(true)
    })
    after(async () => {
      await runner.stop()
      await receiver.close()
      await database.close()
      await target.cleanup()
    })
    beforeEach(() => {
      receiver.received.length = 0
      receiver.script = []
      receiver.fallback = 200
    })

    it('delivers a signed event that the receiver can verify', async () => {
      clock = T0
      const { webhook, secret } = await createWebhook(
        database.db,
        OWNER,
        { url: receiver.url, description: ' alerts ' },
        clock,
        ALLOW,
      )
      assert.match(webhook.id, /^wh_[0-9a-f]{16}$/)
      assert.match(secret, /^whsec_[0-9a-f]{64}$/)
      assert.equal(webhook.description, 'alerts')
      const ids = await enqueueWebhookEvent(database.db, {
        ownerKeyId: OWNER.id,
        event: 'alert.fired',
        payload: { rule: 'ar_1', followers: 427_682 },
        nowMs: clock,
      })
      assert.equal(ids.length, 1)
      // Another owner's event reaches none of this owner's endpoints.
      assert.deepEqual(
        await enqueueWebhookEvent(database.db, {
          ownerKeyId: 'key_b',
          event: 'alert.fired',
          payload: {},
          nowMs: clock,
        }),
        [],
      )
      clock = T0 + 1500
      assert.equal(await runner.runOnce(), 1)
      assert.equal(receiver.received.length, 1)
      const [got] = receiver.received
      assert.ok(got)
      assert.equal(got.headers['toklytics-event'], 'alert.fired')
      assert.equal(got.headers['toklytics-delivery'], ids[0])
      assert.equal(got.headers['user-agent'], 'Toklytics-Webhooks/1')
      assert.equal(got.headers['content-type'], 'application/json')
      assert.deepEqual(JSON.parse(got.raw), {
        id: ids[0],
        event: 'alert.fired',
        created_at: '2026-11-20T12:00:00.000Z',
        data: { rule: 'ar_1', followers: 427_682 },
      })
      // Signed at the attempt: T0 + 1.5 s → 1795176001 (2026-11-20T12:00:01Z).
      const sig = signatureOf(got)
      assert.equal(sig.t, 1_795_176_001)
      assert.equal(sig.v1, hmac(secret, sig.t, got.raw))
      const header = String(got.headers['toklytics-signature'])
      assert.equal(verifyWebhookSignature(secret, header, got.raw, sig.t + 10).valid, true)
      // Tampered body, another secret, a replay after the 300-second window: refused.
      const tampered = got.raw.replace('427682', '999999')
      assert.notEqual(tampered, got.raw)
      assert.deepEqual(verifyWebhookSignature(secret, header, tampered, sig.t), {
        valid: false,
        reason: 'mismatch',
      })
      assert.equal(verifyWebhookSignature(`${secret}x`, header, got.raw, sig.t).valid, false)
      assert.deepEqual(verifyWebhookSignature(secret, header, got.raw, sig.t + 301), {
        valid: false,
        reason: 'stale',
      })
      const [entry] = await log(webhook.id)
      assert.equal(entry?.status, 'delivered')
      assert.equal(entry?.attempts, 1)
      assert.equal(entry?.last_status_code, 200)
      assert.equal(entry?.last_error, null)
      assert.equal(entry?.delivered_at, '2026-11-20T12:00:01.500Z')
      assert.equal(entry?.next_attempt_at, null)
      // Nothing is due any more.
      assert.equal(await runner.runOnce(), 0)
      await updateWebhook(database.db, OWNER, webhook.id, { enabled: false }, clock, ALLOW)
    })

    it('survives a receiver outage: retries with backoff until it answers', async () => {
      clock = T0
      const { webhook, secret } = await createWebhook(
        database.db,
        OWNER,
        { url: receiver.url },
        clock,
        ALLOW,
      )
      const [id] = await enqueueWebhookEvent(database.db, {
        ownerKeyId: OWNER.id,
        endpointId: webhook.id,
        event: 'alert.fired',
        payload: { n: 1 },
        nowMs: clock,
      })
      // Attempt 1 at T0: 500. Next due T0 + 1 s.
      receiver.script = [500, 'drop']
      assert.equal(await runner.runOnce(), 1)
      let [entry] = await log(webhook.id)
      assert.equal(entry?.status, 'pending')
      assert.equal(entry?.attempts, 1)
      assert.equal(entry?.last_status_code, 500)
      assert.equal(entry?.last_error, 'HTTP 500')
      assert.equal(entry?.next_attempt_at, '2026-11-20T12:00:01.000Z')
      // Not due yet half a second later.
      clock = T0 + 500
      assert.equal(await runner.runOnce(), 0)
      // Attempt 2 at T0 + 1 s: the connection is dropped. Next due + 2 s = T0 + 3 s.
      clock = T0 + 1000
      assert.equal(await runner.runOnce(), 1)
      ;[entry] = await log(webhook.id)
      assert.equal(entry?.attempts, 2)
      assert.equal(entry?.last_status_code, null)
      assert.match(entry?.last_error ?? '', /socket hang up|ECONNRESET/)
      assert.equal(entry?.next_attempt_at, '2026-11-20T12:00:03.000Z')
      // Attempt 3 at T0 + 3 s: the receiver is down (connection refused). Next + 4 s = T0 + 7 s.
      await receiver.stop()
      clock = T0 + 3000
      assert.equal(await runner.runOnce(), 1)
      ;[entry] = await log(webhook.id)
      assert.equal(entry?.attempts, 3)
      assert.match(entry?.last_error ?? '', /ECONNREFUSED/)
      assert.equal(entry?.next_attempt_at, '2026-11-20T12:00:07.000Z')
      // Back up: attempt 4 at T0 + 7 s is delivered.
      await receiver.start()
      clock = T0 + 7000
      assert.equal(await runner.runOnce(), 1)
      ;[entry] = await log(webhook.id)
      assert.equal(entry?.status, 'delivered')
      assert.equal(entry?.attempts, 4)
      assert.equal(entry?.last_status_code, 200)
      assert.equal(entry?.last_error, null)
      // Three requests arrived (the third attempt never connected), the same bytes each time,
      // each signed at its own attempt: T0 (1795176000), T0 + 1 s, T0 + 7 s.
      assert.equal(receiver.received.length, 3)
      assert.deepEqual(
        receiver.received.map((r) => signatureOf(r).t),
        [1_795_176_000, 1_795_176_001, 1_795_176_007],
      )
      for (const r of receiver.received) {
        assert.equal(r.raw, receiver.received[0]?.raw)
        assert.equal(r.headers['toklytics-delivery'], id)
        assert.equal(signatureOf(r).v1, hmac(secret, signatureOf(r).t, r.raw))
      }
      assert.equal((await getWebhook(database.db, OWNER, webhook.id)).consecutive_failures, 0)
      await updateWebhook(database.db, OWNER, webhook.id, { enabled: false }, clock, ALLOW)
    })

    it('retries on its own timer with a schedule in milliseconds', async () => {
      const { webhook } = await createWebhook(
        database.db,
        OWNER,
        { url: receiver.url },
        Date.now(),
        ALLOW,
      )
      receiver.script = [503, 503]
      const live = startWebhookDelivery({
        database,
        config: { webhookAllowPrivate: true },
        schedule: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 5, jitter: 0.5 },
        intervalMs: 10,
        timeoutMs: 2000,
      })
      try {
        await enqueueWebhookEvent(database.db, {
          ownerKeyId: OWNER.id,
          endpointId: webhook.id,
          event: 'ping',
          payload: {},
          nowMs: Date.now(),
        })
        const deadline = Date.now() + 10_000
        while (receiver.received.length < 3 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 10))
        }
        await live.runOnce()
      } finally {
        await live.stop()
      }
      const [entry] = await log(webhook.id)
      assert.equal(receiver.received.length, 3)
      assert.equal(entry?.status, 'delivered')
      assert.equal(entry?.attempts, 3)
      await updateWebhook(database.db, OWNER, webhook.id, { enabled: false }, clock, ALLOW)
    })

    it('never sends a delivery twice when several runners claim at once', async () => {
      clock = T0
      const { webhook } = await createWebhook(
        database.db,
        OWNER,
        { url: receiver.url },
        clock,
        ALLOW,
      )
      const ids: string[] = []
      for (let i = 0; i < 10; i++) {
        ids.push(
          ...(await enqueueWebhookEvent(database.db, {
            ownerKeyId: OWNER.id,
            endpointId: webhook.id,
            event: 'alert.fired',
            payload: { i },
            nowMs: clock,
          })),
        )
      }
      const a = runnerWith(true, { batch: 3 })
      const b = runnerWith(true, { batch: 3 })
      try {
        let sent = 0
        for (let round = 0; round < 10 && sent < 10; round++) {
          const [x, y] = await Promise.all([a.runOnce(), b.runOnce()])
          sent += x + y
        }
        assert.equal(sent, 10)
      } finally {
        await a.stop()
        await b.stop()
      }
      const delivered = receiver.received.map((r) => String(r.headers['toklytics-delivery']))
      assert.deepEqual([...delivered].sort(), [...ids].sort())
      await updateWebhook(database.db, OWNER, webhook.id, { enabled: false }, clock, ALLOW)
    })

    it('does not follow redirects, caps waiting with a deadline', async () => {
      clock = T0
      const { webhook } = await createWebhook(
        database.db,
        OWNER,
        { url: receiver.url },
        clock,
        ALLOW,
      )
      receiver.script = [{ redirect: `${receiver.url}/elsewhere` }, 'hang']
      await enqueueWebhookEvent(database.db, {
        ownerKeyId: OWNER.id,
        endpointId: webhook.id,
        event: 'ping',
        payload: {},
        nowMs: clock,
      })
      await runner.runOnce()
      let [entry] = await log(webhook.id)
      assert.equal(entry?.last_status_code, 302)
      assert.equal(entry?.last_error, 'HTTP 302: redirects are not followed')
      assert.equal(receiver.received.length, 1)
      clock += 1000
      const quick = runnerWith(true, { timeoutMs: 200 })
      try {
        assert.equal(await quick.runOnce(), 1)
      } finally {
        await quick.stop()
      }
      ;[entry] = await log(webhook.id)
      assert.equal(entry?.attempts, 2)
      assert.equal(entry?.last_error, 'timed out')
      await updateWebhook(database.db, OWNER, webhook.id, { enabled: false }, clock, ALLOW)
      ;[entry] = await log(webhook.id)
      // Disabling fails what was still pending: nothing is kept for later.
      assert.equal(entry?.status, 'failed')
      assert.equal(entry?.next_attempt_at, null)
      assert.equal(entry?.last_error, 'the endpoint was disabled')
    })

    it('disables an endpoint after 5 deliveries fail for good; re-enabling resets it', async () => {
      clock = T0
      const owner: Owner = { id: 'key_flaky', admin: false }
      const { webhook } = await createWebhook(
        database.db,
        owner,
        { url: receiver.url },
        clock,
        ALLOW,
      )
      const twoTries = runnerWith(true, { schedule: { ...FAST, maxAttempts: 2 } })
      const event = () =>
        enqueueWebhookEvent(database.db, {
          ownerKeyId: owner.id,
          event: 'alert.fired',
          payload: {},
          nowMs: clock,
        })
      /** Runs passes a second apart until nothing is due. */
      const drain = async () => {
        for (let i = 0; i < 10; i++) {
          clock += 1000
          await twoTries.runOnce()
        }
      }
      try {
        receiver.fallback = 500
        // One delivery fails for good (2 attempts): the count is 1 …
        await event()
        await drain()
        assert.equal((await getWebhook(database.db, owner, webhook.id)).consecutive_failures, 1)
        // … and a delivered one resets it.
        receiver.fallback = 200
        await event()
        await drain()
        assert.equal((await getWebhook(database.db, owner, webhook.id)).consecutive_failures, 0)
        receiver.fallback = 500
        for (let i = 0; i < 4; i++) await event()
        await drain()
        let view = await getWebhook(database.db, owner, webhook.id)
        assert.equal(view.consecutive_failures, 4)
        assert.equal(view.enabled, true)
        await event()
        await drain()
        view = await getWebhook(database.db, owner, webhook.id)
        assert.equal(view.consecutive_failures, 5)
        assert.equal(view.enabled, false)
        assert.match(
          view.disabled_reason ?? '',
          /^5 deliveries in a row failed after every retry \(last: HTTP 500\)/,
        )
        // 1 + 1 + 4 + 1 deliveries; 2 attempts each but the delivered one: 13 requests.
        assert.equal(receiver.received.length, 13)
        // A disabled endpoint is sent nothing.
        assert.deepEqual(await event(), [])
        view = await updateWebhook(database.db, owner, webhook.id, { enabled: true }, clock, ALLOW)
        assert.equal(view.enabled, true)
        assert.equal(view.consecutive_failures, 0)
        assert.equal(view.disabled_reason, null)
        assert.equal((await event()).length, 1)
        await updateWebhook(database.db, owner, webhook.id, { enabled: false }, clock, ALLOW)
      } finally {
        await twoTries.stop()
      }
    })

    it('sends a test ping at once and answers how it went', async () => {
      clock = T0
      const { webhook, secret } = await createWebhook(
        database.db,
        OWNER,
        { url: receiver.url },
        clock,
        ALLOW,
      )
      const ok = await sendTestPing(database.db, OWNER, webhook.id, {
        ...ALLOW,
        nowMs: () => clock,
      })
      assert.equal(ok.delivered, true)
      assert.equal(ok.status_code, 200)
      assert.equal(ok.error, null)
      const [got] = receiver.received
      assert.equal(got?.headers['toklytics-event'], 'ping')
      assert.equal(got?.headers['toklytics-delivery'], ok.delivery_id)
      assert.equal(signatureOf(got as Received).v1, hmac(secret, 1_795_176_000, got?.raw ?? ''))
      assert.equal(JSON.parse(got?.raw ?? '{}').data.webhook_id, webhook.id)
      receiver.script = [500]
      const failed = await sendTestPing(database.db, OWNER, webhook.id, {
        ...ALLOW,
        nowMs: () => clock,
      })
      assert.deepEqual(
        { delivered: failed.delivered, status_code: failed.status_code, error: failed.error },
        { delivered: false, status_code: 500, error: 'HTTP 500' },
      )
      const entries = await log(webhook.id)
      assert.deepEqual(entries.map((e) => [e.event, e.status, e.attempts]).sort(), [
        ['ping', 'delivered', 1],
        ['ping', 'failed', 1],
      ])
      // A test is not retried, and its failure does not count against the endpoint.
      clock += 60_000
      assert.equal(await runner.runOnce(), 0)
      assert.deepEqual(
        (await log(webhook.id)).map((e) => e.attempts),
        [1, 1],
      )
      assert.equal((await getWebhook(database.db, OWNER, webhook.id)).consecutive_failures, 0)
      await assert.rejects(
        sendTestPing(database.db, { id: 'key_b', admin: false }, webhook.id, {
          ...ALLOW,
          nowMs: () => clock,
        }),
        (err: unknown) => err instanceof Refusal && err.kind === 'not_found',
      )
    })

    it('refuses private addresses when saved and when connecting, without the allowance', async () => {
      const port = receiver.port
      const refusals = {
        [`http://127.0.0.1:${port}/`]: /127\.0\.0\.1 is not a public address \(loopback\)/,
        'http://10.0.0.1/': /10\.0\.0\.1 is not a public address \(private\)/,
        'http://169.254.169.254/latest/meta-data/': /\(linkLocal\)/,
        'http://[::1]:8080/': /::1 is not a public address \(loopback\)/,
        'http://[::ffff:127.0.0.1]/': /\(loopback\)/,
        'http://0x7f000001/': /127\.0\.0\.1 is not a public address/,
        [`http://localhost:${port}/`]:
          /localhost \((127\.0\.0\.1|::1)\) is not a public address \(loopback\)/,
        'ftp://example.com/': /must be http:\/\/ or https:\/\//,
        'http://user:pw@example.com/': /must not hold credentials/,
        'not a url': /is not an absolute URL/,
      }
      for (const [url, pattern] of Object.entries(refusals)) {
        assert.match((await webhookUrlRefusal(url, DENY)) ?? '', pattern, url)
      }
      assert.equal(await webhookUrlRefusal(`http://localhost:${port}/`, ALLOW), null)
      assert.equal(await webhookUrlRefusal('http://10.0.0.1/', ALLOW), null)
      await assert.rejects(
        createWebhook(database.db, OWNER, { url: 'http://169.254.169.254/' }, clock, DENY),
        (err: unknown) =>
          err instanceof Refusal && err.kind === 'invalid' && /'url'/.test(err.message),
      )
      // Saved while allowed, then delivered by a runner that is not: refused at connect time,
      // by name (the guarded lookup) and by literal address alike; the receiver hears nothing.
      clock = T0
      const byName = await createWebhook(
        database.db,
        OWNER,
        { url: `http://localhost:${port}/x` },
        clock,
        ALLOW,
      )
      const byAddress = await createWebhook(database.db, OWNER, { url: receiver.url }, clock, ALLOW)
      const strict = runnerWith(false)
      try {
        for (const w of [byName, byAddress]) {
          await enqueueWebhookEvent(database.db, {
            ownerKeyId: OWNER.id,
            endpointId: w.webhook.id,
            event: 'ping',
            payload: {},
            nowMs: clock,
          })
        }
        assert.equal(await strict.runOnce(), 2)
      } finally {
        await strict.stop()
      }
      assert.equal(receiver.received.length, 0)
      const [named] = await log(byName.webhook.id)
      assert.match(
        named?.last_error ?? '',
        /^refused: localhost \((127\.0\.0\.1|::1)\) is not a public address \(loopback\)/,
      )
      const [literal] = await log(byAddress.webhook.id)
      assert.match(
        literal?.last_error ?? '',
        /^refused: 127\.0\.0\.1 is not a public address \(loopback\)/,
      )
      const test = await sendTestPing(database.db, OWNER, byName.webhook.id, {
        ...DENY,
        nowMs: () => clock,
      })
      assert.equal(test.delivered, false)
      assert.match(test.error ?? '', /^refused: /)
      assert.equal(receiver.received.length, 0)
    })
  })
}

interface Answer {
  status: number
  // biome-ignore lint/suspicious/noExplicitAny: answers are checked against the contract first
  body: any
}

for (const target of testDatabases()) {
  describe(`webhooks REST on ${target.name}`, () => {
    let database: Database
    let app: FastifyInstance
    let strictApp: FastifyInstance
    let receiver: Receiver
    let keyA = ''
    let keyB = ''
    let admin = ''
    const conforms = contractAnswers()

    const callOn =
      (which: () => FastifyInstance) =>
      async (
        method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
        url: string,
        key: string | null,
        body?: object,
      ): Promise<Answer> => {
        const res = await which().inject({
          method,
          url: `/api/v1${url}`,
          headers: key === null ? {} : { 'x-toklytics-key': key },
          ...(body === undefined ? {} : { payload: body }),
        })
        const answer = { status: res.statusCode, body: res.body === '' ? {} : res.json() }
        if (res.statusCode !== 204) {
          const path = (url.split('?')[0] ?? url).replace(/\/wh_[^/]+/, '/{id}')
          conforms(method.toLowerCase(), path, res.statusCode, answer.body)
        }
        return answer
      }
    const call = callOn(() => app)

    before(async () => {
      database = await target.open()
      receiver = await startReceiver()
      const env = { LOG_LEVEL: 'silent', TOKLYTICS_RATE_LIMIT: 'off' }
      // The response cache is on (its default size): webhook answers must bypass it.
      app = await createApp({
        config: loadConfig({ ...env, TOKLYTICS_WEBHOOK_ALLOW_PRIVATE: 'on' }),
        database,
        now: () => T0,
      })
      strictApp = await createApp({ config: loadConfig(env), database, now: () => T0 })
      const make = async (name: string, tier: 'free' | 'pro' | 'admin') =>
        (await createApiKey(database.db, { name, tier, now: T0 / 1000 })).key
      keyA = await make('brand', 'pro')
      keyB = await make('agency', 'free')
      admin = await make('ops', 'admin')
    })
    after(async () => {
      await app.close()
      await strictApp.close()
      await receiver.close()
      await database.close()
      await target.cleanup()
    })

    let id = ''
    let secret = ''

    it('needs an API key', async () => {
      for (const [method, url] of [
        ['GET', '/webhooks'],
        ['POST', '/webhooks'],
        ['GET', '/webhooks/wh_0123456789abcdef/deliveries'],
      ] as const) {
        const res = await call(
          method,
          url,
          null,
          method === 'POST' ? { url: receiver.url } : undefined,
        )
        assert.equal(res.status, 401, url)
        assert.equal(res.body.error.code, 'unauthorized')
        assert.match(res.body.error.message, /^Webhooks belong to an API key/)
      }
    })

    it('creates a webhook, shows its secret once, and never serves a cached list', async () => {
      assert.deepEqual((await call('GET', '/webhooks', keyA)).body.data, [])
      const created = await call('POST', '/webhooks', keyA, {
        url: receiver.url,
        description: 'alerts',
      })
      assert.equal(created.status, 201)
      id = created.body.data.id
      secret = created.body.data.secret
      assert.match(secret, /^whsec_[0-9a-f]{64}$/)
      assert.equal(created.body.data.enabled, true)
      assert.equal(created.body.data.created_at, '2026-11-20T12:00:00.000Z')
      // The same URL right after: the new endpoint is there, and without its secret.
      const listed = await call('GET', '/webhooks', keyA)
      assert.deepEqual(
        listed.body.data.map((w: { id: string }) => w.id),
        [id],
      )
      assert.equal('secret' in listed.body.data[0], false)
      assert.equal(JSON.stringify(listed.body).includes(secret), false)
      // Another key asking the same URL gets its own (empty) answer, not a cached one.
      assert.deepEqual((await call('GET', '/webhooks', keyB)).body.data, [])
    })

    it('keeps each key to its own webhooks; an admin key sees all', async () => {
      assert.equal((await call('GET', `/webhooks/${id}`, keyB)).status, 404)
      assert.equal((await call('PATCH', `/webhooks/${id}`, keyB, { enabled: false })).status, 404)
      assert.equal((await call('POST', `/webhooks/${id}/test`, keyB)).status, 404)
      assert.equal((await call('GET', `/webhooks/${id}/deliveries`, keyB)).status, 404)
      assert.equal((await call('DELETE', `/webhooks/${id}`, keyB)).status, 404)
      assert.equal(receiver.received.length, 0)
      const seen = await call('GET', `/webhooks/${id}`, admin)
      assert.equal(seen.status, 200)
      assert.equal(seen.body.data.url, receiver.url)
      assert.deepEqual(
        (await call('GET', '/webhooks', admin)).body.data.map((w: { id: string }) => w.id),
        [id],
      )
    })

    it('answers 400 naming the field for bad input and private addresses', async () => {
      const bad = async (
        method: 'POST' | 'PATCH',
        url: string,
        body: object,
        field: RegExp,
        on = call,
      ) => {
        const res = await on(method, url, keyA, body)
        assert.equal(res.status, 400, JSON.stringify(body))
        assert.equal(res.body.error.code, 'invalid_request')
        assert.match(res.body.error.message, field)
      }
      await bad('POST', '/webhooks', {}, /url/)
      await bad('POST', '/webhooks', { url: 'ftp://example.com/' }, /'url': must be http/)
      await bad('PATCH', `/webhooks/${id}`, {}, /at least 1|minProperties|fewer than 1/i)
      await bad(
        'PATCH',
        `/webhooks/${id}`,
        { url: 'http://user:pw@example.com/' },
        /'url': must not hold credentials/,
      )
      await bad('PATCH', `/webhooks/${id}`, { description: 'x'.repeat(501) }, /description/)
      const strict = callOn(() => strictApp)
      await bad(
        'POST',
        '/webhooks',
        { url: receiver.url },
        /'url': 127\.0\.0\.1 is not a public address \(loopback\)/,
        strict,
      )
      await bad(
        'POST',
        '/webhooks',
        { url: 'http://169.254.169.254/' },
        /'url': .*\(linkLocal\)/,
        strict,
      )
      const badId = await call('GET', '/webhooks/wh_NOPE', keyA)
      assert.equal(badId.status, 400)
      assert.match(badId.body.error.message, /'id'/)
    })

    it('sends a test, rotates the secret, and logs deliveries newest first', async () => {
      const first = await call('POST', `/webhooks/${id}/test`, keyA)
      assert.equal(first.status, 200)
      assert.deepEqual(
        { ...first.body.data, delivery_id: '' },
        { delivery_id: '', delivered: true, status_code: 200, error: null },
      )
      const got = receiver.received[0] as Received
      assert.equal(signatureOf(got).v1, hmac(secret, 1_795_176_000, got.raw))
      const rotated = await call('POST', `/webhooks/${id}/rotate-secret`, keyA)
      assert.equal(rotated.status, 200)
      const newSecret: string = rotated.body.data.secret
      assert.notEqual(newSecret, secret)
      receiver.script = [500]
      const second = await call('POST', `/webhooks/${id}/test`, keyA)
      assert.deepEqual(
        { ...second.body.data, delivery_id: '' },
        { delivery_id: '', delivered: false, status_code: 500, error: 'HTTP 500' },
      )
      const got2 = receiver.received[1] as Received
      assert.equal(signatureOf(got2).v1, hmac(newSecret, 1_795_176_000, got2.raw))
      assert.notEqual(signatureOf(got2).v1, hmac(secret, 1_795_176_000, got2.raw))
      // Both at T0: the log orders them by id within the same millisecond, so compare as a set.
      const page = await call('GET', `/webhooks/${id}/deliveries?limit=1`, keyA)
      assert.equal(page.status, 200)
      assert.deepEqual(page.body.pagination, {
        page: 1,
        limit: 1,
        total: 2,
        total_pages: 2,
        has_more: true,
      })
      const all = await call('GET', `/webhooks/${id}/deliveries`, admin)
      assert.deepEqual(
        all.body.data.map((d: { id: string; status: string }) => [d.id, d.status]).sort(),
        [
          [first.body.data.delivery_id, 'delivered'],
          [second.body.data.delivery_id, 'failed'],
        ].sort(),
      )
      assert.equal(all.body.data[0].payload.event, 'ping')
    })

    it('disables, re-enables and deletes', async () => {
      const off = await call('PATCH', `/webhooks/${id}`, keyA, {
        enabled: false,
        description: null,
      })
      assert.equal(off.status, 200)
      assert.equal(off.body.data.enabled, false)
      assert.equal(off.body.data.disabled_reason, 'disabled by its owner')
      assert.equal(off.body.data.description, null)
      const on = await call('PATCH', `/webhooks/${id}`, admin, { enabled: true })
      assert.equal(on.body.data.enabled, true)
      assert.equal(on.body.data.disabled_reason, null)
      assert.equal((await call('DELETE', `/webhooks/${id}`, keyA)).status, 204)
      assert.equal((await call('GET', `/webhooks/${id}`, keyA)).status, 404)
      assert.equal((await call('GET', `/webhooks/${id}/deliveries`, keyA)).status, 404)
      const left = await database.db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('endpoint_id', '=', id)
        .execute()
      assert.deepEqual(left, [])
    })
  })
}

for (const target of testDatabases()) {
  describe(`webhook tables on ${target.name}`, () => {
    after(() => target.cleanup())
    it('migrates an existing database (at 020) to the webhook tables', async () => {
      const database = await target.open({ migrate: 'none' })
      try {
        await migrateTo(database.db, database.dialect, '020-tag-total-history')
        assert.deepEqual(
          await pendingMigrations(database.db, database.dialect).then((p) =>
            p.includes('021-webhooks'),
          ),
          true,
        )
        await migrateToLatest(database.db, database.dialect)
        const { webhook } = await createWebhook(
          database.db,
          OWNER,
          { url: 'http://10.0.0.1/' },
          T0,
          ALLOW,
        )
        const [id] = await enqueueWebhookEvent(database.db, {
          ownerKeyId: OWNER.id,
          event: 'ping',
          payload: {},
          nowMs: T0,
        })
        const row = await database.db
          .selectFrom('webhook_deliveries')
          .selectAll()
          .where('id', '=', id ?? '')
          .executeTakeFirstOrThrow()
        assert.equal(row.endpoint_id, webhook.id)
        assert.equal(Number(row.next_attempt_at), T0)
        assert.equal(Number(row.attempts), 0)
        assert.equal(row.status, 'pending')
      } finally {
        await database.close()
      }
    })
  })
}
