/**
 * Ingestion benchmark: demo captures in TikTok's payload shapes → the real pipeline → SQLite,
 * against a ceiling measured in the same run: bare better-sqlite3 prepared inserts of exactly
 * the rows the pipeline stored, in as many transactions.
 *
 *   npm run bench:ingest -- [--creators N] [--batch CAPTURES] [--workers N (0: inline)]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import BetterSqlite3 from 'better-sqlite3'
import { openDatabase } from '../src/db/open.js'
import { type DemoCapture, generateDemoCaptures } from '../src/demo/demo-captures.js'
import { ingestBatch, prepareInline } from '../src/ingest/pipeline.js'
import { createPreparePool, defaultWorkerCount } from '../src/ingest/prepare-pool.js'

const { values } = parseArgs({
  options: {
    creators: { type: 'string', default: '400' },
    batch: { type: 'string', default: '200' },
    workers: { type: 'string' },
  },
})
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
try {
  // 2. The pipeline.
  const database = await openDatabase(`sqlite:${join(dir, 'pipeline.db')}`)
  const pool = workers > 0 ? createPreparePool(workers, prepareInline) : null
  const deps = { database, now: () => nowMs, ...(pool ? { preparer: pool.prepare } : {}) }
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
  await pool?.close()
  await database.close()

  // 3. The ceiling: the same rows, bare prepared inserts, same number of transactions.
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
  ]
  const rows: Array<{ insert: BetterSqlite3.Statement; row: unknown[] }> = []
  let distinctVideos = 0
  for (const table of tables) {
    const all = source.prepare(`select * from ${table}`).raw().all() as unknown[][]
    if (table === 'videos') distinctVideos = all.length
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

  const rate = (n: number, ms: number) => Math.round((n / ms) * 1000)
  const pipelineRate = rate(items, pipelineMs)
  const ceilingRate = rate(items, ceilingMs)
  console.log(
    `node ${process.version}, ${creators} creators, ${batches.length} batches of ≤${batchSize} captures, ${workers} ingestion worker(s), 2 uploads in flight`,
  )
  console.log(
    `input: ${captures} captures, ${items} video observations (${distinctVideos} distinct videos), ${(bytes / 1e6).toFixed(0)} MB of JSON`,
  )
  console.log(
    `pipeline: ${(pipelineMs / 1000).toFixed(2)} s = ${pipelineRate} videos/s, ${rate(captures, pipelineMs)} captures/s, ${((bytes / 1e6 / pipelineMs) * 1000).toFixed(1)} MB/s`,
  )
  console.log(
    `ceiling (bare prepared inserts of the same ${rows.length} rows): ${(ceilingMs / 1000).toFixed(2)} s = ${ceilingRate} videos/s`,
  )
  console.log(`pipeline / ceiling: ${((100 * pipelineRate) / ceilingRate).toFixed(0)} %`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
