/**
 * Ingestion benchmark: demo captures in TikTok's payload shapes → the real pipeline → SQLite,
 * against a ceiling measured in the same run: bare better-sqlite3 prepared inserts of exactly
 * the rows the pipeline stored, in as many transactions.
 *
 *   npm run bench:ingest -- [--creators N] [--batch CAPTURES] [--workers N (0: inline)]
 *                           [--db postgres://… (a fresh schema there; no ceiling)]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import { openDatabase } from '../src/db/open.js'
import { type DemoCapture, generateDemoCaptures } from '../src/demo/demo-captures.js'
import { ingestBatch, prepareInline } from '../src/ingest/pipeline.js'
import { createPreparePool, defaultWorkerCount } from '../src/ingest/prepare-pool.js'

const { values } = parseArgs({
  options: {
    creators: { type: 'string', default: '400' },
    batch: { type: 'string', default: '200' },
    workers: { type: 'string' },
    db: { type: 'string' },
  },
})
const pgUrl = values.db
const creators = Number(values.creators)
const batchSize = Number(values.batch)
const workers = values.workers === undefined ? defaultWorkerCount() : Number(values.workers)
const nowMs = Date.now()

// 1. Generate everything first, so that only the pipeline is timed.
const batches: DemoCapture[][] = []
let pending: DemoCapture[] = []
let items = 0
let bytes = 0
for (const group of generateDemoCaptures({ creators, seed: 42, now: Math.floor(nowMs / 1000) })) {
  if (pending.length + group.length > batchSize) {
    batches.push(pending)
    pending = []
  }
  for (const c of group) {
    const list = (c.body as { itemList?: unknown[] }).itemList
    items += list?.length ?? 0
    // The extension uploads TikTok's response text as it arrived, not a re-serialised object.
    const text = JSON.stringify(c.body)
    bytes += text.length
    pending.push({ ...c, body: text })
  }
}
if (pending.length > 0) batches.push(pending)
const captures = batches.reduce((n, b) => n + b.length, 0)

const dir = mkdtempSync(join(tmpdir(), 'toklytics-bench-'))
const pgSchema = `bench_ingest_${process.pid}`
const pgAdmin = async (statement: string) => {
  const client = new pg.Client({ connectionString: pgUrl })
  await client.connect()
  await client.query(statement).finally(() => client.end())
}
try {
  // 2. The pipeline.
  let url = `sqlite:${join(dir, 'pipeline.db')}`
  if (pgUrl !== undefined) {
    await pgAdmin(`create schema ${pgSchema}`)
    const u = new URL(pgUrl)
    u.searchParams.set('options', `-c search_path=${pgSchema}`)
    // bench/pg.bench.ts finds this run's PostgreSQL backends by this name to count their CPU.
    u.searchParams.set('application_name', 'toklytics-bench-ingest')
    url = u.href
  }
  const database = await openDatabase(url)
  const pool = workers > 0 ? createPreparePool(workers, prepareInline) : null
  const deps = { database, now: () => nowMs, ...(pool ? { preparer: pool.prepare } : {}) }
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  // Two uploads in flight, as concurrent extension uploads are: one prepares while one writes.
  let next = 0
  const uploader = async () => {
    while (next < batches.length) {
      const captures = batches[next++] ?? []
      await ingestBatch(deps, { captures, contributor: 'bench', isDemo: true })
    }
  }
  await Promise.all([uploader(), uploader()])
  const pipelineMs = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  await pool?.close()
  const { n: distinctVideos } = await database.db
    .selectFrom('videos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  await database.close()

  const rate = (n: number, ms: number) => Math.round((n / ms) * 1000)
  const pipelineRate = rate(items, pipelineMs)
  console.log(
    `node ${process.version}, ${creators} creators, ${batches.length} batches of ≤${batchSize} captures, ${workers} ingestion worker(s), 2 uploads in flight, ${pgUrl === undefined ? 'SQLite' : 'PostgreSQL'}`,
  )
  console.log(
    `input: ${captures} captures, ${items} video observations (${distinctVideos} distinct videos), ${(bytes / 1e6).toFixed(0)} MB of JSON`,
  )
  console.log(
    `pipeline: ${(pipelineMs / 1000).toFixed(2)} s = ${pipelineRate} videos/s, ${rate(captures, pipelineMs)} captures/s, ${((bytes / 1e6 / pipelineMs) * 1000).toFixed(1)} MB/s`,
  )
  console.log(`node cpu: ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (all threads)`)
  // 3. The ceiling (SQLite): the same rows, bare prepared inserts, same number of transactions.
  if (pgUrl === undefined) {
    const source = new BetterSqlite3(join(dir, 'pipeline.db'), { readonly: true })
    const ceilingDb = await openDatabase(`sqlite:${join(dir, 'ceiling.db')}`)
    await ceilingDb.close()
    const target = new BetterSqlite3(join(dir, 'ceiling.db'))
    target.pragma('journal_mode = WAL')
    target.pragma('synchronous = NORMAL')
    const tables = [
      'captures',
      'creators',
      'videos',
      'video_hashtags',
      'hashtags',
      'sounds',
      'creator_snapshots',
      'video_snapshots',
      // Derived at write time: search terms, niches, hashtag use, trending hour buckets, anchors,
      // provenance (distinct contributors per creator and video).
      'creator_terms',
      'creator_niches',
      'creator_hashtags',
      'hashtag_hours',
      'sound_hours',
      'hashtag_snapshots',
      'sound_snapshots',
      'counter_anchors',
      'entity_contributors',
      'data_changes',
    ]
    const rows: Array<{ insert: BetterSqlite3.Statement; row: unknown[] }> = []
    for (const table of tables) {
      const all = source.prepare(`select * from ${table}`).raw().all() as unknown[][]
      const columns = source
        .prepare(`select * from ${table} limit 1`)
        .columns()
        .map((c) => c.name)
      const insert = target.prepare(
        `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      )
      for (const row of all) rows.push({ insert, row })
    }
    source.close()
    const perTransaction = Math.ceil(rows.length / batches.length)
    const ceilingStart = performance.now()
    for (let i = 0; i < rows.length; i += perTransaction) {
      target.transaction(() => {
        for (const { insert, row } of rows.slice(i, i + perTransaction)) insert.run(row)
      })()
    }
    const ceilingMs = performance.now() - ceilingStart
    target.close()

    const ceilingRate = rate(items, ceilingMs)
    console.log(
      `ceiling (bare prepared inserts of the same ${rows.length} rows): ${(ceilingMs / 1000).toFixed(2)} s = ${ceilingRate} videos/s`,
    )
    console.log(`pipeline / ceiling: ${((100 * pipelineRate) / ceilingRate).toFixed(0)} %`)
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
  if (pgUrl !== undefined) await pgAdmin(`drop schema if exists ${pgSchema} cascade`)
}
