/**
 * Resource faults answer clearly: a full disk (SQLite on a small tmpfs the test mounts), a
 * read-only store, and a PostgreSQL server that goes away answer 507/503 in the Error format
 * (never a 500), write nothing partial, show in `/readyz` as `storage: unavailable`, and clear
 * once a write succeeds again.
 */
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../src/config.js'
import { type Database, openDatabase } from '../src/db/open.js'
import { type IngestThread, startIngestThread } from '../src/ingest/ingest-thread.js'
import { createApp } from '../src/server/app.js'
import { readFixture } from './fixtures.js'
import { testDatabases } from './support/databases.js'
import { tcpProxy } from './support/tcp-proxy.js'

const TOKEN = 'storage-fault-token'
const PG_URL = process.env.TOKLYTICS_TEST_PG_URL

async function appOn(database: Database, ingestThread?: IngestThread): Promise<FastifyInstance> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    TOKLYTICS_RATE_LIMIT: 'off',
    TOKLYTICS_INGEST_TOKEN: TOKEN,
  })
  return createApp({ config, database, ...(ingestThread ? { ingestThread } : {}) })
}

let batchNo = 0
/** A batch of real captures no other batch repeats (a cursor of its own in every URL). */
function freshBatch(size = 20) {
  batchNo++
  const body = JSON.stringify(readFixture('post_item_list.sample1.json'))
  return {
    collector: { name: 'test', version: '1' },
    captures: Array.from({ length: size }, (_, i) => ({
      url: `https://www.tiktok.com/api/post/item_list/?secUid=x&cursor=${batchNo * 1000 + i}`,
      observed_at: new Date().toISOString(),
      body,
    })),
  }
}

const ingest = (app: FastifyInstance) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/ingest',
    headers: { authorization: `Bearer ${TOKEN}` },
    payload: freshBatch(),
  })

