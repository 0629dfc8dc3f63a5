/**
 * SQLite and PostgreSQL in the same run: the ingestion benchmark (bench/ingest.bench.ts, spawned
 * with --db) at several worker counts, then the read routes of the API benchmark against a real
 * server process on each database over the same demo data set, with the PostgreSQL/SQLite ratio.
 *
 *   npm run bench:pg -- [--pg postgres://…] [--creators 10000] [--duration 5] [--connections 10]
 *                       [--ingest-creators 400] [--workers 0,1,2] [--runs 3] [--rounds 3]
 *                       [--skip-ingest] [--skip-api]
 *
 * --runs: ingest runs per worker count (median shown); --rounds: alternating SQLite/PostgreSQL
 * rounds per uncached route (medians). "CPU ms/req" counts the server process's CPU and, on
 * PostgreSQL, its backends' (found by application_name): unlike req/s, it hardly depends on
 * what else the machine is running.
 *
 * The API data set is built once (seedDemo, the real pipeline, one reference time for both) into
 * bench/out/pg-bench-N.db and the PostgreSQL schema bench_api_N, and reused by later runs.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import { thinSnapshots } from '../src/admin/thin-snapshots.js'
import { openDatabase } from '../src/db/open.js'
import { seedDemo } from '../src/demo/seed-demo.js'
import { prepareInline } from '../src/ingest/pipeline.js'
import { createPreparePool, defaultWorkerCount } from '../src/ingest/prepare-pool.js'
import { rederiveIfStale } from '../src/ingest/rederive.js'
import { rescrubIfStale } from '../src/ingest/rescrub-captures.js'
import { cpuOf, cpuUsed, procCpu } from './process-cpu.js'

const { values } = parseArgs({
  options: {
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    creators: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    'ingest-creators': { type: 'string', default: '400' },
    workers: { type: 'string', default: '0,1,2' },
    runs: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    'skip-ingest': { type: 'boolean', default: false },
    'skip-api': { type: 'boolean', default: false },
  },
})
const PG_URL = values.pg
const creators = Number(values.creators)
const duration = Number(values.duration)
const connections = Number(values.connections)
const runs = Number(values.runs)
const rounds = Number(values.rounds)
const CLI = new URL('../src/cli/main.ts', import.meta.url).pathname
const INGEST = new URL('./ingest.bench.ts', import.meta.url).pathname
const outDir = new URL('./out/', import.meta.url)
const sqlitePath = new URL(`pg-bench-${creators}.db`, outDir).pathname
const metaPath = new URL(`pg-bench-${creators}.json`, outDir).pathname
const pgSchema = `bench_api_${creators}`

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
}
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

async function pgQuery<R extends pg.QueryResultRow>(text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  try {
    return (await client.query<R>(text, params)).rows
  } finally {
    await client.end()
  }
}

const pgSchemaUrl = (schema: string) => {
  const u = new URL(PG_URL)
  u.searchParams.set('options', `-c search_path=${schema}`)
  return u.href
}

// ─── Ingestion ───────────────────────────────────────────────────────────────────────────────

interface IngestRun {
  rate: number
  nodeCpu: number
  pgCpu: number
  items: number
}

async function ingestOnce(workers: number, onPg: boolean): Promise<IngestRun> {
  const args = ['--import', 'tsx', INGEST, '--creators', values['ingest-creators'], '--workers']
  args.push(String(workers), ...(onPg ? ['--db', PG_URL] : []))
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString()
  })
  // The run's PostgreSQL backends, found by the application_name ingest.bench.ts sets.
  const backendCpu = new Map<number, number>()
  const poll = setInterval(async () => {
    if (!onPg) return
    try {
      const rows = await pgQuery<{ pid: number }>(
        `select pid from pg_stat_activity where application_name = 'toklytics-bench-ingest'`,
      )
      for (const { pid } of rows)
        backendCpu.set(pid, Math.max(backendCpu.get(pid) ?? 0, procCpu(pid)))
    } catch {}
  }, 200)
  const [code] = (await once(child, 'exit')) as [number | null]
  clearInterval(poll)
  if (code !== 0) throw new Error(`ingest bench exited with ${code}:\n${out}`)
  const rate = Number(/pipeline: [\d.]+ s = (\d+) videos\/s/.exec(out)?.[1])
  const items = Number(/captures, (\d+) video observations/.exec(out)?.[1])
  return {
    rate,
    items,
    // The child's own CPU includes generating the captures before timing: the pipeline's share
    // (all threads) is the figure the child prints.
    nodeCpu: Number(/node cpu: ([\d.]+) s/.exec(out)?.[1]),
    pgCpu: [...backendCpu.values()].reduce((a, b) => a + b, 0),
  }
}

async function ingestBenchmark(): Promise<void> {
  const workerCounts = values.workers.split(',').map(Number)
  console.log(
    `\n## Ingestion: ${values['ingest-creators']} demo creators, ${runs} runs each (median), SQLite and PostgreSQL interleaved\n`,
  )
  console.log(
    '| workers | SQLite videos/s | PostgreSQL videos/s | PG / SQLite | SQLite videos per CPU-s (node) | PG videos per CPU-s (node + backends) | PG CPU-s node / backends |',
  )
  console.log('|---|---|---|---|---|---|---|')
  for (const w of workerCounts) {
    const sqlite: IngestRun[] = []
    const postgres: IngestRun[] = []
    for (let i = 0; i < runs; i++) {
      sqlite.push(await ingestOnce(w, false))
      postgres.push(await ingestOnce(w, true))
    }
    const s = median(sqlite.map((r) => r.rate))
    const p = median(postgres.map((r) => r.rate))
    const perCpu = (r: IngestRun) => r.items / (r.nodeCpu + r.pgCpu)
    const pNode = median(postgres.map((r) => r.nodeCpu))
    const pPg = median(postgres.map((r) => r.pgCpu))
    console.log(
      `| ${w} | ${fmt(s)} (${sqlite.map((r) => fmt(r.rate)).join(' / ')}) | ${fmt(p)} (${postgres.map((r) => fmt(r.rate)).join(' / ')}) | ${(p / s).toFixed(2)} | ${fmt(median(sqlite.map(perCpu)))} | ${fmt(median(postgres.map(perCpu)))} | ${pNode.toFixed(1)} / ${pPg.toFixed(1)} |`,
    )
  }
}

// ─── Read API ────────────────────────────────────────────────────────────────────────────────

async function pgSchemaExists(schema: string): Promise<boolean> {
  const rows = await pgQuery('select 1 from pg_namespace where nspname = $1', [schema])
  return rows.length === 1
}

async function buildDataSets(): Promise<number> {
  if (existsSync(sqlitePath) && existsSync(metaPath) && (await pgSchemaExists(pgSchema))) {
    return (JSON.parse(readFileSync(metaPath, 'utf8')) as { nowMs: number }).nowMs
  }
  mkdirSync(outDir, { recursive: true })
  const nowMs = Date.now()
  const building = `${pgSchema}_building`
  await pgQuery(`drop schema if exists ${pgSchema} cascade`)
  await pgQuery(`drop schema if exists ${building} cascade`)
  await pgQuery(`create schema ${building}`)
  for (const [name, url] of [
    ['SQLite', `sqlite:${sqlitePath}.building`],
    ['PostgreSQL', pgSchemaUrl(building)],
  ] as const) {
    const database = await openDatabase(url)
    // An empty database records that its (no) derived rows follow today's rules, as `toklytics`
    // does on open: otherwise the first server start re-derives and re-scrubs the whole data set
    // (minutes: the server never became ready within the benchmark's minute).
    await rederiveIfStale(database)
    await rescrubIfStale(database)
    const pool = createPreparePool(defaultWorkerCount(), prepareInline)
    const started = Date.now()
    let last = 0
    await seedDemo(database, {
      creators,
      seed: 42,
      nowMs,
      preparer: pool.prepare,
      onProgress: (done) => {
        if (done - last >= creators / 10 || done === creators) {
          last = done
          console.error(
            `${name} data set: ${done}/${creators} creators, ${((Date.now() - started) / 1000).toFixed(0)} s`,
          )
        }
      },
    })
    await pool.close()
    await database.close()
  }
  // Fresh statistics and visibility maps, as a database that has been running would have.
  const tables = await pgQuery<{ t: string }>(
    `select format('%I.%I', schemaname, tablename) as t from pg_tables where schemaname = $1`,
    [building],
  )
  for (const { t } of tables) await pgQuery(`vacuum (analyze) ${t}`)
  await pgQuery(`alter schema ${building} rename to ${pgSchema}`)
  renameSync(`${sqlitePath}.building`, sqlitePath)
  writeFileSync(metaPath, JSON.stringify({ nowMs }))
  return nowMs
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

async function startServer(dbUrl: string, cached: boolean): Promise<Server> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TOKLYTICS_DEMO: 'off',
    LOG_LEVEL: 'warn',
    TOKLYTICS_RATE_LIMIT: 'off',
    TOKLYTICS_RESPONSE_CACHE_MB: cached ? '64' : '0',
  }
  // One process per database, nothing shared: no Redis tier, no replica.
  delete env.REDIS_URL
  delete env.DATABASE_READ_URL
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, '--db', dbUrl, 'serve', '--port', String(port)],
    { env, stdio: ['ignore', 'inherit', 'inherit'] },
  )
  const backends = dbUrl.startsWith('postgres')
    ? new URL(dbUrl).searchParams.get('application_name')
    : null
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`)
      if (res.ok) return { port, child, backends }
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill()
  throw new Error('the server did not start')
}

interface Server {
  port: number
  child: ChildProcess
  /** application_name of its PostgreSQL connections (null: SQLite, in-process). */
  backends: string | null
}

