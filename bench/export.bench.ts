/**
 * Whole-dataset export benchmark: `toklytics export video-snapshots --format csv` as a real
 * child process at 100k and at 1M snapshot rows (peak RSS from /proc/PID/status VmHWM, polled,
 * and rows/s), against a ceiling measured in the same run (the same keyset query reading the
 * same rows, nothing formatted or written), and the REST export of all videos
 * (GET /api/v1/videos/search?format=ndjson) from a real server on the large data set.
 *
 *   npm run bench:export -- [--pg postgres://…] [--videos 200000] [--snapshots 1000000]
 *
 * The data sets are filled by direct multi-row inserts (not through ingestion: the rows, not
 * their derivation, are what an export reads) into bench/out/ (SQLite) or the PostgreSQL
 * schemas bench_export_N of `--pg`, built once and reused. Bounded memory: peak RSS at 1M rows
 * about the same as at 100k.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { parseArgs } from 'node:util'
import type { Insertable } from 'kysely'
import pg from 'pg'
import { type Database, openDatabase } from '../src/db/open.js'
import type { DB } from '../src/db/schema.js'
import { videoSnapshotRecords } from '../src/queries/exports/snapshot-rows.js'
import { readContext } from '../src/queries/query-context.js'

const { values } = parseArgs({
  options: {
    pg: { type: 'string' },
    videos: { type: 'string', default: '200000' },
    snapshots: { type: 'string', default: '1000000' },
  },
})
const CLI = new URL('../src/cli/main.ts', import.meta.url).pathname
const outDir = new URL('./out/', import.meta.url)
const OUT_FILE = '/tmp/toklytics-export-bench.csv'
const CREATORS_PER_VIDEO = 10
/** Snapshots start here, one hour apart per video (all in the past, in a few partitions). */
const T0 = Date.UTC(2026, 9, 1) / 1000

interface Size {
  videos: number
  snapshots: number
}
const large: Size = { videos: Number(values.videos), snapshots: Number(values.snapshots) }
const small: Size = { videos: large.videos / 10, snapshots: large.snapshots / 10 }

function inSchema(base: string, schema: string): string {
  const u = new URL(base)
  u.searchParams.set('options', `-c search_path=${schema}`)
  return u.href
}

async function pgSql(text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: values.pg })
  await client.connect()
  try {
    return (await client.query(text)).rows
  } finally {
    await client.end()
  }
}

/** Inserts `count` rows made by `row(i)`, `per` rows a statement, in one transaction. */
async function fill<T extends 'creators' | 'videos' | 'video_snapshots'>(
  database: Database,
  table: T,
  count: number,
  per: number,
  row: (i: number) => Insertable<DB[T]>,
): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    for (let at = 0; at < count; at += per) {
      const rows = Array.from({ length: Math.min(per, count - at) }, (_, k) => row(at + k))
      await trx.insertInto(table).values(rows).execute()
    }
  })
}

const pad = (n: number) => String(n).padStart(12, '0')

/** Creators, videos (each by one creator) and `snapshots` spread evenly over the videos. */
async function build(url: string, size: Size): Promise<void> {
  const database = await openDatabase(url)
  try {
    const creators = Math.ceil(size.videos / CREATORS_PER_VIDEO)
    await fill(database, 'creators', creators, 500, (i) => ({
      id: `69${pad(i)}`,
      username: `bench.creator.${i}`,
      username_lower: `bench.creator.${i}`,
      sec_uid: null,
      nickname: `Bench Creator ${i}`,
      bio: 'a bench creator',
      verified: 0,
      region: 'US',
      avatar_url: null,
      private_account: 0,
      followers: 1000 + i,
      following: 10,
      total_likes: 50_000 + i,
      video_count: CREATORS_PER_VIDEO,
      profile_observed_at: T0,
      identity_observed_at: T0,
      first_seen_at: T0,
      last_updated: T0,
      is_demo: 0,
    }))
    await fill(database, 'videos', size.videos, 500, (i) => ({
      id: `74${pad(i)}`,
      creator_id: `69${pad(Math.floor(i / CREATORS_PER_VIDEO))}`,
      description: `bench video ${i} #bench`,
      search_text: `bench video ${i} #bench`,
      posted_at: T0 - 86_400,
      duration: 15,
      content_type: 'video',
      is_pinned: 0,
      is_ad: 0,
      music_id: null,
      plays: 10_000 + i,
      likes: 1000,
      comments: 100,
      shares: 10,
      saves: 5,
      reposts: null,
      region: 'US',
      details: '{}',
      observed_at: T0,
      first_seen_at: T0,
      is_demo: 0,
    }))
    const per = Math.ceil(size.snapshots / size.videos)
    await fill(database, 'video_snapshots', size.snapshots, 2000, (i) => ({
      video_id: `74${pad(Math.floor(i / per))}`,
      observed_at: T0 + (i % per) * 3600,
      plays: 10_000 + i,
      likes: 1000 + (i % 97),
      comments: 100,
      shares: i % 3 === 0 ? null : 10,
      saves: 5,
      reposts: null,
    }))
  } finally {
    await database.close()
  }
}

