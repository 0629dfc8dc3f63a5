/**
 * Synchronous ingestion on its own thread (SQLite files): the same answers as on the main
 * thread, the write visible to the next read at once, concurrent uploads all kept, step timings
 * in /metrics, and the thread used only where it applies.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/open.js'
import { ingestThreadFor, startIngestThread } from '../src/ingest/ingest-thread.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { createApp } from '../src/server/app.js'
import { testDatabases } from './support/databases.js'
import { itemListBody, listUrl, userDetailBody, userUrl } from './support/fixture-captures.js'

const TOKEN = 'thread-test-token'
const NOW = Date.parse('2026-11-25T12:00:00Z')
const config = loadConfig({
  LOG_LEVEL: 'silent',
  TOKLYTICS_INGEST_TOKEN: TOKEN,
  TOKLYTICS_RATE_LIMIT: 'off',
})

const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString()
const batchOf = (n: number) => ({
  captures: [
    { url: userUrl(), observed_at: at(60 - n), body: userDetailBody({ followers: 1000 + n }) },
    {
      url: listUrl('x', n),
      observed_at: at(60 - n),
      body: itemListBody({ id: String(7100000000000000000n + BigInt(n)), plays: 100 * n }),
    },
  ],
})

/** Uploads batch `n` as the extension would. */
const upload = (app: FastifyInstance, n: number) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/ingest',
    headers: { authorization: `Bearer ${TOKEN}` },
    payload: batchOf(n),
  })

describe('ingestion on its own thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'toklytics-thread-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('answers what the main thread would, and the next read sees the write', async () => {
    const url = `sqlite:${join(dir, 'thread.sqlite')}`
    const database = await openDatabase(url)
    const reference = await openDatabase(`sqlite:${join(dir, 'reference.sqlite')}`)
    const thread = await startIngestThread(database, url, 1)
    const app = await createApp({ config, database, ingestThread: thread, now: () => NOW })
    try {
      const creator = async () => app.inject('/api/v1/creators/zg.520')
      assert.equal((await creator()).statusCode, 404)
      for (const n of [1, 2]) {
        const res = await upload(app, n)
        assert.equal(res.statusCode, 200, res.body)
        const expected = await ingestBatch(
          { database: reference, now: () => NOW },
          { ...batchOf(n), contributor: 'static' },
        )
        assert.deepEqual(res.json().data, expected)
        // Cached before the next batch: the write must make it stale at once.
        const read = await creator()
        assert.equal(read.statusCode, 200)
        assert.equal(read.json().data.followers, 1000 + n)
        assert.equal(read.headers['x-cache'], 'miss')
        assert.equal((await creator()).headers['x-cache'], 'hit')
      }
      const metrics = await app.inject('/metrics')
      assert.match(metrics.body, /toklytics_ingest_step_seconds_count\{step="merge_write"\} 2/)
    } finally {
      await app.close()
      await thread.close()
      await database.close()
      await reference.close()
    }
  })

  it('keeps every one of many concurrent uploads, and finishes them before it closes', async () => {
    const url = `sqlite:${join(dir, 'concurrent.sqlite')}`
    const database = await openDatabase(url)
    const thread = await startIngestThread(database, url, 1)
    const app = await createApp({ config, database, ingestThread: thread, now: () => NOW })
    try {
      const uploads = Array.from({ length: 12 }, (_, i) => upload(app, 10 + i))
      const answers = await Promise.all(uploads)
      assert.deepEqual(
        answers.map((a) => a.statusCode),
        answers.map(() => 200),
      )
      const videos = await database.db
        .selectFrom('videos')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
      assert.equal(Number(videos.n), 12)
    } finally {
      await app.close()
      await thread.close()
      await database.close()
    }
  })

  it('is started only for synchronous ingestion into a file the main thread would write', async () => {
    const url = `sqlite:${join(dir, 'choice.sqlite')}`
    const file = await openDatabase(url)
    const memory = await openDatabase('sqlite::memory:')
    try {
      const base = { url, enabled: true, sync: true, prepareWorkers: 1 }
      assert.equal(await ingestThreadFor(file, { ...base, enabled: false }), null)
      assert.equal(await ingestThreadFor(file, { ...base, sync: false }), null)
      assert.equal(await ingestThreadFor(memory, { ...base, url: 'sqlite::memory:' }), null)
      const thread = await ingestThreadFor(file, base)
      assert.ok(thread !== null)
      await thread.close()
      const pg = testDatabases().find((t) => t.name === 'postgres')
      if (pg !== undefined) {
        const database = await pg.open()
        try {
          assert.equal(await ingestThreadFor(database, { ...base, url: pg.url() }), null)
        } finally {
          await database.close()
          await pg.cleanup()
        }
      }
    } finally {
      await file.close()
      await memory.close()
    }
  })
})