/** CPU seconds of the server process and of its PostgreSQL backends, per pid. */
async function serverCpu(server: Server): Promise<Map<number, number>> {
  const pids = server.child.pid === undefined ? [] : [server.child.pid]
  if (server.backends !== null) {
    const rows = await pgQuery<{ pid: number }>(
      'select pid from pg_stat_activity where application_name = $1',
      [server.backends],
    )
    pids.push(...rows.map((r) => r.pid))
  }
  return cpuOf(pids)
}

interface Measured {
  rps: number
  p50: number
  p99: number
  non2xx: number
  /** CPU milliseconds per request: the server process, plus its backends on PostgreSQL. */
  cpuMs: number
  /** Of which the PostgreSQL backends'. */
  backendMs: number
}

async function measure(server: Server, path: string): Promise<Measured> {
  const before = await serverCpu(server)
  const r = await autocannon({
    url: `http://127.0.0.1:${server.port}${path}`,
    connections,
    duration,
  })
  const used = cpuUsed(before, await serverCpu(server), server.child.pid)
  const cpu = used.all
  const backends = used.others
  const perRequest = (seconds: number) => (seconds * 1000) / Math.max(1, r.requests.total)
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    cpuMs: perRequest(cpu),
    backendMs: perRequest(backends),
  }
}

