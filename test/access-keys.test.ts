/**
 * API keys end to end: a key raises the caller to its tier, a revoked, unknown or malformed key
 * is a 401 (never anonymous), only a hash is stored, the list never shows a secret, last use is
 * recorded at most once a minute, and the CLI manages keys of a running server whose logs never
 * show a key or token.
 */
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { createApiKey, listApiKeys } from '../src/admin/api-keys.js'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { createApp } from '../src/server/app.js'
import { readFixture } from './fixtures.js'
import { testDatabases } from './support/databases.js'
import { alongside, startServer, toklytics } from './support/server-process.js'

const START_MS = Date.parse('2026-11-25T12:00:00Z')
const CONTRIBUTOR_TOKEN = 'contributor-token-that-must-not-be-logged-7f3a'
const API = '/api/v1/hashtags/trending'

/** The part of a key after `tok_<id>_`: the secret. */
const secretOf = (key: string) => key.slice('tok_0123456789_'.length)

interface ErrorBody {
  error: { code: string; message: string; docs: string }
  meta: { request_id: string }
}

function assertError(res: { statusCode: number; json(): unknown }, status: number, code: string) {
  assert.equal(res.statusCode, status)
  const body = res.json() as ErrorBody
  assert.equal(body.error.code, code)
  assert.ok(body.error.message.length > 0)
  assert.equal(body.error.docs, 'http://127.0.0.1:8080/docs#errors')
  assert.equal(typeof body.meta.request_id, 'string')
}

/** Every value of every table of the database, as text (bytes as latin1), for a search. */
async function everyStoredValue(database: Database): Promise<string[]> {
  const schema =
    database.dialect.name === 'postgres'
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]?.s
      : undefined
  const tables = (await database.db.introspection.getTables({ withInternalKyselyTables: true }))
    .filter((t) => schema === undefined || t.schema === schema)
    .map((t) => t.name)
  assert.ok(tables.includes('api_keys') && tables.includes('captures'), tables.join(','))
  const values: string[] = []
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
      database.db,
    )
    for (const row of rows) {
      for (const v of Object.values(row)) {
        if (typeof v === 'string') values.push(v)
        else if (v instanceof Uint8Array) values.push(Buffer.from(v).toString('latin1'))
      }
    }
  }
  return values
}

