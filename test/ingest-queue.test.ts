/**
 * Queue mode (TOKLYTICS_INGEST_MODE=queue, PostgreSQL): POST /ingest stores captures and answers
 * 202 with their ids; `toklytics worker` processes each exactly once — with two workers at once,
 * after a worker is killed mid-batch, next to a purge or a reprocess — and the store ends up
 * exactly as synchronous ingestion of the same captures makes it.
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { brotliDecompressSync } from 'node:zlib'
import { sql } from 'kysely'
import { createContributor } from '../src/admin/contributors.js'
import { purgeContributor } from '../src/admin/purge-contributor.js'
import { loadConfig } from '../src/config.js'
import { type Database, openDatabase } from '../src/db/open.js'
import { enqueueBatch } from '../src/ingest/enqueue.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { processQueuedBatch, runWorkerLoop } from '../src/ingest/queue-worker.js'
import { reprocessAll } from '../src/ingest/reprocess.js'
import { createApp } from '../src/server/app.js'
import { type TestDatabase, testDatabases } from './support/databases.js'
import { type LoadBatch, loadBatch, loadEpochMs } from './support/queue-load.js'
import { toklytics } from './support/server-process.js'
import { entityDump } from './support/store-dump.js'
import { startWorker } from './support/worker-process.js'

const TOKEN = 'queue-test-token'
const EPOCH = loadEpochMs()

function queueConfig(mode: 'queue' | 'sync' = 'queue') {
  return loadConfig({
    LOG_LEVEL: 'silent',
    TOKLYTICS_RATE_LIMIT: 'off',
    TOKLYTICS_INGEST_TOKEN: TOKEN,
    TOKLYTICS_INGEST_MODE: mode,
  })
}

const batches = (from: number, to: number): LoadBatch[] =>
  Array.from({ length: to - from }, (_, i) => loadBatch(from + i, EPOCH))

/** The store synchronous ingestion makes of these batches, sent in this order. */
async function syncStore(
  target: TestDatabase,
  sent: readonly LoadBatch[],
  // Who sent each batch: rows count their distinct contributors (metrics.md §1.2).
  contributorOf: (b: LoadBatch) => string = () => 'static',
) {
  const database = await target.open()
  try {
    for (const b of sent) {
      await ingestBatch(
        { database, now: Date.now },
        { captures: b.captures, contributor: contributorOf(b) },
      )
    }
    return await entityDump(database)
  } finally {
    await database.close()
  }
}

async function enqueueAll(database: Database, sent: readonly LoadBatch[], contributor = 'static') {
  const ids: number[] = []
  for (const b of sent) {
    const s = await enqueueBatch({ database, now: Date.now }, { captures: b.captures, contributor })
    assert.equal(s.queued, b.captures.length)
    ids.push(...s.capture_ids)
  }
  return ids
}

async function captureRows(database: Database) {
  return database.db
    .selectFrom('captures')
    .select(['id', 'status', 'process_count', 'processed_by', 'drop_reason', 'contributor'])
    .orderBy('id')
    .execute()
}

/** `url` with an application_name, by which pg_stat_activity tells its connections apart. */
function named(url: string, name: string): string {
  const u = new URL(url)
  u.searchParams.set('application_name', name)
  return u.href
}

/**
 * Resolves once a connection named `name` waits for a lock: `advisory` is the ingest lock (a
 * worker waiting for it has claimed and parsed its batch), `transactionid` another's row lock.
 */