/** The URL of a built data set of `size` (built now when missing). */
async function dataset(size: Size): Promise<string> {
  const name = `export_${size.videos}_${size.snapshots}`
  if (values.pg === undefined) {
    mkdirSync(outDir, { recursive: true })
    const path = new URL(`${name}.db`, outDir).pathname
    if (!existsSync(path)) {
      const building = `${path}.building`
      rmSync(building, { force: true })
      const t = performance.now()
      await build(`sqlite:${building}`, size)
      renameSync(building, path)
      console.error(`built ${path} in ${((performance.now() - t) / 1000).toFixed(1)} s`)
    }
    return `sqlite:${path}`
  }
  const schema = `bench_${name}`
  const found = await pgSql(`select 1 from pg_namespace where nspname = '${schema}'`)
  if (found.length === 0) {
    const building = `${schema}_building`
    await pgSql(`drop schema if exists ${building} cascade; create schema ${building}`)
    const t = performance.now()
    await build(inSchema(values.pg, building), size)
    // Opening the database moved the rows out of the DEFAULT partition into month partitions;
    // vacuum what they left behind, as autovacuum would in a while.
    const client = new pg.Client({ connectionString: inSchema(values.pg, building) })
    await client.connect()
    await client.query('vacuum analyze')
    await client.end()
    await pgSql(`alter schema ${building} rename to ${schema}`)
    console.error(`built schema ${schema} in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  }
  return inSchema(values.pg, schema)
}

/** VmHWM (peak resident set) of a process in MB; null once it has exited. */
function peakRssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1]
    return kb === undefined ? null : Number(kb) / 1024
  } catch {
    return null
  }
}

/** Polls a child's VmHWM until it exits; the highest value read. */
async function watchPeak(child: ChildProcess): Promise<number> {
  let peak = 0
  const exited = once(child, 'exit')
  let done = false
  void exited.then(() => {
    done = true
  })
  while (!done) {
    const mb = child.pid === undefined ? null : peakRssMb(child.pid)
    if (mb !== null && mb > peak) peak = mb
    await new Promise((r) => setTimeout(r, 20))
  }
  const [code] = (await exited) as [number | null]
  if (code !== 0) throw new Error(`the child exited with ${code}`)
  return peak
}

interface Run {
  rows: number
  /** Wall time of the process, start-up (tsx compiling the CLI, ~3 s) included. */
  seconds: number
  /** The export's own time, from its summary line (database open to file in place). */
  exportSeconds: number
  peakMb: number
  bytes: number
}

/** (a) `toklytics export video-snapshots --format csv --out FILE` as a child process. */
async function cliExport(url: string, rows: number): Promise<Run> {
  rmSync(OUT_FILE, { force: true })
  const started = performance.now()
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CLI,
      '--db',
      url,
      'export',
      'video-snapshots',
      '--format',
      'csv',
      '--out',
      OUT_FILE,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  const peakMb = await watchPeak(child)
  const exportSeconds = Number(/rows in ([\d.]+) s/.exec(stderr)?.[1] ?? Number.NaN)
  const seconds = (performance.now() - started) / 1000
  const bytes = statSync(OUT_FILE).size
  const lines = readFileSync(OUT_FILE, 'utf8').split('\r\n').length - 2
  if (lines !== rows) throw new Error(`expected ${rows} rows, the file has ${lines}`)
  return { rows, seconds, exportSeconds, peakMb, bytes }
}

/** (b) The ceiling: the same keyset query over the same rows, in process, nothing written. */
async function ceiling(url: string): Promise<{ rows: number; seconds: number }> {
  const database = await openDatabase(url)
  try {
    const ctx = readContext(database, { now: () => 0, publicBaseUrl: 'http://x' })
    const started = performance.now()
    let rows = 0
    for await (const chunk of videoSnapshotRecords({ ctx, includeDemo: false })) {
      rows += chunk.length
    }
    return { rows, seconds: (performance.now() - started) / 1000 }
  } finally {
    await database.close()
  }
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  if (address === null || typeof address === 'string') throw new Error('no free port')
  return address.port
}

/** (c) The REST export of every video from a real server: rows/s and the server's VmHWM. */
async function restExport(
  url: string,
  videos: number,
): Promise<{ rows: number; seconds: number; before: number; after: number }> {
  const port = await freePort()
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, '--db', url, 'serve', '--port', String(port)],
    {
      env: {
        ...process.env,
        TOKLYTICS_DEMO: 'off',
        LOG_LEVEL: 'warn',
        TOKLYTICS_RATE_LIMIT: 'off',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  const base = `http://127.0.0.1:${port}`
  try {
    for (let i = 0; ; i++) {
      if (i > 1200) throw new Error('the server did not start')
      try {
        if ((await fetch(`${base}/healthz`)).ok) break
      } catch {}
      await new Promise((r) => setTimeout(r, 100))
    }
    const pid = child.pid ?? 0
    // Warm: one JSON page, so "before" is the server as it serves ordinary requests.
    await (await fetch(`${base}/api/v1/videos/search?limit=50`)).arrayBuffer()
    const before = peakRssMb(pid) ?? 0
    const started = performance.now()
    const res = await fetch(`${base}/api/v1/videos/search?format=ndjson`)
    if (!res.ok || res.body === null) throw new Error(`REST export answered ${res.status}`)
    let rows = 0
    for await (const chunk of res.body) {
      for (const byte of chunk as Uint8Array) if (byte === 10) rows++
    }
    const seconds = (performance.now() - started) / 1000
    const after = peakRssMb(pid) ?? 0
    if (rows !== videos) throw new Error(`expected ${videos} videos, got ${rows}`)
    return { rows, seconds, before, after }
  } finally {
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

async function main(): Promise<void> {
  const engine = values.pg === undefined ? 'SQLite' : 'PostgreSQL'
  const smallUrl = await dataset(small)
  const largeUrl = await dataset(large)
  const lines: string[] = [
    `### ${engine}`,
    '',
    '| Run | Rows | Seconds | Rows/s | Peak RSS (VmHWM) | Output |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const [label, url, size] of [
    ['CLI export, 100k', smallUrl, small],
    ['CLI export, 1M', largeUrl, large],
  ] as const) {
    const r = await cliExport(url, size.snapshots)
    lines.push(
      `| ${label} snapshots | ${fmt(r.rows)} | ${r.exportSeconds.toFixed(1)} (process ${r.seconds.toFixed(1)}) | ${fmt(r.rows / r.exportSeconds)} | ${r.peakMb.toFixed(0)} MB | ${(r.bytes / 1e6).toFixed(0)} MB CSV |`,
    )
    console.error(lines.at(-1))
  }
  for (const [label, url] of [
    ['ceiling (keyset query only), 100k', smallUrl],
    ['ceiling (keyset query only), 1M', largeUrl],
  ] as const) {
    const c = await ceiling(url)
    lines.push(
      `| ${label} | ${fmt(c.rows)} | ${c.seconds.toFixed(1)} | ${fmt(c.rows / c.seconds)} | — | — |`,
    )
    console.error(lines.at(-1))
  }
  const rest = await restExport(largeUrl, large.videos)
  lines.push(
    `| REST GET /videos/search?format=ndjson (all videos) | ${fmt(rest.rows)} | ${rest.seconds.toFixed(1)} | ${fmt(rest.rows / rest.seconds)} | server ${rest.before.toFixed(0)} MB before → ${rest.after.toFixed(0)} MB after | NDJSON |`,
  )
  console.log(lines.join('\n'))
}

await main()
