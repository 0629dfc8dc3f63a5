/**
 * How the server serves the dashboard: the shell at every page path (its CSP, no-cache, ETag),
 * the bundle's hashed files cached for a year (precompressed), a clear 503 when it is not built,
 * unknown paths still JSON 404s in the Error format, and no page or asset counted against the
 * rate limit (only the API requests the pages make are).
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { brotliDecompressSync } from 'node:zlib'
import Fastify, { type FastifyInstance } from 'fastify'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { createApp } from '../src/server/app.js'
import { DASHBOARD_PAGES } from '../src/server/dashboard-paths.js'
import { DASHBOARD_CSP, registerDashboard } from '../src/server/routes/dashboard.js'
import { type BuiltDashboard, buildDashboard } from '../web/build.js'
import { testDatabases } from './support/databases.js'

/** A URL for each page pattern (`:username` → a value). */
const PAGE_URLS = DASHBOARD_PAGES.map((p) => p.replace(/:\w+/, 'some%40value'))

describe('dashboard serving', () => {
  let dir: string
  let built: BuiltDashboard
  let app: FastifyInstance

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'toklytics-web-'))
    built = await buildDashboard(join(dir, 'dist'))
    app = Fastify()
    await registerDashboard(app, { dir: built.dir })
  })

  after(async () => {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers the shell at every page path, revalidated on each visit, under a strict CSP', async () => {
    const shell = readFileSync(join(built.dir, 'index.html'), 'utf8')
    assert.ok(shell.includes(`src="/assets/${built.script}"`))
    assert.ok(shell.includes(`href="/assets/${built.style}"`))
    assert.doesNotMatch(shell, /<script>|<style|style=/, 'no inline script or style')
    for (const url of PAGE_URLS) {
      const res = await app.inject({ url: `${url}?q=x` })
      assert.equal(res.statusCode, 200, url)
      assert.equal(res.headers['content-type'], 'text/html; charset=utf-8')
      assert.equal(res.headers['content-security-policy'], DASHBOARD_CSP)
      assert.equal(res.headers['cache-control'], 'no-cache')
      assert.equal(res.body, shell)
      const etag = String(res.headers.etag)
      const again = await app.inject({ url, headers: { 'if-none-match': etag } })
      assert.equal(again.statusCode, 304)
      assert.equal(again.body, '')
    }
    assert.match(DASHBOARD_CSP, /script-src 'self'/)
    assert.doesNotMatch(DASHBOARD_CSP, /unsafe/)
  })

  it('serves the hashed bundle for a year, brotli-compressed when asked', async () => {
    for (const name of [built.script, built.style, built.icon]) {
      const file = readFileSync(join(built.dir, 'assets', name))
      const res = await app.inject({ url: `/assets/${name}`, headers: { 'accept-encoding': 'br' } })
      assert.equal(res.statusCode, 200, name)
      assert.match(String(res.headers['cache-control']), /max-age=31536000/)
      assert.match(String(res.headers['cache-control']), /immutable/)
      assert.equal(res.headers['content-encoding'], 'br')
      assert.deepEqual(brotliDecompressSync(res.rawPayload), file)
      const plain = await app.inject({ url: `/assets/${name}` })
      assert.deepEqual(plain.rawPayload, file)
    }
    assert.match(built.script, /^app-[A-Z0-9]+\.js$/)
    assert.equal((await app.inject({ url: '/assets/app-NOPE.js' })).statusCode, 404)
  })

  it('builds the same file names from the same sources', async () => {
    const again = await buildDashboard(join(dir, 'again'))
    assert.equal(again.script, built.script)
    assert.equal(again.style, built.style)
  })

  it('says how to build it when it is not built', async () => {
    const bare = Fastify()
    await registerDashboard(bare, { dir: join(dir, 'missing') })
    const res = await bare.inject({ url: '/creators/someone' })
    assert.equal(res.statusCode, 503)
    assert.match(res.body, /npm run build/)
    await bare.close()
  })
})

describe('dashboard in the application', () => {
  let database: Database
  let app: FastifyInstance
  const [target] = testDatabases()

  before(async () => {
    // The application serves web/dist/, as `npm start` does.
    await buildDashboard()
    assert.ok(target !== undefined)
    database = await target.open()
    const config = loadConfig({ LOG_LEVEL: 'silent', TOKLYTICS_RATE_ANON: '2' })
    app = await createApp({ config, database })
  })

  after(async () => {
    await app.close()
    await database.close()
    await target?.cleanup()
  })

  it('leaves unknown and API paths to the JSON 404 of the Error format', async () => {
    const urls = ['/api/v1/nowhere', '/api/v1/creators/a/b/c', '/nowhere', '/creators']
    for (const [i, url] of urls.entries()) {
      // 404s count against the rate limit: an address each.
      const res = await app.inject({ url, remoteAddress: `192.0.2.${10 + i}` })
      assert.equal(res.statusCode, 404, url)
      assert.match(String(res.headers['content-type']), /^application\/json/)
      const body = res.json() as { error: { code: string; docs: string } }
      assert.equal(body.error.code, 'not_found')
      assert.match(String(res.headers['content-security-policy']), /^default-src 'none'/)
    }
  })

  it('does not count pages and assets against the rate limit; the API calls count', async () => {
    const shell = await app.inject({ url: '/', remoteAddress: '192.0.2.2' })
    const script = /src="(\/assets\/[^"]+)"/.exec(shell.body)?.[1]
    assert.ok(script !== undefined)
    for (let i = 0; i < 5; i++) {
      const urls: string[] = ['/', '/creators/someone', '/planner', script]
      for (const url of urls) {
        const res = await app.inject({ url, remoteAddress: '192.0.2.2' })
        assert.equal(res.statusCode, 200, url)
        assert.equal(res.headers['ratelimit-limit'], undefined, url)
      }
    }
    const first = await app.inject({
      url: '/api/v1/analytics/platform-stats',
      remoteAddress: '192.0.2.2',
    })
    assert.equal(first.statusCode, 200)
    assert.equal(first.headers['ratelimit-remaining'], '1')
  })
})
