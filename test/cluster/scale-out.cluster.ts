/**
 * Scale-out proof on one machine (`npm run test:cluster`): two API processes in queue mode and
 * two workers on one PostgreSQL and one Redis, mixed read and ingest load from a separate
 * process, one API and one worker killed (SIGKILL) midway. Asserts: no request lost beyond the
 * killed API's in-flight ones, every accepted capture processed exactly once, one rate-limit
 * budget across the APIs, and the same answers from every API after the queue drains — equal to
 * what synchronous ingestion of the same captures gives.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { after, describe, it } from 'node:test'
import { createApiKey } from '../../src/admin/api-keys.js'
import { queueStats } from '../../src/db/capture-queue.js'
import type { Database } from '../../src/db/open.js'
import { ingestBatch } from '../../src/ingest/pipeline.js'
import { testDatabases } from '../support/databases.js'
import { loadBatch, loadEpochMs } from '../support/queue-load.js'
import { entityDump } from '../support/store-dump.js'
import { startWorker, type WorkerProcess } from '../support/worker-process.js'
import type { LoadReport } from './load-driver.js'

const CLI = new URL('../../src/cli/main.ts', import.meta.url).pathname
const DRIVER = new URL('./load-driver.ts', import.meta.url).pathname
const REDIS_URL = process.env.TOKLYTICS_TEST_REDIS_URL
const TOKEN = 'cluster-test-token'
const LANES = 4
const POOL = 12
const FREE_LIMIT = 20
/**
 * Each phase of the load (before the kills, after them) lasts at least this long and until this
 * many more ingest batches were acknowledged: about 15 s of load in all.
 */
const PHASE_MS = 7_000
const BATCHES_PER_PHASE = 30
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface ApiProcess {
  proc: ChildProcess
  url: string
  output(): string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const children: ChildProcess[] = []

/** `toklytics serve` in queue mode on a free port; resolves once it listens. */
async function startApi(dbUrl: string, env: Record<string, string>): Promise<ApiProcess> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, '--db', dbUrl, 'serve', '--port', '0'],
    {
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        TOKLYTICS_DEMO: 'off',
        TOKLYTICS_INGEST_MODE: 'queue',
        TOKLYTICS_INGEST_TOKEN: TOKEN,
        TOKLYTICS_RATE_ANON: '1000000',
        // The load driver reads from loopback: this machine's budget.
        TOKLYTICS_RATE_LOCAL: '1000000',
        TOKLYTICS_RATE_INGEST: '1000000',
        TOKLYTICS_RATE_FREE: String(FREE_LIMIT),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  children.push(proc)
  let output = ''
  proc.stderr?.on('data', (c: Buffer) => {
    output += c.toString('utf8')
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      output += `${line}\n`
      const m = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)
      if (m?.[1]) resolve(m[1])
    })
    void exited.then(() => reject(new Error(`the API exited before listening:\n${output}`)))
  })
  return { proc, url, output: () => output, exited }
}

/** The load driver as a child process; `progress()` is its latest report of progress. */
function startDriver(env: Record<string, string>) {
  const proc = spawn(process.execPath, ['--import', 'tsx', DRIVER], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  children.push(proc)
  let progress = { requests: 0, ingested: 0 }
  let report: LoadReport | undefined
  const waiters: Array<{ until: (p: typeof progress) => boolean; resolve: () => void }> = []
  createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    const msg = JSON.parse(line) as { progress?: typeof progress; report?: LoadReport }
    if (msg.progress) progress = msg.progress
    if (msg.report) report = msg.report
    for (const w of [...waiters]) {
      if (w.until(progress)) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve()
      }
    }
  })
  const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve))
  return {
    progress: () => progress,
    until: (until: (p: typeof progress) => boolean) =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ until, resolve })
        void exited.then(() => reject(new Error('the load driver ended first')))
      }),
    async stop(): Promise<LoadReport> {
      proc.stdin?.end('stop\n')
      assert.equal(await exited, 0)
      assert.ok(report, 'the driver printed its report')
      return report
    },
  }
}

