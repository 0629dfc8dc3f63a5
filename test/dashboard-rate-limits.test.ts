/**
 * The owner's own dashboard is not throttled like a stranger, without a way round the limit for
 * anyone else: real `toklytics serve` processes, real sockets from loopback. Callers on this
 * machine get the local budget (TOKLYTICS_RATE_LOCAL, 1,200 a minute); a request that says a
 * proxy relayed it (X-Forwarded-For, Forwarded) is anonymous (30 a minute) unless TRUST_PROXY
 * resolves it to loopback through trusted hops. The dashboard's own page flow is in
 * dashboard-e2e.test.ts; this file covers the server's side of it.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { alongside, type ServerProcess, startServer } from './support/server-process.js'

/** The budgets the README documents as defaults. */
const ANONYMOUS_PER_MINUTE = 30
const LOCAL_PER_MINUTE = 1200

/** What a creator page, the home page and the search page ask (the dashboard's API calls). */
const DASHBOARD_CALLS = [
  '/api/v1/analytics/platform-stats',
  '/api/v1/videos/trending?period=7d&limit=10',
  '/api/v1/hashtags/trending?limit=10',
  '/api/v1/sounds/trending?limit=10',
  '/api/v1/creators/search?q=fitness&limit=20&page=1',
]

interface Answer {
  status: number
  limit: string | null
  remaining: string | null
  message: string | null
}

async function get(
  server: ServerProcess,
  path: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${server.url}${path}`, { headers })
  const body = (await res.json()) as { error?: { message?: string } }
  return {
    status: res.status,
    limit: res.headers.get('ratelimit-limit'),
    remaining: res.headers.get('ratelimit-remaining'),
    message: body.error?.message ?? null,
  }
}

describe("the owner's dashboard and the rate limits (real servers)", () => {
  let dir: string
  let plain: ServerProcess
  let behindProxy: ServerProcess

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'toklytics-local-rl-'))
    ;[plain, behindProxy] = await alongside(
      // Defaults: no TRUST_PROXY, every rate limit as shipped.
      startServer(`sqlite:${join(dir, 'plain.db')}`, { LOG_LEVEL: 'warn' }),
      // A reverse proxy on this host, declared.
      startServer(`sqlite:${join(dir, 'proxied.db')}`, {
        LOG_LEVEL: 'warn',
        TRUST_PROXY: 'loopback',
      }),
    )
  })

  after(async () => {
    await plain?.stop()
    await behindProxy?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('serves loopback callers well past 30 requests a minute, from their own budget', async () => {
    const seen: Answer[] = []
    for (let i = 0; seen.length < 3 * ANONYMOUS_PER_MINUTE; i++) {
      seen.push(await get(plain, DASHBOARD_CALLS[i % DASHBOARD_CALLS.length] as string))
    }
    assert.deepEqual(
      seen.map((a) => a.status),
      seen.map(() => 200),
    )
    assert.deepEqual(
      seen.map((a) => a.limit),
      seen.map(() => String(LOCAL_PER_MINUTE)),
    )
    assert.deepEqual(
      seen.map((a) => Number(a.remaining)),
      seen.map((_, i) => LOCAL_PER_MINUTE - 1 - i),
    )
  })

  it('counts a loopback request with a forged X-Forwarded-For as anonymous (no TRUST_PROXY)', async () => {
    const forged = { 'x-forwarded-for': '127.0.0.1' }
    for (let i = 1; i <= ANONYMOUS_PER_MINUTE; i++) {
      const a = await get(plain, DASHBOARD_CALLS[0] as string, forged)
      assert.equal(a.status, 200)
      assert.deepEqual(
        [a.limit, a.remaining],
        [String(ANONYMOUS_PER_MINUTE), String(ANONYMOUS_PER_MINUTE - i)],
      )
    }
    const over = await get(plain, DASHBOARD_CALLS[0] as string, forged)
    assert.equal(over.status, 429)
    // One sentence: the limit, whose it is, when to retry; said once.
    assert.match(
      over.message ?? '',
      /^Rate limit reached: 30 requests a minute for anonymous callers from this address \([^)]*\); retry in \d+ (seconds?|minutes?)\.$/,
    )
    assert.equal(over.message?.match(/rate limit|too many/gi)?.length, 1)
    // A `Forwarded` header (RFC 7239) is a relay too.
    const rfc = await get(plain, DASHBOARD_CALLS[0] as string, { forwarded: 'for=127.0.0.1' })
    assert.equal(rfc.limit, String(ANONYMOUS_PER_MINUTE))
    // The owner's own requests were never part of that budget.
    const own = await get(plain, DASHBOARD_CALLS[0] as string)
    assert.equal(own.status, 200)
    assert.equal(own.limit, String(LOCAL_PER_MINUTE))
  })

  it('with TRUST_PROXY, a client the proxy resolves to another address is anonymous', async () => {
    const via = (forwardedFor: string) =>
      get(behindProxy, DASHBOARD_CALLS[0] as string, { 'x-forwarded-for': forwardedFor })
    const remote = await via('203.0.113.9')
    assert.equal(remote.status, 200)
    assert.equal(remote.limit, String(ANONYMOUS_PER_MINUTE))
    // A loopback entry written by the client in front of its real address changes nothing.
    assert.equal((await via('127.0.0.1, 203.0.113.9')).limit, String(ANONYMOUS_PER_MINUTE))
    // The owner's browser on the proxy's host, and the owner straight to the server.
    assert.equal((await via('127.0.0.1')).limit, String(LOCAL_PER_MINUTE))
    assert.equal(
      (await get(behindProxy, DASHBOARD_CALLS[0] as string)).limit,
      String(LOCAL_PER_MINUTE),
    )
  })
})
