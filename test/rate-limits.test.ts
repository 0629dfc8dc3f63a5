/**
 * Rate limits by tier: counted per client address, API key or contributor token, with the
 * RateLimit-* headers on every counted answer and a 429 in the Error format with Retry-After;
 * X-Forwarded-For only when TRUST_PROXY says so; the local budget for loopback callers that no
 * proxy relayed; off with TOKLYTICS_RATE_LIMIT=off; and one budget shared by two real server
 * processes through one real Redis.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { Redis } from 'ioredis'
import { createApiKey } from '../src/admin/api-keys.js'
import { loadConfig } from '../src/config.js'
import { type Database, openDatabase } from '../src/db/open.js'
import { createApp } from '../src/server/app.js'
import { contributorId } from '../src/server/contributor-auth.js'
import { alongside, startServer } from './support/server-process.js'

const API = '/api/v1/hashtags/trending'
const TOKEN = 'rate-limit-test-contributor-token'
const REDIS_URL = process.env.TOKLYTICS_TEST_REDIS_URL
/** A remote client (inject's default address is loopback, which has the local budget). */
const STRANGER = '203.0.113.50'

interface Running {
  app: FastifyInstance
  database: Database
}
const running: Running[] = []

async function appWith(env: Record<string, string> = {}): Promise<Running> {
  const database = await openDatabase('sqlite::memory:')
  const config = loadConfig({ LOG_LEVEL: 'silent', TOKLYTICS_INGEST_TOKEN: TOKEN, ...env })
  const app = await createApp({ config, database })
  const r = { app, database }
  running.push(r)
  return r
}

after(async () => {
  for (const r of running) {
    await r.app.close()
    await r.database.close()
  }
})

/** The RateLimit-* headers as numbers (NaN when absent). */
function budget(res: LightMyRequestResponse) {
  return {
    limit: Number(res.headers['ratelimit-limit']),
    remaining: Number(res.headers['ratelimit-remaining']),
    reset: Number(res.headers['ratelimit-reset']),
  }
}