async function drained(database: Database): Promise<void> {
  while ((await queueStats(database.db)).depth > 0) await new Promise((r) => setTimeout(r, 100))
}

/** A creator as an API answers it, without what differs per request. */
async function creatorAnswer(api: string, username: string): Promise<unknown> {
  const res = await fetch(`${api}/api/v1/creators/${username}`)
  const body = (await res.json()) as { data?: unknown }
  return { status: res.status, data: body.data }
}

after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
})

const pg = testDatabases().find((t) => t.name === 'postgres')
if (pg === undefined || REDIS_URL === undefined) {
  console.log(
    '# cluster test skipped: it needs TOKLYTICS_TEST_PG_URL and TOKLYTICS_TEST_REDIS_URL (PostgreSQL and Redis, as .ci/run sets them)',
  )
} else {
  const target = pg
  describe('scale-out: 2 APIs + 2 workers on one PostgreSQL and one Redis', () => {
    after(() => target.cleanup())

    it('survives losing an API and a worker: nothing lost, every capture processed once, one budget, one answer', {
      timeout: 180_000,
    }, async (t) => {
      const database = await target.open()
      after(() => database.close())
      const dbUrl = target.url()
      const epochMs = loadEpochMs()
      const env = { REDIS_URL, TOKLYTICS_REDIS_PREFIX: `cluster-${process.pid}-${Date.now()}:` }
      const { key } = await createApiKey(database.db, {
        name: 'shared budget',
        tier: 'free',
        now: 1,
      })

      const workers: WorkerProcess[] = [0, 1].map(() => startWorker(dbUrl, ['--batch', '20']))
      const [a, b] = await Promise.all([startApi(dbUrl, env), startApi(dbUrl, env)])
      assert.ok(a && b)
      for (const w of workers) await w.waitForLog((l) => l.msg === 'worker started')

      // One budget across both APIs: a free key's requests alternate between them.
      const statuses: number[] = []
      for (let i = 0; i < FREE_LIMIT + 4; i++) {
        const api = i % 2 === 0 ? a : b
        const res = await fetch(`${api.url}/api/v1/creators/search?q=x`, {
          headers: { 'x-toklytics-key': key },
        })
        await res.arrayBuffer()
        statuses.push(res.status)
      }
      assert.deepEqual(statuses, [
        ...Array<number>(FREE_LIMIT).fill(200),
        ...Array<number>(4).fill(429),
      ])

      const driver = startDriver({
        LOAD_APIS: `${a.url},${b.url}`,
        LOAD_TOKEN: TOKEN,
        LOAD_EPOCH_MS: String(epochMs),
        LOAD_LANES: String(LANES),
        LOAD_POOL: String(POOL),
      })
      const [doomedWorker, survivor] = workers
      assert.ok(doomedWorker && survivor)
      await Promise.all([
        driver.until((p) => p.ingested >= BATCHES_PER_PHASE),
        doomedWorker.waitForLog((l) => l.msg === 'batch committed'),
        sleep(PHASE_MS),
      ])
      a.proc.kill('SIGKILL')
      doomedWorker.proc.kill('SIGKILL')
      assert.equal((await a.exited).signal, 'SIGKILL')
      assert.equal((await doomedWorker.exited).signal, 'SIGKILL')
      const atKill = driver.progress().ingested
      await Promise.all([
        driver.until((p) => p.ingested >= atKill + BATCHES_PER_PHASE),
        sleep(PHASE_MS),
      ])
      const report = await driver.stop()
      const loadEnded = performance.now()
      t.diagnostic(
        `${report.requests} requests (${JSON.stringify(report.answers)}), ${report.batches.length} ingest batches; failed attempts: ${JSON.stringify(report.failedAttempts)}`,
      )

      // No request lost: every one was answered (by the survivor when the killed API failed
      // it); only requests to the killed API failed, at most one per lane (its in-flight ones).
      assert.equal(report.answers.none, undefined)
      assert.deepEqual(report.badAnswers, [])
      for (const f of report.failedAttempts) assert.equal(f.api, a.url)
      assert.ok(report.failedAttempts.length <= LANES, `${report.failedAttempts.length} failed`)
      for (const batch of report.batches) assert.equal(batch.attempts.at(-1), 202)

      // Every accepted capture processed exactly once.
      await drained(database)
      t.diagnostic(`queue drained ${Math.round(performance.now() - loadEnded)} ms after the load`)
      survivor.proc.kill('SIGTERM')
      assert.deepEqual(await survivor.exited, { code: 0, signal: null }, survivor.stderr())
      const rows = await database.db
        .selectFrom('captures')
        .select(['id', 'content_hash', 'status', 'process_count', 'processed_by'])
        .execute()
      const byHash = new Map(rows.map((r) => [r.content_hash, r]))
      const acknowledged = report.batches.flatMap((bt) => bt.capture_ids)
      const ids = new Set(rows.map((r) => r.id))
      for (const id of acknowledged) assert.ok(ids.has(id), `capture ${id} was acknowledged`)
      for (const r of rows) assert.deepEqual([r.status, r.process_count], ['parsed', 1])
      const sent = report.batches
        .map((bt) => loadBatch(bt.seq, epochMs, POOL))
        .sort((x, y) => x.seq - y.seq)
      for (const bt of sent)
        for (const h of bt.hashes) assert.ok(byHash.has(h), `capture ${h} stored`)
      assert.equal(rows.length, sent.length * 6)
      // Each capture in at most one worker's committed batches; any the logs miss were committed
      // by the killed worker just before it died.
      const logged = workers.flatMap((w) => w.committedIds())
      assert.equal(new Set(logged).size, logged.length, 'no capture committed twice')
      const doomedName = doomedWorker.lines.find((l) => l.msg === 'worker started')?.worker
      const unlogged = rows.filter((r) => !logged.includes(r.id))
      for (const r of unlogged) assert.equal(r.processed_by, doomedName)
      t.diagnostic(
        `captures: ${rows.length}; by worker: ${workers.map((w) => w.committedIds().length).join(' + ')} (+${unlogged.length} committed unlogged by the killed one)`,
      )

      // The same store as synchronous ingestion of the same captures.
      const reference = await target.open()
      try {
        for (const bt of sent)
          await ingestBatch(
            { database: reference, now: Date.now },
            { captures: bt.captures, contributor: 'static' },
          )
        assert.deepEqual(await entityDump(database), await entityDump(reference))
      } finally {
        await reference.close()
      }

      // Consistent reads: the surviving API and a fresh one answer alike for every creator.
      const fresh = await startApi(dbUrl, env)
      const usernames = Array.from({ length: POOL }, (_, i) => `queue_load_${i}`)
      let answers: Array<[unknown, unknown]> = []
      // The survivor's cache notices the workers' last writes within its poll (a second).
      for (let attempt = 0; attempt < 50; attempt++) {
        answers = await Promise.all(
          usernames.map(
            async (u) =>
              [await creatorAnswer(b.url, u), await creatorAnswer(fresh.url, u)] as [
                unknown,
                unknown,
              ],
          ),
        )
        if (answers.every(([x, y]) => JSON.stringify(x) === JSON.stringify(y))) break
        await new Promise((r) => setTimeout(r, 100))
      }
      for (const [x, y] of answers) assert.deepEqual(x, y)
      for (const [x] of answers) assert.equal((x as { status: number }).status, 200)
      for (const api of [b, fresh]) {
        api.proc.kill('SIGTERM')
        assert.deepEqual(await api.exited, { code: 0, signal: null }, api.output())
      }
    })
  })
}