const captureCount = async (database: Database) =>
  Number(
    (
      await database.db
        .selectFrom('captures')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

/** Mounts a tmpfs of `mb` MiB; null (with the reason) where mounting is not permitted. */
function mountTmpfs(mb: number): { dir: string; unmount(): void } | string {
  const dir = mkdtempSync(join(tmpdir(), 'toklytics-full-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', dir], { stdio: 'pipe' })
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    return `mounting a tmpfs is not permitted here (${String(err).split('\n')[0]})`
  }
  return {
    dir,
    unmount() {
      execFileSync('umount', ['-l', dir])
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Fills the filesystem of `dir` with a file until no byte fits; returns the file's path. */
function fill(dir: string): string {
  const path = join(dir, 'filler')
  const fd = openSync(path, 'w')
  const chunk = Buffer.alloc(64 * 1024, 1)
  try {
    for (;;) writeSync(fd, chunk)
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOSPC') throw err
    // The last partial chunk: fill to the very last byte.
    try {
      for (;;) writeSync(fd, Buffer.alloc(512, 1))
    } catch {
      // Full.
    }
  } finally {
    closeSync(fd)
  }
  return path
}

/** Why the disk tests cannot run here (mounting not permitted), or false. */
function tmpfsSkip(): string | false {
  const probe = mountTmpfs(1)
  if (typeof probe === 'string') return probe
  probe.unmount()
  return false
}

for (const onThread of [false, true]) {
  describe(`a full disk on SQLite (ingestion ${onThread ? 'on its own thread' : 'on the main thread'})`, {
    skip: tmpfsSkip(),
  }, () => {
    it('answers 507 storage_full, writes nothing partial, shows in /readyz, and recovers', async () => {
      const mount = mountTmpfs(16)
      assert.ok(typeof mount !== 'string', String(mount))
      mkdirSync(join(mount.dir, 'db'))
      const url = `sqlite:${join(mount.dir, 'db', 'toklytics.sqlite')}`
      const database = await openDatabase(url)
      const thread = onThread ? await startIngestThread(database, url, 1) : undefined
      const app = await appOn(database, thread)
      try {
        assert.equal((await ingest(app)).statusCode, 200)
        const filler = fill(mount.dir)
        const statuses: number[] = []
        let refused: { statusCode: number; body: string } | null = null
        let accepted = await captureCount(database)
        // Pages the database already holds may take a few batches before a write needs a new one.
        for (let i = 0; i < 40 && refused === null; i++) {
          const res = await ingest(app)
          statuses.push(res.statusCode)
          if (res.statusCode === 200) accepted = await captureCount(database)
          else refused = res
        }
        assert.ok(refused !== null, `never refused: ${statuses.join(',')}`)
        assert.ok(!statuses.includes(500), statuses.join(','))
        assert.equal(refused.statusCode, 507, refused.body)
        const error = JSON.parse(refused.body).error
        assert.equal(error.code, 'storage_full')
        assert.match(error.message, /no storage space left; nothing of this request was written/)
        // Nothing of the refused batch is stored.
        assert.equal(await captureCount(database), accepted)

        const ready = await app.inject('/readyz')
        assert.equal(ready.statusCode, 503)
        assert.equal(ready.json().checks.storage, 'unavailable')
        assert.match(ready.json().detail, /storage \(no space left\)/)

        unlinkSync(filler)
        const again = await ingest(app)
        assert.equal(again.statusCode, 200, again.body)
        assert.equal((await app.inject('/readyz')).statusCode, 200)
        assert.equal(await captureCount(database), accepted + 20)
      } finally {
        await app.close()
        await thread?.close()
        await database.close()
        mount.unmount()
      }
    })
  })
}

const pgTarget = testDatabases().find((t) => t.name === 'postgres')
describe('a PostgreSQL server that goes away', {
  skip: pgTarget === undefined && 'set TOKLYTICS_TEST_PG_URL',
}, () => {
  after(() => pgTarget?.cleanup())

  it('answers 503 storage_unavailable, shows in /readyz, and recovers when it is back', async () => {
    assert.ok(pgTarget !== undefined && PG_URL !== undefined)
    const schema = await pgTarget.open()
    await schema.close()
    const direct = new URL(pgTarget.url())
    const proxy = await tcpProxy(direct.hostname, Number(direct.port || 5432))
    const url = new URL(direct.href)
    url.hostname = '127.0.0.1'
    url.port = String(proxy.port)
    const database = await openDatabase(url.href)
    const app = await appOn(database)
    try {
      assert.equal((await ingest(app)).statusCode, 200)
      const before = await captureCount(database)
      await proxy.cut()
      const res = await ingest(app)
      assert.equal(res.statusCode, 503, res.body)
      assert.equal(res.json().error.code, 'storage_unavailable')
      assert.doesNotMatch(
        res.json().error.message,
        new RegExp(`${proxy.port}|ECONN|terminated`),
        'the public answer does not say where or how',
      )
      const ready = await app.inject('/readyz')
      assert.equal(ready.statusCode, 503)
      assert.equal(ready.json().checks.database, 'unavailable')
      assert.equal(ready.json().checks.storage, 'unavailable')
      await proxy.resume()
      const again = await ingest(app)
      assert.equal(again.statusCode, 200, again.body)
      assert.equal((await app.inject('/readyz')).statusCode, 200)
      assert.equal(await captureCount(database), before + 20)
    } finally {
      await app.close()
      await database.close()
      await proxy.close()
    }
  })

  it('answers 503 storage_unavailable when the database is read-only', async () => {
    assert.ok(pgTarget !== undefined)
    const writable = await pgTarget.open()
    const app0 = await appOn(writable)
    assert.equal((await ingest(app0)).statusCode, 200)
    await app0.close()
    const before = await captureCount(writable)
    await writable.close()
    // The same schema through sessions whose transactions are read-only (as on a standby).
    const url = new URL(pgTarget.url())
    url.searchParams.set(
      'options',
      `${url.searchParams.get('options')} -c default_transaction_read_only=on`,
    )
    const database = await openDatabase(url.href, { migrate: 'none' })
    const app = await appOn(database)
    try {
      const res = await ingest(app)
      assert.equal(res.statusCode, 503, res.body)
      assert.equal(res.json().error.code, 'storage_unavailable')
      assert.match(res.json().error.message, /read-only/)
      const ready = await app.inject('/readyz')
      assert.equal(ready.statusCode, 503)
      assert.deepEqual(ready.json().checks, { database: 'ok', storage: 'unavailable' })
      assert.equal(await captureCount(database), before)
    } finally {
      await app.close()
      await database.close()
    }
  })
})