async function waitsForLock(
  database: Database,
  name: string,
  event: 'advisory' | 'transactionid',
): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
      where application_name = ${name} and wait_event_type = 'Lock' and wait_event = ${event}`.execute(
      database.db,
    )
    if ((rows[0]?.n ?? 0) > 0) return
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** Holds the ingest lock in a transaction of its own until `release()`: writers wait for it. */
async function holdIngestLock(database: Database): Promise<{ release(): Promise<void> }> {
  let release = () => {}
  const released = new Promise<void>((r) => {
    release = r
  })
  let taken = () => {}
  const isTaken = new Promise<void>((r) => {
    taken = r
  })
  const done = database.db.transaction().execute(async (trx) => {
    await database.dialect.lockIngest(trx)
    taken()
    await released
  })
  await isTaken
  return {
    async release() {
      release()
      await done
    },
  }
}

describe('queue mode needs PostgreSQL', () => {
  const [sqlite] = testDatabases()
  after(() => sqlite?.cleanup())

  it('a server in queue mode on SQLite refuses to start, and so does a worker', async () => {
    assert.ok(sqlite)
    const database = await sqlite.open()
    try {
      await assert.rejects(
        createApp({ config: queueConfig(), database }),
        /TOKLYTICS_INGEST_MODE=queue needs PostgreSQL/,
      )
    } finally {
      await database.close()
    }
    await assert.rejects(toklytics(sqlite.url(), 'worker', '--until-empty'), (err: unknown) => {
      const e = err as { code: number; stderr: string }
      assert.equal(e.code, 1)
      assert.match(e.stderr, /toklytics worker needs PostgreSQL/)
      return true
    })
  })
})

const pgTarget = testDatabases().find((t) => t.name === 'postgres')
if (pgTarget === undefined) {
  console.log(
    '# ingest queue tests on PostgreSQL skipped: set TOKLYTICS_TEST_PG_URL (queue mode needs PostgreSQL)',
  )
} else {
  const target = pgTarget
  describe('ingest queue on postgres', () => {
    after(() => target.cleanup())

    it('202 with the capture ids, duplicates at once, nothing private stored; a worker then makes the store synchronous ingestion makes', {
      timeout: 120_000,
    }, async () => {
      const database = await target.open()
      const app = await createApp({ config: queueConfig(), database })
      try {
        const sent = batches(0, 6)
        const post = (captures: unknown[]) =>
          app.inject({
            method: 'POST',
            url: '/api/v1/ingest',
            headers: { authorization: `Bearer ${TOKEN}` },
            payload: { captures },
          })
        const ids: number[] = []
        for (const b of sent) {
          const res = await post(b.captures)
          assert.equal(res.statusCode, 202, res.body)
          const { data, meta } = res.json() as {
            data: {
              received: number
              queued: number
              duplicates: number
              dropped: unknown[]
              capture_ids: number[]
            }
            meta: { request_id: string }
          }
          assert.equal(meta.request_id, res.headers['x-request-id'])
          assert.deepEqual(
            { ...data, capture_ids: data.capture_ids.length },
            { received: 6, queued: 6, duplicates: 0, dropped: [], capture_ids: 6 },
          )
          ids.push(...data.capture_ids)
        }
        assert.equal(new Set(ids).size, ids.length)

        // Sent again, to this instance: duplicates, answered at once.
        const again = await post(sent[0]?.captures ?? [])
        assert.equal(again.statusCode, 202)
        assert.deepEqual(again.json().data, {
          received: 6,
          queued: 0,
          duplicates: 6,
          dropped: [],
          capture_ids: [],
        })

        // Refused before storage: a bad URL, a comment list (never stored), bad JSON that had
        // to be scrubbed. Stored: a tracker-laden URL (cut to the whitelist) and a body with a
        // viewer field (scrubbed); a body that is not JSON but needs no scrub is the worker's
        // to refuse.
        const now = Date.now() - 1000
        const probe = sent[1]?.captures[0]
        assert.ok(probe)
        const viewerBody = JSON.parse(probe.body) as { userInfo: Record<string, unknown> }
        viewerBody.userInfo.digged = true
        viewerBody.userInfo.user = {
          ...(viewerBody.userInfo.user as object),
          signature: 'seen again, by someone who follows',
          followStatus: 1,
        }
        const mixed = await post([
          { url: 'not a url', observed_at: now, body: '{}' },
          {
            url: 'https://www.tiktok.com/api/comment/list/?aweme_id=1',
            observed_at: now,
            body: '{"comments":[]}',
          },
          { url: probe.url, observed_at: now, body: '{"digged": tru' },
          {
            url: `${probe.url}&msToken=SECRET&X-Bogus=SECRET`,
            observed_at: now - 5000,
            body: JSON.stringify(viewerBody),
          },
          { url: probe.url, observed_at: now, body: 'not json at all' },
        ])
        assert.equal(mixed.statusCode, 202)
        const m = mixed.json().data as {
          queued: number
          dropped: Array<{ index: number; reason: string }>
          capture_ids: number[]
        }
        assert.deepEqual(
          m.dropped.map((d) => [d.index, d.reason]),
          [
            [0, 'invalid_url'],
            [1, 'unsupported_kind'],
            [2, 'invalid_json'],
          ],
        )
        assert.equal(m.queued, 2, JSON.stringify(m))
        const stored = await database.db
          .selectFrom('captures')
          .select(['id', 'url', 'body'])
          .where('id', 'in', m.capture_ids)
          .orderBy('id')
          .execute()
        assert.doesNotMatch(stored[0]?.url ?? '', /msToken|X-Bogus|SECRET/)
        const text = brotliDecompressSync(stored[0]?.body ?? new Uint8Array()).toString('utf8')
        assert.doesNotMatch(text, /digged|followStatus/)
        assert.match(text, /"uniqueId"/)

        // Nothing is visible before a worker runs; the queue depth says what waits.
        assert.equal(
          (await app.inject(`/api/v1/creators/queue_load_0`)).statusCode,
          404,
          'a queued capture is not yet a creator',
        )
        const metrics = (await app.inject('/metrics')).body
        assert.match(metrics, /^toklytics_ingest_queue_depth 38$/m)
        assert.match(metrics, /^toklytics_ingest_captures_total\{outcome="queued"\} 38$/m)
        assert.match(metrics, /^toklytics_ingest_captures_total\{outcome="duplicate"\} 6$/m)

        await runWorkerLoop(database, {
          limit: 7,
          worker: 'test-worker',
          now: Date.now,
          signal: new AbortController().signal,
          untilEmpty: true,
          events: { batch() {}, error: (err) => assert.fail(String(err)) },
        })
        const rows = await captureRows(database)
        assert.equal(rows.length, 38)
        for (const r of rows) {
          assert.equal(r.process_count, 1)
          assert.equal(r.processed_by, 'test-worker')
        }
        assert.deepEqual(
          rows.filter((r) => r.status !== 'parsed').map((r) => [r.status, r.drop_reason]),
          [['failed', 'invalid_json']],
        )
        assert.equal((await app.inject(`/api/v1/creators/queue_load_0`)).statusCode, 200)
        assert.match((await app.inject('/metrics')).body, /^toklytics_ingest_queue_depth 0$/m)

        // The same captures ingested synchronously: the same store. (The scrubbed capture is an
        // older observation of a creator seen later: it adds a snapshot, as it does in sync.)
        const expected = await syncStore(target, [
          ...sent,
          {
            seq: -1,
            hashes: [],
            captures: [
              {
                url: `${probe.url}&msToken=SECRET&X-Bogus=SECRET`,
                observed_at: new Date(now - 5000).toISOString(),
                body: JSON.stringify(viewerBody),
              },
            ],
          },
        ])
        assert.deepEqual(await entityDump(database), expected)
      } finally {
        await app.close()
        await database.close()
      }
    })

    it('two worker processes share the queue: every capture is processed exactly once', {
      timeout: 120_000,
    }, async (t) => {
      const database = await target.open()
      try {
        const sent = batches(0, 40)
        const ids = await enqueueAll(database, sent)
        const workers = [0, 1].map(() =>
          startWorker(target.url(), ['--batch', '10', '--until-empty']),
        )
        for (const w of workers)
          assert.deepEqual(await w.exited, { code: 0, signal: null }, w.stderr())
        const rows = await captureRows(database)
        assert.deepEqual(
          rows.map((r) => r.id),
          [...ids].sort((a, b) => a - b),
        )
        for (const r of rows) assert.deepEqual([r.status, r.process_count], ['parsed', 1])
        // Every capture in exactly one committed batch of exactly one worker.
        const logged = workers.flatMap((w) => w.committedIds()).sort((a, b) => a - b)
        assert.deepEqual(
          logged,
          [...ids].sort((a, b) => a - b),
        )
        t.diagnostic(
          `captures per worker: ${workers.map((w) => w.committedIds().length).join(' + ')}`,
        )
        assert.deepEqual(await entityDump(database), await syncStore(target, sent))
      } finally {
        await database.close()
      }
    })

    it('a worker killed (SIGKILL) mid-batch commits nothing; after a restart its captures are processed once', {
      timeout: 120_000,
    }, async () => {
      const database = await target.open()
      try {
        const sent = batches(0, 10)
        const ids = await enqueueAll(database, sent)
        // The worker claims a batch and parses it, then waits for the ingest lock held here.
        const lock = await holdIngestLock(database)
        const name = `doomed-${process.pid}-${Date.now()}`
        const doomed = startWorker(named(target.url(), name), [
          '--batch',
          '25',
          '--metrics-port',
          '0',
        ])
        let released = false
        try {
          await waitsForLock(database, name, 'advisory')
          // Its metrics listener answers meanwhile, with the shared queue's depth.
          const started = await doomed.waitForLog((l) => l.msg === 'worker started')
          const metrics = await (await fetch(String(started.metrics))).text()
          assert.match(metrics, new RegExp(`^toklytics_ingest_queue_depth ${ids.length}$`, 'm'))
          doomed.proc.kill('SIGKILL')
          assert.equal((await doomed.exited).signal, 'SIGKILL')
          await lock.release()
          released = true
        } finally {
          if (!released) {
            doomed.proc.kill('SIGKILL')
            await lock.release()
          }
        }
        assert.equal(doomed.committedIds().length, 0)
        for (const r of await captureRows(database))
          assert.deepEqual([r.status, r.process_count], ['queued', 0])

        const next = startWorker(target.url(), ['--until-empty'])
        assert.deepEqual(await next.exited, { code: 0, signal: null }, next.stderr())
        const rows = await captureRows(database)
        assert.equal(rows.length, ids.length)
        const names = new Set(rows.map((r) => r.processed_by))
        assert.equal(names.size, 1, 'all processed by the restarted worker')
        for (const r of rows) assert.deepEqual([r.status, r.process_count], ['parsed', 1])
        assert.deepEqual(await entityDump(database), await syncStore(target, sent))
      } finally {
        await database.close()
      }
    })

    it('a purge and a reprocess next to a worker holding claimed captures: no deadlock, the same store', {
      timeout: 120_000,
    }, async () => {
      const database = await target.open()
      try {
        const { record: alice } = await createContributor(database.db, { name: 'alice', now: 1 })
        const mine = batches(0, 4)
        const hers = batches(4, 8)
        await enqueueAll(database, mine, 'static')
        await enqueueAll(database, hers, alice.id)

        // A worker claims everything and waits for the ingest lock; the purge must wait for the
        // worker's rows without holding the ingest lock, or the two would deadlock.
        const name = `claimer-${process.pid}-${Date.now()}`
        const claimer = await openDatabase(named(target.url(), name))
        const other = await openDatabase(named(target.url(), `${name}-other`))
        after(async () => {
          await claimer.close()
          await other.close()
        })
        let lock = await holdIngestLock(database)
        const batchA = processQueuedBatch(claimer, { limit: 500, worker: 'w1', now: Date.now })
        await waitsForLock(database, name, 'advisory')
        const purge = purgeContributor(other, alice.id)
        await waitsForLock(database, `${name}-other`, 'transactionid')
        await lock.release()
        const [processed, purged] = await Promise.all([batchA, purge])
        assert.equal(processed?.ids.length, 48)
        assert.equal(purged.removed, 24)
        assert.deepEqual(await entityDump(database), await syncStore(target, mine))

        // Reprocess leaves queued captures to the workers.
        await enqueueAll(database, hers, alice.id)
        lock = await holdIngestLock(database)
        const batchB = processQueuedBatch(claimer, { limit: 500, worker: 'w2', now: Date.now })
        await waitsForLock(database, name, 'advisory')
        const reprocess = reprocessAll(other)
        await waitsForLock(database, `${name}-other`, 'advisory')
        await lock.release()
        const [again, rebuilt] = await Promise.all([batchB, reprocess])
        assert.equal(again?.ids.length, 24)
        assert.ok(rebuilt.captures === 24 || rebuilt.captures === 48, String(rebuilt.captures))
        for (const r of await captureRows(database)) assert.equal(r.process_count, 1)
        assert.deepEqual(
          await entityDump(database),
          await syncStore(target, [...mine, ...hers], (b) =>
            hers.includes(b) ? alice.id : 'static',
          ),
        )
      } finally {
        await database.close()
      }
    })
  })
}
