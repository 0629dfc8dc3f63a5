/** `POST /api/v1/ingest` over HTTP semantics: auth, envelope errors, limits, gzip, Error format. */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { createApp } from '../src/server/app.js'
import { readFixture } from './fixtures.js'
import { testDatabases } from './support/databases.js'

const TOKEN = 'test-contributor-token'
const NOW = Date.parse('2026-11-25T12:00:00Z')

async function appOn(
  database: Database,
  env: Record<string, string> = {},
): Promise<FastifyInstance> {
  const config = loadConfig({ LOG_LEVEL: 'silent', TOKLYTICS_INGEST_TOKEN: TOKEN, ...env })
  return createApp({ config, database, now: () => NOW })
}

const userCapture = () => ({
  url: 'https://www.tiktok.com/api/user/detail/?uniqueId=x',
  observed_at: NOW - 60_000,
  body: readFixture('user_detail.sample1.json'),
})

function assertError(
  res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
  code: string,
  mentions: RegExp,
) {
  assert.equal(res.statusCode, status)
  const body = res.json() as {
    error: { code: string; message: string; docs: string }
    meta: { request_id: string; api_version: string }
  }
  assert.equal(body.error.code, code)
  assert.match(body.error.message, mentions)
  assert.equal(typeof body.error.docs, 'string')
  assert.equal(body.meta.api_version, 'v1')
  assert.equal(body.meta.request_id, res.headers['x-request-id'])
}