/** The median of each figure over rounds. */
function medianOf(rounds: Measured[]): Measured {
  const m = (f: (x: Measured) => number) => median(rounds.map(f))
  return {
    rps: m((x) => x.rps),
    p50: m((x) => x.p50),
    p99: m((x) => x.p99),
    non2xx: rounds.reduce((n, x) => n + x.non2xx, 0),
    cpuMs: m((x) => x.cpuMs),
    backendMs: m((x) => x.backendMs),
  }
}

async function pick(): Promise<{ username: string; hashtag: string; videoId: string }> {
  const db = new BetterSqlite3(sqlitePath, { readonly: true })
  try {
    const creator = db
      .prepare(
        `select id, username from creators where tier = 'mid' and username is not null order by id limit 1`,
      )
      .get() as { id: string; username: string }
    const tag = db
      .prepare('select name from hashtags order by tracked_video_count desc limit 1')
      .get() as { name: string }
    const video = db
      .prepare('select id from videos where creator_id = ? order by plays desc limit 1')
      .get(creator.id) as { id: string }
    return { username: creator.username, hashtag: tag.name, videoId: video.id }
  } finally {
    db.close()
  }
}

async function sizes(): Promise<void> {
  const tables = [
    'video_snapshots',
    'creator_snapshots',
    'videos',
    'creators',
    'captures',
    'video_hashtags',
    'creator_terms',
    'creator_hashtags',
    'creator_niches',
    'hashtags',
    'sounds',
  ]
  const sqlite = new BetterSqlite3(sqlitePath, { readonly: true })
  const dbstat = new Map<string, number>()
  try {
    // Every b-tree of a table (its indexes too), as pg_total_relation_size counts them.
    const rows = sqlite
      .prepare(
        `select coalesce(m.tbl_name, s.name) as t, sum(s.pgsize) as bytes from dbstat s
         left join sqlite_schema m on m.name = s.name group by 1`,
      )
      .all() as Array<{ t: string; bytes: number }>
    for (const r of rows) dbstat.set(r.t, r.bytes)
  } catch {}
  console.log(`\n## Sizes (${fmt(creators)} demo creators)\n`)
  console.log(
    '| table | rows | PostgreSQL total (heap + indexes + TOAST) | bytes/row | SQLite (dbstat) | bytes/row |',
  )
  console.log('|---|---|---|---|---|---|')
  let pgTotal = 0
  for (const t of tables) {
    const [row] = await pgQuery<{ n: string; bytes: string }>(
      `select (select count(*) from ${pgSchema}.${t}) as n,
        coalesce((select sum(pg_total_relation_size(relid)) from pg_partition_tree('${pgSchema}.${t}')),
          pg_total_relation_size('${pgSchema}.${t}')) as bytes`,
    )
    const n = Number(row?.n ?? 0)
    const bytes = Number(row?.bytes ?? 0)
    pgTotal += bytes
    const sBytes = dbstat.get(t) ?? 0
    console.log(
      `| ${t} | ${fmt(n)} | ${(bytes / 1e6).toFixed(1)} MB | ${n ? fmt(bytes / n) : '—'} | ${(sBytes / 1e6).toFixed(1)} MB | ${n ? fmt(sBytes / n) : '—'} |`,
    )
  }
  sqlite.close()
  console.log(
    `\nPostgreSQL schema total ${(pgTotal / 1e6).toFixed(0)} MB; SQLite file ${(statSync(sqlitePath).size / 1e6).toFixed(0)} MB`,
  )
}

