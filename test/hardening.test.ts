/**
 * HTTP hardening: security headers on answers and errors, a docs page whose policy still lets
 * it load, CORS (the read API for any origin; ingestion only for the extension's origins and for
 * clients without an Origin), and the server's timeouts.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { loadConfig } from '../src/config.js'
import { type Database, openDatabase } from '../src/db/open.js'
import { createApp } from '../src/server/app.js'

const TOKEN = 'hardening-test-contributor-token'
const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop'
const INGEST = '/api/v1/ingest'

function assertSecurityHeaders(res: LightMyRequestResponse, what: string) {
  assert.equal(res.headers['x-content-type-options'], 'nosniff', what)
  assert.equal(res.headers['referrer-policy'], 'no-referrer', what)
  assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN', what)
  assert.match(String(res.headers['strict-transport-security']), /max-age=\d+/, what)
  assert.ok(res.headers['content-security-policy'], what)
}

/** The CSP directive `name` of a header, as a list of sources. */
function directive(csp: unknown, name: string): string[] | undefined {
  for (const part of String(csp).split(';')) {
    const [key, ...sources] = part.trim().split(/\s+/)
    if (key === name) return sources
  }
  return undefined
}

describe('HTTP hardening', () => {
  let database: Database
  let app: FastifyInstance
  const preflight = (url: string, origin: string, method: string, headers = '') =>
    app.inject({
      method: 'OPTIONS',
      url,
      headers: {
        origin,
        'access-control-request-method': method,
        ...(headers ? { 'access-control-request-headers': headers } : {}),
      },
    })
  const ingest = (headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: INGEST,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
      payload: { collector: { name: 't', version: '1' }, captures: [] },
    })

  before(async () => {
    database = await openDatabase('sqlite::memory:')
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      TOKLYTICS_INGEST_TOKEN: TOKEN,
      TOKLYTICS_RATE_LIMIT: 'off',
      TOKLYTICS_EXTENSION_ORIGINS: EXTENSION,
    })
    app = await createApp({ config, database })
  })
  after(async () => {
    await app.close()
    await database.close()
  })

  it('sends security headers on answers and errors; JSON may not load or frame anything', async () => {
    for (const url of ['/api/v1/hashtags/trending', '/api/v1/creators/nobody', '/nowhere']) {
      const res = await app.inject(url)
      assertSecurityHeaders(res, url)
      const csp = res.headers['content-security-policy']
      assert.deepEqual(directive(csp, 'default-src'), ["'none'"], url)
      assert.deepEqual(directive(csp, 'frame-ancestors'), ["'none'"], url)
    }
  })

  it('serves /docs under a policy that allows exactly what the page loads', async () => {
    const page = await app.inject('/docs')
    assert.equal(page.statusCode, 200)
    assertSecurityHeaders(page, '/docs')
    const csp = page.headers['content-security-policy']
    assert.ok(directive(csp, 'script-src')?.includes("'self'"), String(csp))
    assert.ok(directive(csp, 'style-src')?.includes("'self'"), String(csp))
    assert.ok(!directive(csp, 'script-src')?.includes("'unsafe-inline'"))
    // Every script and stylesheet is a same-origin file that loads; no inline script to block.
    assert.doesNotMatch(page.body, /<script(?![^>]*\bsrc=)[^>]*>\s*\S/)
    const assets = [...page.body.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/g)].map(
      (m) => m[1] ?? '',
    )
    assert.ok(assets.some((a) => a.endsWith('.js')) && assets.some((a) => a.endsWith('.css')))
    for (const asset of assets) {
      assert.match(asset, /^\/docs\//, 'same origin')
      const res = await app.inject(asset)
      assert.equal(res.statusCode, 200, asset)
    }
    // The initializer fetches the contract from the same origin (connect-src falls to 'self').
    const init = await app.inject('/docs/static/swagger-initializer.js')
    assert.equal(init.statusCode, 200)
    assert.ok(directive(csp, 'default-src')?.includes("'self'"))
    assert.equal((await app.inject('/docs/json')).statusCode, 200)
  })

  it('lets any origin read the API, with the key header allowed and the limit headers exposed', async () => {
    const origin = 'https://some-dashboard.example'
    const res = await app.inject({ url: '/api/v1/hashtags/trending', headers: { origin } })
    assert.equal(res.statusCode, 200)
    assert.equal(res.headers['access-control-allow-origin'], '*')
    const exposed = String(res.headers['access-control-expose-headers']).toLowerCase()
    for (const h of ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after'])
      assert.ok(exposed.includes(h), h)
    const pre = await preflight('/api/v1/creators/search?q=a', origin, 'GET', 'x-toklytics-key')
    assert.equal(pre.statusCode, 204)
    assert.equal(pre.headers['access-control-allow-origin'], '*')
    assert.match(String(pre.headers['access-control-allow-headers']), /X-Toklytics-Key/i)
    assert.match(String(pre.headers['access-control-allow-methods']), /\bGET\b/)
    assert.doesNotMatch(String(pre.headers['access-control-allow-methods']), /POST/)
  })

  it('refuses an ingest preflight from a web origin, allows the extension', async () => {
    for (const origin of [
      'https://evil.example',
      'http://127.0.0.1:3000',
      'null',
      'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba',
    ]) {
      const res = await preflight(INGEST, origin, 'POST', 'content-type,authorization')
      assert.equal(res.headers['access-control-allow-origin'], undefined, origin)
      assert.ok(res.statusCode >= 400, `${origin} → ${res.statusCode}`)
    }
    const ok = await preflight(
      INGEST,
      EXTENSION,
      'POST',
      'content-type,content-encoding,authorization',
    )
    assert.equal(ok.statusCode, 204)
    assert.equal(ok.headers['access-control-allow-origin'], EXTENSION)
    assert.match(String(ok.headers.vary), /Origin/)
    assert.equal(ok.headers['access-control-allow-methods'], 'POST')
    for (const h of ['content-type', 'content-encoding', 'authorization'])
      assert.match(String(ok.headers['access-control-allow-headers']).toLowerCase(), new RegExp(h))
  })

  it('refuses ingestion sent by a web page, accepts the extension and clients without Origin', async () => {
    const refused = await ingest({ origin: 'https://evil.example' })
    assert.equal(refused.statusCode, 403)
    const body = refused.json() as { error: { code: string; message: string } }
    assert.equal(body.error.code, 'forbidden')
    assert.match(body.error.message, /TOKLYTICS_EXTENSION_ORIGINS/)
    assert.equal(refused.headers['access-control-allow-origin'], undefined)

    const extension = await ingest({ origin: EXTENSION })
    assert.equal(extension.statusCode, 200, extension.body)
    assert.equal(extension.headers['access-control-allow-origin'], EXTENSION)
    const cli = await ingest({})
    assert.equal(cli.statusCode, 200, cli.body)
  })

  it('accepts any Chrome or Firefox extension id by default', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', TOKLYTICS_INGEST_TOKEN: TOKEN })
    const other = await createApp({ config, database })
    try {
      // Firefox gives each installation its own random UUID origin, so no id can be pinned there.
      for (const origin of [
        'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba',
        'moz-extension://0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
      ]) {
        const ok = await other.inject({
          method: 'OPTIONS',
          url: INGEST,
          headers: { origin, 'access-control-request-method': 'POST' },
        })
        assert.equal(ok.headers['access-control-allow-origin'], origin)
      }
      const web = await other.inject({
        method: 'OPTIONS',
        url: INGEST,
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      })
      assert.equal(web.headers['access-control-allow-origin'], undefined)
    } finally {
      await other.close()
    }
  })

  it('bounds how long a request and an idle connection may take', () => {
    assert.equal(app.initialConfig.connectionTimeout, 90_000)
    assert.equal(app.initialConfig.keepAliveTimeout, 72_000)
    assert.equal(app.server.requestTimeout, 120_000)
    assert.equal(app.server.keepAliveTimeout, 72_000)
    assert.equal(app.server.timeout, 90_000)
    assert.equal(app.initialConfig.bodyLimit, 1024 * 1024)
  })
})