async function creatorCount(database: Database): Promise<number> {
  const r = await database.db
    .selectFrom('creators')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

for (const target of testDatabases()) {
  describe(`POST /api/v1/ingest on ${target.name}`, () => {
    after(() => target.cleanup())

    it('accepts a batch with a Bearer token and replies after commit', async () => {
      const database = await target.open()
      const app = await appOn(database)
      try {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/ingest',
          headers: { authorization: `Bearer ${TOKEN}` },
          payload: { collector: { name: 'test', version: '1.0.0' }, captures: [userCapture()] },
        })
        assert.equal(res.statusCode, 200)
        const body = res.json()
        assert.equal(body.data.received, 1)
        assert.equal(body.data.accepted, 1)
        assert.equal(body.data.duplicates, 0)
        assert.deepEqual(body.data.dropped, [])
        assert.deepEqual(body.data.entities, { creators: 1, videos: 0, hashtags: 0, sounds: 0 })
        assert.equal(body.meta.request_id, res.headers['x-request-id'])
        assert.equal(await creatorCount(database), 1)
        const stored = await database.db
          .selectFrom('captures')
          .select(['collector', 'contributor'])
          .executeTakeFirstOrThrow()
        assert.equal(stored.collector, 'test/1.0.0')
        assert.ok(stored.contributor && !stored.contributor.includes(TOKEN))
      } finally {
        await app.close()
        await database.close()
      }
    })

    it('accepts the X-Toklytics-Contributor header and a gzip body', async () => {
      const database = await target.open()
      const app = await appOn(database)
      try {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/ingest',
          headers: {
            'x-toklytics-contributor': TOKEN,
            'content-type': 'application/json',
            'content-encoding': 'gzip',
          },
          payload: gzipSync(JSON.stringify({ captures: [userCapture()] })),
        })
        assert.equal(res.statusCode, 200, res.body)
        assert.equal(res.json().data.accepted, 1)
      } finally {
        await app.close()
        await database.close()
      }
    })

    it('401 without a token, with a wrong token, and when ingestion is not configured', async () => {
      const database = await target.open()
      const app = await appOn(database)
      const closed = await createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database })
      try {
        const payload = { captures: [userCapture()] }
        assertError(
          await app.inject({ method: 'POST', url: '/api/v1/ingest', payload }),
          401,
          'unauthorized',
          /Bearer/,
        )
        assertError(
          await app.inject({
            method: 'POST',
            url: '/api/v1/ingest',
            payload,
            headers: { authorization: 'Bearer nope' },
          }),
          401,
          'unauthorized',
          /not valid/,
        )
        assertError(
          await closed.inject({
            method: 'POST',
            url: '/api/v1/ingest',
            payload,
            headers: { authorization: `Bearer ${TOKEN}` },
          }),
          401,
          'unauthorized',
          /TOKLYTICS_INGEST_TOKEN/,
        )
        assert.equal(await creatorCount(database), 0)
      } finally {
        await app.close()
        await closed.close()
        await database.close()
      }
    })

    it('400 in the Error format for malformed envelopes, never a 500 or a partial write', async () => {
      const database = await target.open()
      const app = await appOn(database)
      const post = (payload: string | object, headers: Record<string, string> = {}) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/ingest',
          headers: {
            authorization: `Bearer ${TOKEN}`,
            'content-type': 'application/json',
            ...headers,
          },
          payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
        })
      try {
        assertError(await post('{"captures": [}'), 400, 'invalid_request', /not valid JSON/)
        assertError(await post({ captures: 'no' }), 400, 'invalid_request', /captures/)
        assertError(await post([1, 2]), 400, 'invalid_request', /envelope/)
        assertError(
          await post({ captures: [userCapture()], collector: { name: 5 } }),
          400,
          'invalid_request',
          /collector\.name/,
        )
        const many = Array.from({ length: 501 }, () => userCapture())
        assertError(await post({ captures: many }), 400, 'invalid_request', /at most 500 captures/)
        let deep: unknown = 'x'
        for (let i = 0; i < 100; i++) deep = { a: deep }
        assertError(
          await post({ captures: [{ ...userCapture(), body: deep }] }),
          400,
          'invalid_request',
          /deeper than 64/,
        )
        assertError(
          await post('not json', { 'content-type': 'text/plain' }),
          415,
          'unsupported_media_type',
          /application\/json/,
        )
        assertError(
          await post({ captures: [] }, { 'content-encoding': 'gzip' }),
          400,
          'invalid_request',
          /could not be read|gzip|incorrect header/i,
        )
        assert.equal(await creatorCount(database), 0)
      } finally {
        await app.close()
        await database.close()
      }
    })

    it('413 for bodies over the compressed and the decompressed limits', async () => {
      const database = await target.open()
      const app = await appOn(database)
      try {
        const big = await app.inject({
          method: 'POST',
          url: '/api/v1/ingest',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          payload: JSON.stringify({
            captures: [{ ...userCapture(), body: 'x'.repeat(17 * 1024 * 1024) }],
          }),
        })
        assertError(big, 413, 'payload_too_large', /limit/)
        // A gzip bomb: 70 MB of JSON that compresses to a few dozen kilobytes.
        const bomb = gzipSync(
          JSON.stringify({ captures: [{ ...userCapture(), body: ' '.repeat(70 * 1024 * 1024) }] }),
        )
        assert.ok(bomb.length < 1024 * 1024)
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/ingest',
          headers: {
            authorization: `Bearer ${TOKEN}`,
            'content-type': 'application/json',
            'content-encoding': 'gzip',
          },
          payload: bomb,
        })
        assertError(res, 413, 'payload_too_large', /too large/)
        assert.equal(await creatorCount(database), 0)
      } finally {
        await app.close()
        await database.close()
      }
    })

    it('404 in the Error format for unknown routes; /healthz answers', async () => {
      const database = await target.open()
      const app = await appOn(database)
      try {
        assertError(
          await app.inject({ method: 'GET', url: '/api/v1/nope' }),
          404,
          'not_found',
          /nope/,
        )
        const health = await app.inject({ method: 'GET', url: '/healthz' })
        assert.equal(health.statusCode, 200)
        assert.equal(health.json().status, 'ok')
      } finally {
        await app.close()
        await database.close()
      }
    })
  })
}