function assertRateLimited(res: LightMyRequestResponse, limit: number) {
  assert.equal(res.statusCode, 429, res.body)
  const { error, meta } = res.json() as {
    error: { code: string; message: string; docs: string }
    meta: { request_id: string }
  }
  assert.equal(error.code, 'rate_limited')
  // One sentence: the limit, whose it is, when to retry (the page shows it as it is).
  assert.match(
    error.message,
    new RegExp(
      `^Rate limit reached: ${limit} (requests|ingest batches) a minute for [^;]+; retry in \\d+ (seconds?|minutes?)\\.$`,
    ),
  )
  assert.equal(error.message.match(/rate limit|too many/gi)?.length, 1, error.message)
  assert.match(error.docs, /\/docs#errors$/)
  assert.equal(meta.request_id, res.headers['x-request-id'])
  assert.equal(budget(res).limit, limit)
  assert.equal(budget(res).remaining, 0)
  const retryAfter = Number(res.headers['retry-after'])
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${res.headers['retry-after']}`)
  assert.ok(budget(res).reset >= 1 && budget(res).reset <= 60)
}

describe('rate limits', () => {
  it('gives an anonymous address 30 requests a minute, then a 429 in the Error format', async () => {
    const { app } = await appWith()
    for (let i = 1; i <= 30; i++) {
      const res = await app.inject({ url: API, remoteAddress: STRANGER })
      assert.equal(res.statusCode, 200)
      assert.equal(budget(res).limit, 30)
      assert.equal(budget(res).remaining, 30 - i)
      assert.ok(budget(res).reset >= 1 && budget(res).reset <= 60)
      assert.equal(res.headers['retry-after'], undefined)
    }
    assertRateLimited(await app.inject({ url: API, remoteAddress: STRANGER }), 30)
    // Another address has its own budget; a 404 is counted like any other answer.
    const other = await app.inject({ url: '/nowhere', remoteAddress: '192.0.2.9' })
    assert.equal(other.statusCode, 404)
    assert.equal(budget(other).remaining, 29)
  })

  it('gives a free key 120 requests a minute, a pro key 1200, and does not count admin keys', async () => {
    const { app, database } = await appWith({ TOKLYTICS_RATE_ANON: '1' })
    const key = async (tier: 'free' | 'pro' | 'admin') =>
      (await createApiKey(database.db, { name: tier, tier, now: 0 })).key
    const free = await key('free')
    for (let i = 1; i <= 120; i++) {
      const res = await app.inject({
        url: API,
        remoteAddress: STRANGER,
        headers: { 'x-toklytics-key': free },
      })
      assert.equal(res.statusCode, 200)
      assert.equal(budget(res).remaining, 120 - i)
    }
    assertRateLimited(
      await app.inject({ url: API, remoteAddress: STRANGER, headers: { 'x-toklytics-key': free } }),
      120,
    )
    // The address's own (anonymous) budget was not touched by the key's requests.
    assert.equal(budget(await app.inject({ url: API, remoteAddress: STRANGER })).remaining, 0)
    assertRateLimited(await app.inject({ url: API, remoteAddress: STRANGER }), 1)

    const pro = await app.inject({
      url: API,
      remoteAddress: STRANGER,
      headers: { 'x-toklytics-key': await key('pro') },
    })
    assert.deepEqual([budget(pro).limit, budget(pro).remaining], [1200, 1199])
    const admin = await key('admin')
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({
        url: API,
        remoteAddress: STRANGER,
        headers: { 'x-toklytics-key': admin },
      })
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['ratelimit-limit'], undefined)
    }
  })

  it('counts a refused key against its address, so guessing keys is limited too', async () => {
    const { app } = await appWith({ TOKLYTICS_RATE_ANON: '2' })
    const bad = { 'x-toklytics-key': 'tok_0123456789_guess' }
    const first = await app.inject({ url: API, remoteAddress: STRANGER, headers: bad })
    assert.equal(first.statusCode, 401)
    assert.equal(budget(first).remaining, 1)
    assert.equal(
      (await app.inject({ url: API, remoteAddress: STRANGER, headers: bad })).statusCode,
      401,
    )
    assertRateLimited(await app.inject({ url: API, remoteAddress: STRANGER, headers: bad }), 2)
  })

  it('limits ingest batches per contributor token', async () => {
    const { app } = await appWith({ TOKLYTICS_RATE_INGEST: '2', TOKLYTICS_RATE_ANON: '100' })
    const post = (token: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/ingest',
        remoteAddress: STRANGER,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: { collector: { name: 't', version: '1' }, captures: [] },
      })
    const first = await post(TOKEN)
    assert.equal(first.statusCode, 200, first.body)
    assert.deepEqual([budget(first).limit, budget(first).remaining], [2, 1])
    assert.equal((await post(TOKEN)).statusCode, 200)
    assertRateLimited(await post(TOKEN), 2)
    // Another token (refused by the route) draws from its own counter, not this one's.
    const other = await post('another-token')
    assert.equal(other.statusCode, 401)
    assert.equal(budget(other).remaining, 1)
    // The read API of the same address is untouched.
    assert.equal(budget(await app.inject({ url: API, remoteAddress: STRANGER })).remaining, 99)
    assert.notEqual(contributorId(TOKEN), contributorId('another-token'))
  })

  it('takes the address from X-Forwarded-For only when TRUST_PROXY trusts the proxy', async () => {
    const via = (app: FastifyInstance, client: string, proxy = '10.0.0.2') =>
      app.inject({ url: API, remoteAddress: proxy, headers: { 'x-forwarded-for': client } })

    const untrusted = (await appWith({ TOKLYTICS_RATE_ANON: '2' })).app
    assert.equal((await via(untrusted, '198.51.100.1')).statusCode, 200)
    assert.equal((await via(untrusted, '198.51.100.2')).statusCode, 200)
    assertRateLimited(await via(untrusted, '198.51.100.3'), 2)

    for (const TRUST_PROXY of ['true', '10.0.0.0/8', '1']) {
      const { app } = await appWith({ TOKLYTICS_RATE_ANON: '2', TRUST_PROXY })
      assert.equal(budget(await via(app, '198.51.100.1')).remaining, 1, TRUST_PROXY)
      assert.equal(budget(await via(app, '198.51.100.1')).remaining, 0, TRUST_PROXY)
      assertRateLimited(await via(app, '198.51.100.1'), 2)
      assert.equal(budget(await via(app, '198.51.100.2')).remaining, 1, TRUST_PROXY)
    }
    // Trusting 10.0.0.0/8 says nothing about a client connecting from elsewhere.
    const cidr = (await appWith({ TOKLYTICS_RATE_ANON: '2', TRUST_PROXY: '10.0.0.0/8' })).app
    assert.equal(budget(await via(cidr, '198.51.100.1', '203.0.113.5')).remaining, 1)
    assert.equal(budget(await via(cidr, '198.51.100.2', '203.0.113.5')).remaining, 0)
  })

  it('gives callers on this machine the local budget, unless a proxy relayed them', async () => {
    const { app } = await appWith({ TOKLYTICS_RATE_ANON: '2', TOKLYTICS_RATE_LOCAL: '4' })
    // inject() connects from 127.0.0.1, as the owner's browser does on a self-hosted server.
    for (let i = 1; i <= 4; i++) {
      const res = await app.inject(API)
      assert.equal(res.statusCode, 200)
      assert.deepEqual([budget(res).limit, budget(res).remaining], [4, 4 - i])
    }
    const over = await app.inject(API)
    assertRateLimited(over, 4)
    assert.match(over.json<{ error: { message: string } }>().error.message, /on this machine/)
    // IPv6 loopback is this machine too (its own counter: the /64 of ::1).
    assert.equal(budget(await app.inject({ url: API, remoteAddress: '::1' })).limit, 4)
    // The socket is loopback but a header says a proxy relayed someone: anonymous, its own
    // counter (the socket's address: TRUST_PROXY is not set).
    for (const relay of [
      { 'x-forwarded-for': '127.0.0.1' },
      { forwarded: 'for=198.51.100.4' },
      { 'x-real-ip': '198.51.100.4' },
    ]) {
      const res = await app.inject({ url: API, remoteAddress: '127.0.0.2', headers: relay })
      assert.equal(budget(res).limit, 2, JSON.stringify(relay))
    }
    assertRateLimited(
      await app.inject({
        url: API,
        remoteAddress: '127.0.0.2',
        headers: { 'x-forwarded-for': '127.0.0.1' },
      }),
      2,
    )
  })

  it('with TRUST_PROXY, a relayed caller is local only when every hop is this machine', async () => {
    const { app } = await appWith({
      TOKLYTICS_RATE_ANON: '2',
      TOKLYTICS_RATE_LOCAL: '4',
      TRUST_PROXY: 'loopback',
    })
    const via = (forwardedFor: string) =>
      app.inject({ url: API, headers: { 'x-forwarded-for': forwardedFor } })
    assert.equal(budget(await via('198.51.100.7')).limit, 2)
    // A loopback entry forged in front of the remote client changes nothing.
    assert.equal(budget(await via('127.0.0.1, 198.51.100.7')).limit, 2)
    assert.equal(budget(await via('127.0.0.1')).limit, 4)
    // A proxy that TRUST_PROXY does not name cannot vouch for anyone.
    const other = (await appWith({ TOKLYTICS_RATE_ANON: '2', TRUST_PROXY: '10.0.0.0/8' })).app
    const res = await other.inject({ url: API, headers: { 'x-forwarded-for': '127.0.0.1' } })
    assert.equal(budget(res).limit, 2)
  })

  it('does not count health, readiness and the docs', async () => {
    const { app } = await appWith({ TOKLYTICS_RATE_ANON: '1' })
    for (const url of ['/healthz', '/readyz', '/docs', '/docs/json', '/api/v1/openapi.json']) {
      for (let i = 0; i < 3; i++) {
        const res = await app.inject({ url, remoteAddress: STRANGER })
        assert.ok(res.statusCode < 400, `${url} → ${res.statusCode}`)
        assert.equal(res.headers['ratelimit-limit'], undefined, url)
      }
    }
    assert.equal(budget(await app.inject({ url: API, remoteAddress: STRANGER })).remaining, 0)
  })

  it('counts nothing with TOKLYTICS_RATE_LIMIT=off', async () => {
    const { app } = await appWith({ TOKLYTICS_RATE_LIMIT: 'off', TOKLYTICS_RATE_ANON: '1' })
    for (let i = 0; i < 40; i++) {
      const res = await app.inject({ url: API, remoteAddress: STRANGER })
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['ratelimit-limit'], undefined)
    }
  })
})

describe('rate limits across processes', {
  skip: REDIS_URL ? false : 'set TOKLYTICS_TEST_REDIS_URL',
}, () => {
  it('shares one budget between two server processes through Redis', async () => {
    const url = REDIS_URL ?? ''
    const prefix = `toklytics-test:${process.pid}:${Date.now()}:`
    const dir = mkdtempSync(join(tmpdir(), 'toklytics-rl-'))
    const env = {
      REDIS_URL: url,
      TOKLYTICS_REDIS_PREFIX: prefix,
      // fetch() calls from this machine: they draw from the local budget.
      TOKLYTICS_RATE_LOCAL: '5',
      LOG_LEVEL: 'warn',
    }
    // Each process has its own database: only Redis is shared.
    const [a, b] = await alongside(
      startServer(`sqlite:${join(dir, 'a.db')}`, env),
      startServer(`sqlite:${join(dir, 'b.db')}`, env),
    )
    const redis = new Redis(url)
    try {
      const seen: Array<[number, string | null]> = []
      for (const server of [a, a, a, b, b]) {
        const res = await fetch(`${server.url}${API}`)
        seen.push([res.status, res.headers.get('ratelimit-remaining')])
      }
      assert.deepEqual(seen, [
        [200, '4'],
        [200, '3'],
        [200, '2'],
        [200, '1'],
        [200, '0'],
      ])
      for (const server of [b, a]) {
        const res = await fetch(`${server.url}${API}`)
        assert.equal(res.status, 429)
        assert.equal(res.headers.get('ratelimit-limit'), '5')
        assert.equal(res.headers.get('ratelimit-remaining'), '0')
        assert.ok(Number(res.headers.get('retry-after')) >= 1)
        const body = (await res.json()) as { error: { code: string } }
        assert.equal(body.error.code, 'rate_limited')
      }
      // One counter for both processes (cached answers live beside it, under `rc:`).
      const keys = await redis.keys(`${prefix}rl:*`)
      assert.deepEqual(keys, [`${prefix}rl:local:127.0.0.1`])
      assert.equal(await redis.get(`${prefix}rl:local:127.0.0.1`), '7')
    } finally {
      const keys = await redis.keys(`${prefix}*`)
      if (keys.length > 0) await redis.del(...keys)
      await redis.quit()
      await Promise.all([a.stop(), b.stop()])
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
