/**
 * Queue-mode ingestion throughput against the number of `toklytics worker` processes, on
 * PostgreSQL: the demo captures are queued as the API queues them (timed: the API's share of
 * the work), held, then released at once to N already-running workers; the time from release to
 * an empty queue is the workers' throughput. Synchronous ingestion of the same captures in one
 * process is measured alongside for reference.
 *
 *   npm run bench:ingest-workers -- [--creators N] [--workers 1,2] [--batch N] [--rounds R]
 *                                   [--db postgres://…] (default TOKLYTICS_TEST_PG_URL or
 *                                   postgres://postgres@127.0.0.1:5432/test; a fresh schema per run)
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { cpus } from 'node:os'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import pg from 'pg'
import { queueStats } from '../src/db/capture-queue.js'
import { type Database, openDatabase } from '../src/db/open.js'
import { type DemoCapture, generateDemoCaptures } from '../src/demo/demo-captures.js'
import { enqueueBatch } from '../src/ingest/enqueue.js'
import { ingestBatch, prepareInline } from '../src/ingest/pipeline.js'

const CLI = new URL('../src/cli/main.ts', import.meta.url).pathname
const { values } = parseArgs({
  options: {
    creators: { type: 'string', default: '400' },
    workers: { type: 'string', default: '1,2' },
    batch: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
    db: { type: 'string' },
  },
})
const baseUrl =
  values.db ?? process.env.TOKLYTICS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const creators = Number(values.creators)
const workerCounts = values.workers.split(',').map(Number)
const workerBatch = values.batch
/** The worker counts run interleaved, round after round: a shared machine's noise hits them alike. */
const rounds = Number(values.rounds)
const nowMs = Date.now()
const UPLOAD = 200

// Generate everything first: uploads of ≤ 200 captures, bodies as the extension sends them (text).
const uploads: DemoCapture[][] = []
let pending: DemoCapture[] = []
let items = 0
for (const group of generateDemoCaptures({ creators, seed: 42, now: Math.floor(nowMs / 1000) })) {
  if (pending.length + group.length > UPLOAD) {
    uploads.push(pending)
    pending = []
  }
  for (const c of group) {
    items += (c.body as { itemList?: unknown[] }).itemList?.length ?? 0
    pending.push({ ...c, body: JSON.stringify(c.body) })
  }
}
if (pending.length > 0) uploads.push(pending)
const captures = uploads.reduce((n, u) => n + u.length, 0)

const schemas: string[] = []
async function freshDatabase(tag: string): Promise<{ url: string; database: Database }> {
  const schema = `bench_workers_${process.pid}_${tag}`
  const admin = new pg.Client({ connectionString: baseUrl })
  await admin.connect()
  await admin.query(`create schema ${schema}`).finally(() => admin.end())
  schemas.push(schema)
  const u = new URL(baseUrl)
  u.searchParams.set('options', `-c search_path=${schema}`)
  return { url: u.href, database: await openDatabase(u.href) }
}

/** Drops the schemas made so far (each run's, once it is measured). */
async function dropSchemas(): Promise<void> {
  const admin = new pg.Client({ connectionString: baseUrl })
  await admin.connect()
  for (const s of schemas.splice(0)) await admin.query(`drop schema if exists ${s} cascade`)
  await admin.end()
}

function startWorker(url: string): { proc: ChildProcess; started: Promise<void> } {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, '--db', url, 'worker', '--batch', workerBatch],
    {
      env: { ...process.env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const started = new Promise<void>((resolve, reject) => {
    createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (line.includes('"worker started"')) resolve()
    })
    proc.once('exit', (code) => reject(new Error(`a worker exited (${code}) before starting`)))
  })
  return { proc, started }
}

const rate = (ms: number) =>
  `${Math.round(captures / (ms / 1000))} captures/s, ${Math.round(items / (ms / 1000))} videos/s`

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/** One queue-mode run with `n` workers on a fresh schema: the enqueue time and the drain time. */
async function queueRun(n: number, tag: string): Promise<{ ms: number; enqueueMs: number }> {
  const { url, database } = await freshDatabase(tag)
  const enqueueStarted = performance.now()
  for (const u of uploads) {
    await enqueueBatch({ database, now: () => nowMs }, { captures: u, contributor: 'bench' })
  }
  const enqueueMs = performance.now() - enqueueStarted
  // Held back until every worker runs, then released at once (bench only: 'held' is no status
  // the product uses).
  await sql`update captures set status = 'held' where status = 'queued'`.execute(database.db)
  const workers = Array.from({ length: n }, () => startWorker(url))
  await Promise.all(workers.map((w) => w.started))
  const started = performance.now()
  await sql`update captures set status = 'queued' where status = 'held'`.execute(database.db)
  while ((await queueStats(database.db)).depth > 0) await new Promise((r) => setTimeout(r, 20))
  const ms = performance.now() - started
  await Promise.all(
    workers.map(
      (w) =>
        new Promise((resolve) => {
          w.proc.once('exit', resolve)
          w.proc.kill('SIGTERM')
        }),
    ),
  )
  const parsed = await database.db
    .selectFrom('captures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'parsed')
    .where('process_count', '=', 1)
    .executeTakeFirstOrThrow()
  await database.close()
  await dropSchemas()
  if (Number(parsed.n) !== captures) throw new Error(`${parsed.n} of ${captures} captures parsed`)
  return { ms, enqueueMs }
}

const results: string[] = []
try {
  // Reference: synchronous ingestion, one process, inline preparation.
  {
    const { database } = await freshDatabase('sync')
    const started = performance.now()
    for (const u of uploads) {
      await ingestBatch(
        { database, now: () => nowMs, preparer: prepareInline },
        { captures: u, contributor: 'bench' },
      )
    }
    const ms = performance.now() - started
    await database.close()
    await dropSchemas()
    results.push(`| sync, 1 process (reference) | ${(ms / 1000).toFixed(2)} s | ${rate(ms)} |`)
  }
  const runs = new Map<number, number[]>(workerCounts.map((n) => [n, []]))
  const enqueueRuns: number[] = []
  for (let round = 0; round < rounds; round++) {
    for (const n of workerCounts) {
      const { ms, enqueueMs } = await queueRun(n, `r${round}q${n}`)
      runs.get(n)?.push(ms)
      enqueueRuns.push(enqueueMs)
    }
  }
  const enqueueMs = median(enqueueRuns)
  results.push(
    `| queue: API side (enqueue, 1 process) | ${(enqueueMs / 1000).toFixed(2)} s | ${rate(enqueueMs)} |`,
  )
  for (const [n, all] of runs) {
    const ms = median(all)
    results.push(
      `| queue: ${n} worker${n > 1 ? 's' : ''} | ${(ms / 1000).toFixed(2)} s (of ${all.map((m) => (m / 1000).toFixed(1)).join(', ')}) | ${rate(ms)} |`,
    )
  }
} finally {
  await dropSchemas()
}

console.log(
  `${creators} creators: ${captures} captures, ${items} video observations; ${cpus().length} cores; worker batches of ${workerBatch}`,
)
console.log('| run | time | throughput |')
console.log('| --- | --- | --- |')
for (const r of results) console.log(r)