async function retentionScan(nowMs: number): Promise<void> {
  console.log('\n## Retention scan (dry run, keys older than the 30-day horizon; a year later)\n')
  for (const [name, url] of [
    ['SQLite', `sqlite:${sqlitePath}`],
    ['PostgreSQL', pgSchemaUrl(pgSchema)],
  ] as const) {
    const database = await openDatabase(url)
    try {
      const started = performance.now()
      // A year after the data set, every snapshot is past the horizon: the whole table is read.
      const s = await thinSnapshots(database, {
        now: Math.floor(nowMs / 1000) + 365 * 86_400,
        dryRun: true,
      })
      const ms = performance.now() - started
      const examined = s.creator_snapshots.examined + s.video_snapshots.examined
      const deleted = s.creator_snapshots.deleted + s.video_snapshots.deleted
      console.log(
        `- ${name}: ${fmt(examined)} keys examined in ${(ms / 1000).toFixed(1)} s (${fmt((examined / ms) * 1000)} keys/s), ${fmt(deleted)} would be deleted`,
      )
    } finally {
      await database.close()
    }
  }
}

async function apiBenchmark(): Promise<void> {
  const nowMs = await buildDataSets()
  const { username, hashtag, videoId } = await pick()
  const routes = [
    { name: 'healthz (ceiling)', path: '/healthz', single: false },
    { name: 'creator detail', path: `/api/v1/creators/${username}`, single: true },
    { name: 'video detail', path: `/api/v1/videos/${videoId}`, single: true },
    { name: 'creator history', path: `/api/v1/creators/${username}/history`, single: true },
    { name: 'video history', path: `/api/v1/videos/${videoId}/history`, single: true },
    { name: 'creator search q=fitness', path: '/api/v1/creators/search?q=fitness', single: false },
    {
      name: `video search hashtag=${hashtag}`,
      path: `/api/v1/videos/search?hashtag=${hashtag}`,
      single: false,
    },
    { name: 'trending videos', path: '/api/v1/videos/trending', single: false },
    {
      name: 'niche report fitness',
      path: '/api/v1/analytics/niche-report?niche=fitness',
      single: false,
    },
    {
      name: 'campaign planner',
      path: '/api/v1/analytics/campaign-planner?budget=50000&niche=fitness',
      single: false,
    },
  ]
  console.log(
    `\n## Read API: ${fmt(creators)} demo creators, autocannon ${connections} connections × ${duration} s per route, SQLite and PostgreSQL alternating, median of ${rounds} rounds uncached (1 cached)\n`,
  )
  for (const cached of [false, true]) {
    const sqlite = await startServer(`sqlite:${sqlitePath}`, cached)
    const pgUrl = new URL(pgSchemaUrl(pgSchema))
    pgUrl.searchParams.set('application_name', `toklytics-bench-api-${process.pid}`)
    const postgres = await startServer(pgUrl.href, cached)
    try {
      for (const server of [sqlite, postgres]) {
        for (const r of routes) {
          for (let i = 0; i < 3; i++) {
            const res = await fetch(`http://127.0.0.1:${server.port}${r.path}`)
            if (!res.ok) throw new Error(`${r.path}: ${res.status}`)
            await res.arrayBuffer()
          }
        }
      }
      console.log(
        `\n${cached ? 'response cache on (64 MB)' : 'response cache off (TOKLYTICS_RESPONSE_CACHE_MB=0)'}\n`,
      )
      console.log(
        '| route | SQLite req/s | p50 / p99 ms | CPU ms/req | PostgreSQL req/s | p50 / p99 ms | CPU ms/req (node + backends) | PG / SQLite req/s | PG / SQLite CPU per req |',
      )
      console.log('|---|---|---|---|---|---|---|---|---|')
      for (const r of routes) {
        // Alternating rounds, so that a burst of load from elsewhere hits both databases.
        const sRounds: Measured[] = []
        const pRounds: Measured[] = []
        for (let i = 0; i < (cached ? 1 : rounds); i++) {
          sRounds.push(await measure(sqlite, r.path))
          pRounds.push(await measure(postgres, r.path))
        }
        const s = medianOf(sRounds)
        const p = medianOf(pRounds)
        const ratio = p.rps / s.rps
        const cpuRatio = p.cpuMs / s.cpuMs
        const flag = r.single ? (cpuRatio <= 2 ? ' (within 2×)' : ' (**beyond 2×**)') : ''
        const errors = s.non2xx + p.non2xx > 0 ? ` non-2xx ${s.non2xx}/${p.non2xx}` : ''
        console.log(
          `| ${r.name} | ${fmt(s.rps)} | ${s.p50} / ${s.p99} | ${s.cpuMs.toFixed(2)} | ${fmt(p.rps)} | ${p.p50} / ${p.p99} | ${p.cpuMs.toFixed(2)} (${(p.cpuMs - p.backendMs).toFixed(2)} + ${p.backendMs.toFixed(2)}) | ${ratio.toFixed(2)} | ${cpuRatio.toFixed(2)}${flag}${errors} |`,
        )
      }
    } finally {
      for (const s of [sqlite, postgres]) {
        s.child.kill()
        await once(s.child, 'exit')
      }
    }
  }
  await sizes()
  await retentionScan(nowMs)
}

const [server] = await pgQuery<{ v: string }>(`select current_setting('server_version') as v`)
console.log(
  `node ${process.version}, PostgreSQL ${server?.v}, ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
)
if (!values['skip-ingest']) await ingestBenchmark()
if (!values['skip-api']) await apiBenchmark()
