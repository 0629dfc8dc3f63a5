/**
 * Read API benchmark: autocannon against a real server process on a large demo data set, with
 * the trivial `/healthz` route of the same server measured in the same run as the ceiling.
 *
 *   npm run bench:api -- [--creators 100000] [--duration 10] [--connections 10] [--build-only]
 *                        [--live 2] [--passes cached,uncached] [--routes creator,trending]
 *                        [--pg postgres://…] [--live-batch CREATORS]
 *
 * Every read operation of the contract is measured (17, plus the two history routes).
 * `--live N` is the production case: while the routes are read, a writer uploads N batches of
 * fresh captures a second to the same server (new creators' profiles and video lists, as the
 * extension sends them), so every write invalidates what the cache held; `/healthz` is then also
 * measured before the writer starts, so its p99 under ingestion can be set against its idle one.
 *
 * The data set is built once (through the real ingestion pipeline) into bench/out/ and reused;
 * with `--pg URL`, into the PostgreSQL schema bench_live_N of that database, and served from it.
 * Every route is measured twice, each pass on its own server with its own ceiling: with the
 * response cache (the default; repeated reads of one URL are answered from memory) and without
 * it (TOKLYTICS_RESPONSE_CACHE_MB=0: every request computed from the database).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { createServer } from 'node:net'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import pg from 'pg'
import { openDatabase } from '../src/db/open.js'
import { generateDemoCaptures } from '../src/demo/demo-captures.js'
import { seedDemo } from '../src/demo/seed-demo.js'
import { prepareInline } from '../src/ingest/pipeline.js'
import { createPreparePool, defaultWorkerCount } from '../src/ingest/prepare-pool.js'
import { rederiveIfStale } from '../src/ingest/rederive.js'
import { rescrubIfStale } from '../src/ingest/rescrub-captures.js'
import { cpuOf, cpuUsed } from './process-cpu.js'

const { values } = parseArgs({
  options: {
    creators: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'build-only': { type: 'boolean', default: false },
    live: { type: 'string', default: '0' },
    passes: { type: 'string', default: 'cached,uncached' },
    pg: { type: 'string' },
    'live-batch': { type: 'string', default: '1' },
    routes: { type: 'string' },
  },
})
const passes = values.passes.split(',').map((p) => p.trim() === 'cached')
/** Only the routes whose name contains one of these words (and always the ceiling). */
const routeFilter = values.routes?.split(',').map((w) => w.trim()) ?? null
const liveRate = Number(values.live)
const liveBatch = Number(values['live-batch'])
const TOKEN = 'bench-ingest-token'
const creators = Number(values.creators)
const duration = Number(values.duration)
const connections = Number(values.connections)
const outDir = new URL('./out/', import.meta.url)
const dbPath = new URL(`api-${creators}.db`, outDir).pathname
const pgSchema = `bench_live_${creators}`

/** A URL of `base` whose connections work in `schema`. */
function inSchema(base: string, schema: string): string {
  const u = new URL(base)
  u.searchParams.set('options', `-c search_path=${schema}`)
  return u.href
}
/** The server's PostgreSQL connections say who they are, so that their CPU can be read. */
const APPLICATION_NAME = 'toklytics-bench-api'
const dataUrl =
  values.pg === undefined
    ? `sqlite:${dbPath}`
    : (() => {
        const u = new URL(inSchema(values.pg, pgSchema))
        u.searchParams.set('application_name', APPLICATION_NAME)
        return u.href
      })()

async function pgSchemaExists(schema: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: values.pg })
  await client.connect()
  try {
    const { rows } = await client.query('select 1 from pg_namespace where nspname = $1', [schema])
    return rows.length > 0
  } finally {
    await client.end()
  }
}

async function pgSql(text: string, params: unknown[] = []): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: values.pg })
  await client.connect()
  try {
    return (await client.query(text, params)).rows
  } finally {
    await client.end()
  }
}

