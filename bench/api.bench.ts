/**
 * Read API benchmark: autocannon against a real server process on a large demo data set, with
 * the trivial `/healthz` route of the same server measured in the same run as the ceiling.
 *
 *   npm run bench:api -- [--creators 100000] [--duration 10] [--connections 10] [--build-only]
 *
 * The data set is built once (through the real ingestion pipeline) into bench/out/ and reused.
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
import { openDatabase } from '../src/db/open.js'
import { seedDemo } from '../src/demo/seed-demo.js'
import { prepareInline } from '../src/ingest/pipeline.js'
import { createPreparePool, defaultWorkerCount } from '../src/ingest/prepare-pool.js'

const { values } = parseArgs({
  options: {
    creators: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'build-only': { type: 'boolean', default: false },
  },
})
const creators = Number(values.creators)
const duration = Number(values.duration)
const connections = Number(values.connections)
const outDir = new URL('./out/', import.meta.url)
const dbPath = new URL(`api-${creators}.db`, outDir).pathname

async function buildDataSet(): Promise<void> {
  if (existsSync(dbPath)) return
  mkdirSync(outDir, { recursive: true })
  const building = `${dbPath}.building`
  const database = await openDatabase(`sqlite:${building}`)
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
  renameSync(building, dbPath)
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
    ['dist/cli/main.js', '--db', `sqlite:${dbPath}`, 'serve', '--port', String(port)],
    {
      env: {
        ...process.env,
        TOKLYTICS_DEMO: 'off',
        LOG_LEVEL: 'warn',
        // A benchmark is one greedy client: the rate limits would measure themselves.
        TOKLYTICS_RATE_LIMIT: 'off',
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

async function pick(): Promise<{ username: string; hashtag: string }> {
  const database = await openDatabase(`sqlite:${dbPath}`)
  try {
    const creator = await database.db
      .selectFrom('creators')
      .select('username')
      .where('tier', '=', 'mid')
      .where('username', 'is not', null)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow()
    const tag = await database.db
      .selectFrom('hashtags')
      .select('name')
      .orderBy('tracked_video_count', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    return { username: creator.username ?? '', hashtag: tag.name }
  } finally {
    await database.close()
  }
}

interface Row {
  name: string
  path: string
  target: number
  kind: 'ceiling' | 'single' | 'search' | 'analytics'
}

async function measure(port: number, path: string) {
  const result = await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections, duration })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  }
}

await buildDataSet()
if (values['build-only']) process.exit(0)
const { username, hashtag } = await pick()
const rows: Row[] = [
  { name: 'healthz (ceiling)', path: '/healthz', target: 0, kind: 'ceiling' },
  { name: 'creator', path: `/api/v1/creators/${username}`, target: 10, kind: 'single' },
  {
    name: 'creator search q=fitness',
    path: '/api/v1/creators/search?q=fitness',
    target: 25,
    kind: 'search',
  },
  {
    name: `video search hashtag=${hashtag}`,
    path: `/api/v1/videos/search?hashtag=${hashtag}`,
    target: 25,
    kind: 'search',
  },
  {
    // A word of one demo caption (art niche): the description text index at work.
    name: 'video search q=palette',
    path: '/api/v1/videos/search?q=palette',
    target: 25,
    kind: 'search',
  },
  { name: 'trending videos', path: '/api/v1/videos/trending', target: 25, kind: 'search' },
  {
    name: 'niche report fitness',
    path: '/api/v1/analytics/niche-report?niche=fitness',
    target: 50,
    kind: 'analytics',
  },
  {
    name: 'campaign planner',
    path: '/api/v1/analytics/campaign-planner?budget=50000&niche=fitness',
    target: 50,
    kind: 'analytics',
  },
]
console.log(
  `node ${process.version}, ${creators} creators, autocannon ${connections} connections × ${duration} s per route`,
)
for (const cached of [true, false]) {
  const port = await freePort()
  const server = await startServer(port, cached)
  try {
    // Warm up JIT (and, in the cached pass, the cache) on every route first.
    for (const r of rows) await fetch(`http://127.0.0.1:${port}${r.path}`)
    const results = []
    for (const r of rows) results.push({ ...r, ...(await measure(port, r.path)) })
    const ceiling = results[0]?.rps ?? 1
    console.log(`\n${cached ? 'response cache on (default)' : 'response cache off'}\n`)
    console.log('| route | req/s | p50 ms | p99 ms | p99 target | % of ceiling | non-2xx |')
    console.log('|---|---|---|---|---|---|---|')
    for (const r of results) {
      const target =
        r.target === 0 ? '—' : `≤ ${r.target} ms ${r.p99 <= r.target ? 'met' : 'MISSED'}`
      console.log(
        `| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${target} | ${Math.round((100 * r.rps) / ceiling)} % | ${r.non2xx} |`,
      )
    }
  } finally {
    server.kill()
    await once(server, 'exit')
  }
}