for (const target of testDatabases()) {
  describe(`API keys on ${target.name}`, () => {
    let database: Database
    let app: FastifyInstance
    let clockMs = START_MS
    // From a remote address: inject() connects from loopback, which has the local budget.
    const get = (key?: string, url = API) =>
      app.inject({
        url,
        remoteAddress: '203.0.113.50',
        headers: key === undefined ? {} : { 'x-toklytics-key': key },
      })

    before(async () => {
      database = await target.open()
      const config = loadConfig({ LOG_LEVEL: 'silent', TOKLYTICS_INGEST_TOKEN: CONTRIBUTOR_TOKEN })
      app = await createApp({ config, database, now: () => clockMs })
    })
    after(async () => {
      await app.close()
      await database.close()
      await target.cleanup()
    })

    it('serves a key at its tier until it is revoked, then answers 401', async () => {
      const { key, record } = await createApiKey(database.db, {
        name: 'partner',
        tier: 'pro',
        now: START_MS / 1000,
      })
      const ok = await get(key)
      assert.equal(ok.statusCode, 200)
      assert.equal(ok.headers['ratelimit-limit'], '1200')
      assert.equal(ok.headers['ratelimit-remaining'], '1199')
      const anonymous = await get()
      assert.equal(anonymous.headers['ratelimit-limit'], '30')

      await database.db
        .updateTable('api_keys')
        .set({ revoked_at: START_MS / 1000 })
        .where('id', '=', record.id)
        .execute()
      const refused = await get(key)
      assertError(refused, 401, 'unauthorized')
      assert.match((refused.json() as ErrorBody).error.message, /revoked/)
    })

    it('refuses unknown, malformed, empty and repeated keys instead of serving them anonymously', async () => {
      const { key } = await createApiKey(database.db, {
        name: 'real',
        tier: 'free',
        now: START_MS / 1000,
      })
      const secret = secretOf(key)
      const flipped = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`
      const unknownId = `tok_ffffffffff_${secret}`
      for (const bad of [flipped, unknownId, 'tok_abc', 'not-a-key', '', `${key}, ${key}`]) {
        const res = await get(bad)
        assertError(res, 401, 'unauthorized')
        assert.ok(!res.body.includes(secret), 'a refusal does not echo the key')
      }
      // Two X-Toklytics-Key headers.
      const twice = await app.inject({ url: API, headers: { 'x-toklytics-key': [key, key] } })
      assertError(twice, 401, 'unauthorized')
      assert.equal((await get(key)).statusCode, 200)
    })

    it('records when a key was last used, writing at most once a minute', async () => {
      const { key, record } = await createApiKey(database.db, {
        name: 'dashboard',
        tier: 'free',
        now: START_MS / 1000,
      })
      const lastUsed = async () =>
        (await listApiKeys(database.db)).find((k) => k.id === record.id)?.lastUsedAt
      assert.equal(await lastUsed(), null)
      clockMs = START_MS + 5_000
      await get(key)
      assert.equal(await lastUsed(), START_MS / 1000 + 5)
      clockMs = START_MS + 50_000
      await get(key)
      assert.equal(await lastUsed(), START_MS / 1000 + 5, 'within a minute: no write')
      clockMs = START_MS + 70_000
      await get(key)
      assert.equal(await lastUsed(), START_MS / 1000 + 70)
    })

    it('stores only a hash: the key is in no column of any table, nor in the database file', async () => {
      const { key } = await createApiKey(database.db, {
        name: 'at rest',
        tier: 'free',
        now: START_MS / 1000,
      })
      const secret = secretOf(key)
      assert.equal((await get(key)).statusCode, 200)
      // A batch ingested with the key on the request must not keep it either.
      const ingest = await app.inject({
        method: 'POST',
        url: '/api/v1/ingest',
        headers: {
          authorization: `Bearer ${CONTRIBUTOR_TOKEN}`,
          'x-toklytics-key': key,
          'content-type': 'application/json',
        },
        payload: {
          collector: { name: 'test', version: '1' },
          captures: [
            {
              url: 'https://www.tiktok.com/api/user/detail/?uniqueId=x',
              observed_at: START_MS - 60_000,
              body: readFixture('user_detail.sample1.json'),
            },
          ],
        },
      })
      assert.equal(ingest.statusCode, 200, ingest.body)
      const values = await everyStoredValue(database)
      assert.ok(values.length > 20)
      for (const v of values) {
        assert.ok(!v.includes(secret), 'the secret is not stored')
        assert.ok(!v.includes(CONTRIBUTOR_TOKEN), 'the contributor token is not stored')
      }
      if (target.name === 'sqlite') {
        const file = target.url().slice('sqlite:'.length)
        for (const f of [file, `${file}-wal`].filter((f) => existsSync(f))) {
          assert.ok(!readFileSync(f).includes(secret), `${f} does not contain the secret`)
        }
      }
    })

    it('lists keys without their secret', async () => {
      const { key } = await createApiKey(database.db, {
        name: 'listed',
        tier: 'admin',
        now: START_MS / 1000,
      })
      const listed = await listApiKeys(database.db)
      const mine = listed.find((k) => k.name === 'listed')
      assert.deepEqual(mine && { ...mine, id: '' }, {
        id: '',
        name: 'listed',
        tier: 'admin',
        createdAt: START_MS / 1000,
        lastUsedAt: null,
        revokedAt: null,
      })
      assert.ok(!JSON.stringify(listed).includes(secretOf(key)))
      assert.ok(key.startsWith(`tok_${mine?.id}_`))
    })

    it('is managed with the CLI against a running server, whose logs never show a key', async () => {
      const database2 = await target.open()
      await database2.close()
      const dbUrl = target.url()
      // The schema exists already, so the two processes can start side by side.
      const [server, created] = await alongside(
        startServer(dbUrl, { LOG_LEVEL: 'trace', TOKLYTICS_INGEST_TOKEN: CONTRIBUTOR_TOKEN }),
        toklytics(dbUrl, 'keys', 'create', '--name', 'cli key', '--tier', 'pro'),
      )
      const key = created.stdout.trim()
      try {
        assert.match(key, /^tok_[0-9a-f]{10}_[A-Za-z0-9_-]{43}$/)
        const id = key.slice(4, 14)
        assert.match(created.stderr, new RegExp(`created pro key ${id} "cli key"`))

        const ok = await fetch(`${server.url}${API}`, { headers: { 'x-toklytics-key': key } })
        assert.equal(ok.status, 200)
        assert.equal(ok.headers.get('ratelimit-limit'), '1200')
        // The contributor token in both of its headers, to an ingest that refuses the body.
        const ingest = await fetch(`${server.url}/api/v1/ingest`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${CONTRIBUTOR_TOKEN}`,
            'x-toklytics-contributor': CONTRIBUTOR_TOKEN,
            'x-toklytics-key': key,
            'content-type': 'application/json',
          },
          body: '{"captures": 1}',
        })
        assert.equal(ingest.status, 400)

        const listed = await toklytics(dbUrl, 'keys', 'list')
        assert.match(listed.stdout, new RegExp(`^${id}\\s+tok_${id}_…\\s+pro\\s+active\\s`, 'm'))
        assert.ok(!listed.stdout.includes(secretOf(key)))
        const row = listed.stdout.split('\n').find((l) => l.startsWith(id)) ?? ''
        assert.doesNotMatch(row, /\s-\s+cli key$/, 'last use is recorded')

        const revoked = await toklytics(dbUrl, 'keys', 'revoke', id)
        assert.equal(revoked.stdout.trim(), `revoked key ${id}`)
        const refused = await fetch(`${server.url}${API}`, { headers: { 'x-toklytics-key': key } })
        assert.equal(refused.status, 401)
        assert.equal(((await refused.json()) as ErrorBody).error.code, 'unauthorized')
        const [relisted] = await Promise.all([
          toklytics(dbUrl, 'keys', 'list'),
          assert.rejects(toklytics(dbUrl, 'keys', 'revoke', 'ffffffffff'), /no API key/),
        ])
        assert.match(relisted.stdout, /pro\s+revoked 20/)
      } finally {
        await server.stop()
      }
      const logs = server.output()
      assert.match(logs, /incoming request/, 'requests were logged')
      assert.ok(!logs.includes(secretOf(key)), 'the API key is never logged')
      assert.ok(!logs.includes(CONTRIBUTOR_TOKEN), 'the contributor token is never logged')
    })
  })
}