/** CPU seconds per pid of the server process and, on PostgreSQL, of its backends. */
async function serverCpu(server: ChildProcess): Promise<Map<number, number>> {
  const pids = server.pid === undefined ? [] : [server.pid]
  if (values.pg !== undefined) {
    const rows = await pgSql('select pid from pg_stat_activity where application_name = $1', [
      APPLICATION_NAME,
    ])
    pids.push(...rows.map((r) => Number(r.pid)))
  }
  return cpuOf(pids)
}

/** The data set's store while it is built, and what makes it the finished one. */
async function buildingStore(): Promise<{ url: string; finish(): Promise<void> } | null> {
  if (values.pg === undefined) {
    if (existsSync(dbPath)) return null
    mkdirSync(outDir, { recursive: true })
    const building = `${dbPath}.building`
    return { url: `sqlite:${building}`, finish: async () => renameSync(building, dbPath) }
  }
  if (await pgSchemaExists(pgSchema)) return null
  const building = `${pgSchema}_building`
  await pgSql(`drop schema if exists ${building} cascade; create schema ${building}`)
  return {
    url: inSchema(values.pg, building),
    // Planner statistics for the bulk-loaded tables first, as an operator would after an import.
    finish: async () => {
      await pgSql(`set search_path = ${building}; analyze`)
      await pgSql(`alter schema ${building} rename to ${pgSchema}`)
    },
  }
}

async function buildDataSet(): Promise<void> {
  const store = await buildingStore()
  if (store === null) return
  const database = await openDatabase(store.url)
  // An empty database records that its (no) derived rows follow today's rules, as `toklytics`
  // does on open: otherwise the first server start would re-derive the whole data set.
  await rederiveIfStale(database)
  await rescrubIfStale(database)
  const pool = createPreparePool(defaultWorkerCount(), prepareInline)
  const started = Date.now()
  let last = 0
  await seedDemo(database, {
    creators,
    seed: 42,
    nowMs: Date.now(),
    preparer: pool.prepare,
    onProgress: (done) => {
      if (done - last >= creators / 20 || done === creators) {
        last = done
        console.error(
          `data set: ${done}/${creators} creators, ${((Date.now() - started) / 1000).toFixed(0)} s`,
        )
      }
    },
  })
  await pool.close()
  await database.close()
  await store.finish()
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

async function startServer(port: number, cached: boolean): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['dist/cli/main.js', '--db', dataUrl, 'serve', '--port', String(port)],
    {
      env: {
        ...process.env,
        TOKLYTICS_DEMO: 'off',
        LOG_LEVEL: 'warn',
        // A benchmark is one greedy client: the rate limits would measure themselves.
        TOKLYTICS_RATE_LIMIT: 'off',
        TOKLYTICS_INGEST_TOKEN: TOKEN,
        ...(cached ? {} : { TOKLYTICS_RESPONSE_CACHE_MB: '0' }),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  )
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`)
      if (res.ok) return child
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill()
  throw new Error('the server did not start')
}

/** Real keys of the data set for the routes that name one entity. */
interface Picks {
  username: string
  other: string
  hashtag: string
  videoId: string
  soundId: string
}

async function pick(): Promise<Picks> {
  const database = await openDatabase(dataUrl)
  try {
    const creators = await database.db
      .selectFrom('creators')
      .select(['id', 'username'])
      .where('tier', '=', 'mid')
      .where('username', 'is not', null)
      .orderBy('id')
      .limit(2)
      .execute()
    const [first, second] = creators
    if (first === undefined || second === undefined) throw new Error('the data set has no creators')
    const tag = await database.db
      .selectFrom('hashtags')
      .select('name')
      .orderBy('tracked_video_count', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    const video = await database.db
      .selectFrom('videos')
      .select(['id', 'music_id'])
      .where('creator_id', '=', first.id)
      .where('music_id', 'is not', null)
      .orderBy('posted_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    return {
      username: first.username ?? '',
      other: second.username ?? '',
      hashtag: tag.name,
      videoId: video.id,
      soundId: video.music_id ?? '',
    }
  } finally {
    await database.close()
  }
}

/**
 * Uploads `rate` batches a second of fresh demo captures (creators the data set does not hold,
 * another seed) until stopped; returns how many batches were accepted and refused.
 */
function liveIngestion(
  port: number,
  rate: number,
): { stop: () => Promise<{ ok: number; failed: number }> } {
  let running = true
  let ok = 0
  let failed = 0
  const batches = generateDemoCaptures({ creators: 1_000_000, seed: 4242, now: Date.now() / 1000 })
  const loop = (async () => {
    while (running) {
      const started = Date.now()
      // Each batch holds the captures of `--live-batch` creators (the extension sends up to 200).
      const groups = Array.from({ length: liveBatch }, () => batches.next())
      if (groups.some((g) => g.done === true)) break
      const captures = groups
        .flatMap((g) => g.value ?? [])
        .map((c) => ({
          url: c.url,
          observed_at: new Date(c.observed_at).toISOString(),
          body: c.body,
        }))
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/ingest`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ collector: { name: 'bench', version: '1' }, captures }),
        })
        await res.arrayBuffer()
        if (res.ok) ok++
        else failed++
      } catch {
        failed++
      }
      const wait = 1000 / rate - (Date.now() - started)
      if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    }
  })()
  return {
    async stop() {
      running = false
      await loop
      return { ok, failed }
    },
  }
}

