/**
 * `toklytics copy-to`: an SQLite store built through the real pipeline, copied into PostgreSQL
 * by the real CLI process, reads back the same (every derived table, every capture), keeps
 * ingesting afterwards (serial ids carry on, snapshots land in their month partitions), and a
 * target holding data, or of the wrong kind, is refused with nothing written.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { CopyRefused, copyStore } from '../src/db/copy-store.js'
import type { Database } from '../src/db/open.js'
import { seedDemo } from '../src/demo/seed-demo.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { testDatabases } from './support/databases.js'
import { capture, itemListBody, listUrl } from './support/fixture-captures.js'
import { entityDump } from './support/store-dump.js'

const run = promisify(execFile)
const CLI = new URL('../src/cli/main.ts', import.meta.url).pathname
const NOW_MS = Date.parse('2026-11-20T12:00:00Z')

const [sqliteStore, postgresStore] = testDatabases()

async function captureRows(database: Database) {
  return database.db
    .selectFrom('captures')
    .select(['id', 'content_hash', 'url', 'kind', 'observed_at', 'body', 'status', 'contributor'])
    .orderBy('id')
    .execute()
}

describe('copy-to', () => {
  let source: Database
  let sourceUrl = ''
  before(async () => {
    source = await (sqliteStore?.open() ?? Promise.reject(new Error('no SQLite')))
    sourceUrl = sqliteStore?.url() ?? ''
    await seedDemo(source, { creators: 12, seed: 7, nowMs: NOW_MS })
  })
  after(async () => {
    await source.close()
    await sqliteStore?.cleanup()
    await postgresStore?.cleanup()
  })

  it('refuses a target that is not PostgreSQL, writing nothing', async () => {
    const other = await (sqliteStore?.open() ?? Promise.reject(new Error('no SQLite')))
    try {
      const url = sqliteStore?.url() ?? ''
      await assert.rejects(copyStore(source, url, { now: NOW_MS / 1000 }), (err: unknown) => {
        assert.ok(err instanceof CopyRefused)
        assert.match(err.message, /the target must be a PostgreSQL database/)
        return true
      })
      const n = await other.db.selectFrom('creators').select((eb) => eb.fn.countAll().as('n'))
      assert.equal(Number((await n.executeTakeFirstOrThrow()).n), 0)
    } finally {
      await other.close()
    }
  })

  it('copies every table into PostgreSQL with the real CLI, and the copy reads the same', {
    skip: postgresStore === undefined && 'needs TOKLYTICS_TEST_PG_URL',
  }, async () => {
    if (postgresStore === undefined) return
    const target = await postgresStore.open()
    await target.close()
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', CLI, '--db', sourceUrl, 'copy-to', postgresStore.url()],
      { env: { ...process.env, LOG_LEVEL: 'silent' } },
    )
    assert.match(stdout, /copied \d+ rows of \d+ tables in /)
    const copy = await import('../src/db/open.js').then((m) => m.openDatabase(postgresStore.url()))
    try {
      const expected = await entityDump(source)
      assert.ok(expected.videos.length > 100, 'the demo store has videos to copy')
      assert.deepEqual(await entityDump(copy), expected)
      const [a, b] = [await captureRows(source), await captureRows(copy)]
      assert.equal(b.length, a.length)
      assert.deepEqual(
        b.map((r) => ({ ...r, body: Buffer.from(r.body as Uint8Array).toString('base64') })),
        a.map((r) => ({ ...r, body: Buffer.from(r.body as Uint8Array).toString('base64') })),
      )
      // Every table's row count, the CLI's report included.
      for (const line of stdout.trim().split('\n').slice(0, -1)) {
        const [, table, rows] = /^(\w+): (\d+) rows$/.exec(line) ?? []
        assert.ok(table !== undefined, line)
        const count = async (d: Database) =>
          Number(
            (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(d.db))
              .rows[0]?.n,
          )
        assert.equal(await count(copy), Number(rows), table)
        assert.equal(await count(source), Number(rows), table)
      }
      // Vacuumed: the visibility map lets counts read an index alone from the first request.
      const { rows: visible } = await sql<{ pages: number }>`
        select relallvisible as pages from pg_class
        where oid = to_regclass('videos')`.execute(copy.db)
      assert.ok(Number(visible[0]?.pages) > 0, 'videos has all-visible pages')
      // The month partitions hold the snapshots; DEFAULT holds none of them.
      const { rows: inDefault } = await sql<{ n: number }>`
        select count(*) as n from video_snapshots_default`.execute(copy.db)
      assert.equal(Number(inDefault[0]?.n), 0)

      // Ingestion carries on: a new capture gets the next serial id, not one the copy holds.
      const maxId = Math.max(...a.map((r) => Number(r.id)))
      const fresh = capture(
        listUrl('copied-after'),
        NOW_MS + 60_000,
        itemListBody({
          id: '7499999999999999991',
          plays: 1234,
          postedAt: 1_763_000_000,
          author: { id: '5550001', username: 'copied.after' },
        }),
      )
      const summary = await ingestBatch(
        { database: copy, now: () => NOW_MS + 60_000 },
        { contributor: 'test', isDemo: false, captures: [fresh] },
      )
      assert.equal(summary.accepted, 1)
      const newest = await copy.db
        .selectFrom('captures')
        .select('id')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
      assert.equal(Number(newest.id), maxId + 1)
    } finally {
      await copy.close()
    }
  })

  it('refuses a PostgreSQL target that holds data, naming the table, and leaves it as it was', {
    skip: postgresStore === undefined && 'needs TOKLYTICS_TEST_PG_URL',
  }, async () => {
    if (postgresStore === undefined) return
    const target = await postgresStore.open()
    try {
      await seedDemo(target, { creators: 1, seed: 99, nowMs: NOW_MS })
      const before = await entityDump(target)
      const url = postgresStore.url()
      await assert.rejects(copyStore(source, url, { now: NOW_MS / 1000 }), (err: unknown) => {
        assert.ok(err instanceof CopyRefused)
        assert.match(err.message, /the target is not empty \(table \w+ holds rows\)/)
        return true
      })
      assert.deepEqual(await entityDump(target), before)
    } finally {
      await target.close()
    }
  })
})