interface Row {
  name: string
  path: string
  target: number
  kind: 'ceiling' | 'single' | 'search' | 'analytics'
}

async function measure(port: number, path: string, server: ChildProcess) {
  const before = await serverCpu(server)
  const result = await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections, duration })
  const used = cpuUsed(before, await serverCpu(server), server.pid)
  const perRequest = (seconds: number) => (seconds * 1000) / Math.max(1, result.requests.total)
  return {
    cpuMs: perRequest(used.all),
    backendMs: perRequest(used.others),
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    // Requests that never got an answer within autocannon's 10 s timeout, or failed outright.
    failed: result.errors + result.timeouts,
  }
}

/**
 * Waits until the server answers /healthz at once again: a slow route leaves requests queued
 * when its measurement ends, which would otherwise be charged to the next route.
 */
async function drain(port: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const started = performance.now()
    await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.arrayBuffer())
    if (performance.now() - started < 20) return
    await new Promise((r) => setTimeout(r, 100))
  }
}

await buildDataSet()
if (values['build-only']) process.exit(0)
const { username, other, hashtag, videoId, soundId } = await pick()
const api = '/api/v1'
const rows: Row[] = [
  { name: 'healthz (ceiling)', path: '/healthz', target: 0, kind: 'ceiling' },
  { name: 'creator', path: `${api}/creators/${username}`, target: 10, kind: 'single' },
  {
    name: 'creator videos',
    path: `${api}/creators/${username}/videos`,
    target: 10,
    kind: 'single',
  },
  {
    name: 'creator top content',
    path: `${api}/creators/${username}/top-content`,
    target: 10,
    kind: 'single',
  },
  {
    name: 'creator history',
    path: `${api}/creators/${username}/history`,
    target: 10,
    kind: 'single',
  },
  { name: 'video', path: `${api}/videos/${videoId}`, target: 10, kind: 'single' },
  { name: 'video history', path: `${api}/videos/${videoId}/history`, target: 10, kind: 'single' },
  { name: `hashtag ${hashtag}`, path: `${api}/hashtags/${hashtag}`, target: 10, kind: 'single' },
  { name: 'sound', path: `${api}/sounds/${soundId}`, target: 10, kind: 'single' },
  {
    name: 'creator search q=fitness',
    path: `${api}/creators/search?q=fitness`,
    target: 25,
    kind: 'search',
  },
  {
    name: `video search hashtag=${hashtag}`,
    path: `${api}/videos/search?hashtag=${hashtag}`,
    target: 25,
    kind: 'search',
  },
  {
    // A word of one demo caption (art niche): the description text index at work.
    name: 'video search q=palette',
    path: `${api}/videos/search?q=palette`,
    target: 25,
    kind: 'search',
  },
  {
    name: 'hashtag search q=fit',
    path: `${api}/hashtags/search?q=fit`,
    target: 25,
    kind: 'search',
  },
  {
    name: 'sound search q=original',
    path: `${api}/sounds/search?q=original`,
    target: 25,
    kind: 'search',
  },
  { name: 'trending videos', path: `${api}/videos/trending`, target: 25, kind: 'search' },
  { name: 'trending hashtags', path: `${api}/hashtags/trending`, target: 25, kind: 'search' },
  { name: 'trending sounds', path: `${api}/sounds/trending`, target: 25, kind: 'search' },
  {
    name: 'compare 2 creators',
    path: `${api}/analytics/creator-comparison?usernames=${username},${other}`,
    target: 50,
    kind: 'analytics',
  },
  {
    name: 'niche report fitness',
    path: `${api}/analytics/niche-report?niche=fitness`,
    target: 50,
    kind: 'analytics',
  },
  {
    name: 'campaign planner',
    path: `${api}/analytics/campaign-planner?budget=50000&niche=fitness`,
    target: 50,
    kind: 'analytics',
  },
  {
    name: 'platform stats',
    path: `${api}/analytics/platform-stats`,
    target: 50,
    kind: 'analytics',
  },
]
console.log(
  `node ${process.version}, ${creators} creators, autocannon ${connections} connections × ${duration} s per route, ` +
    (liveRate > 0 ? `live ingestion ${liveRate} batches/s` : 'no ingestion') +
    `, ${values.pg === undefined ? 'SQLite' : 'PostgreSQL'}`,
)
const measured = rows.filter(
  (r) =>
    r.kind === 'ceiling' || routeFilter === null || routeFilter.some((w) => r.name.includes(w)),
)
for (const cached of passes) {
  const port = await freePort()
  const server = await startServer(port, cached)
  try {
    // Warm up JIT (and, in the cached pass, the cache) on every route first.
    for (const r of measured) await fetch(`http://127.0.0.1:${port}${r.path}`)
    const idle = liveRate > 0 ? await measure(port, '/healthz', server) : null
    const writer = liveRate > 0 ? liveIngestion(port, liveRate) : null
    const results = []
    for (const r of measured) {
      results.push({ ...r, ...(await measure(port, r.path, server)) })
      await drain(port)
    }
    const written = await writer?.stop()
    const ceiling = results[0]?.rps ?? 1
    console.log(`\n${cached ? 'response cache on (default)' : 'response cache off'}\n`)
    if (written !== undefined) {
      console.log(`live ingestion: ${written.ok} batches accepted, ${written.failed} failed\n`)
    }
    if (idle !== null) {
      const live = results[0]
      console.log(
        `healthz idle: ${Math.round(idle.rps)} req/s, p50 ${idle.p50} ms, p99 ${idle.p99} ms; ` +
          `under ingestion p99 ${live?.p99} ms = ${((live?.p99 ?? 0) / Math.max(1, idle.p99)).toFixed(1)}× idle (target ≤ 2×)\n`,
      )
    }
    // Under live ingestion the server's CPU includes the writer's share, spread over the requests.
    console.log(
      '| route | req/s | p50 ms | p99 ms | p99 target | % of ceiling | CPU ms/req (of which PostgreSQL) | non-2xx | no answer |',
    )
    console.log('|---|---|---|---|---|---|---|---|---|')
    for (const r of results) {
      const target =
        r.target === 0 ? '—' : `≤ ${r.target} ms ${r.p99 <= r.target ? 'met' : 'MISSED'}`
      console.log(
        `| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${target} | ${Math.round((100 * r.rps) / ceiling)} % | ${r.cpuMs.toFixed(2)}${values.pg === undefined ? '' : ` (${r.backendMs.toFixed(2)})`} | ${r.non2xx} | ${r.failed} |`,
      )
    }
  } finally {
    server.kill()
    await once(server, 'exit')
  }
}
