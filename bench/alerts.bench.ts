/**
 * Ingestion with watchlists (issue #16): the same demo captures through the real pipeline into a
 * fresh SQLite file (or PostgreSQL schema), once with no watchlist and once with 1,000 watched
 * items and 50 alert rules while the alert loop runs beside ingestion at its production interval
 * (1 s) — alternately, so that both see the same machine. The run without watchlists is the
 * ceiling; the target is ≥ 90 % of it.
 *
 *   node --import tsx bench/alerts.bench.ts [--creators N] [--rounds N] [--db postgres://…]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { OPERATOR } from '../src/access/owner.js'
import { startAlertLoop } from '../src/alerts/alert-loop.js'
import { addRule, createWatchlist } from '../src/alerts/watchlist-store.js'
import { type Database, openDatabase } from '../src/db/open.js'
import { type DemoCapture, generateDemoCaptures } from '../src/demo/demo-captures.js'
import type { AlertRuleKind } from '../src/domain/alert-rules.js'
import { ingestBatch, prepareInline } from '../src/ingest/pipeline.js'
import { createPreparePool, defaultWorkerCount } from '../src/ingest/prepare-pool.js'

const { values } = parseArgs({
  options: {
    creators: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    batch: { type: 'string', default: '200' },
    db: { type: 'string' },
  },
})
const creators = Number(values.creators)
const rounds = Number(values.rounds)
const batchSize = Number(values.batch)
const pgUrl = values.db
const nowMs = Date.now()
const WATCHLISTS = 20
const ITEMS_PER_LIST = 50
const RULES: ReadonlyArray<{ kind: AlertRuleKind; percent?: number }> = [
  { kind: 'new_post' },
  { kind: 'viral_video' },
  { kind: 'follower_milestone' },
  { kind: 'growth', percent: 5 },
  { kind: 'drop', percent: 5 },
]

// Captures first, so only ingestion is timed; the watched creators are in them.
const batches: DemoCapture[][] = []
let pending: DemoCapture[] = []
let items = 0
const handles: string[] = []
for (const group of generateDemoCaptures({ creators, seed: 42, now: Math.floor(nowMs / 1000) })) {
  if (pending.length + group.length > batchSize) {
    batches.push(pending)
    pending = []
  }
  for (const c of group) {
    items += (c.body as { itemList?: unknown[] }).itemList?.length ?? 0
    const handle = /uniqueId=([^&]+)/.exec(c.url)?.[1]
    if (handle !== undefined && !handles.includes(handle)) handles.push(handle)
    pending.push({ ...c, body: JSON.stringify(c.body) })
  }
}
if (pending.length > 0) batches.push(pending)

const dir = mkdtempSync(join(tmpdir(), 'toklytics-bench-alerts-'))
const schemas: string[] = []
const pgAdmin = async (statement: string) => {
  const client = new pg.Client({ connectionString: pgUrl })
  await client.connect()
  await client.query(statement).finally(() => client.end())
}

async function freshDatabase(name: string): Promise<Database> {
  if (pgUrl === undefined) return openDatabase(`sqlite:${join(dir, `${name}.db`)}`)
  const schema = `bench_alerts_${process.pid}_${schemas.length}`
  schemas.push(schema)
  await pgAdmin(`create schema ${schema}`)
  const url = new URL(pgUrl)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return openDatabase(url.href)
}

/** 20 lists of 50 creators each (1,000 items), 5 rules on 10 of them (50 rules). */
async function watch(database: Database): Promise<void> {
  const now = Math.floor(nowMs / 1000) - 3 * 86_400
  for (let w = 0; w < WATCHLISTS; w++) {
    const names = Array.from(
      { length: ITEMS_PER_LIST },
      (_, i) => handles[(w * ITEMS_PER_LIST + i) % handles.length] ?? '',
    )
    const id = await createWatchlist(
      database.db,
      OPERATOR,
      { name: `list ${w}`, items: names.map((ref) => ({ kind: 'creator' as const, ref })) },
      now,
    )
    if (w % 2 === 0) {
      for (const rule of RULES)
        await addRule(database.db, OPERATOR, id, rule, now, async () => false)
    }
  }
}

interface Run {
  seconds: number
  videosPerSecond: number
  alerts: number
  passes: number
}

async function run(watched: boolean, name: string): Promise<Run> {
  const database = await freshDatabase(name)
  if (watched) await watch(database)
  const pool = createPreparePool(defaultWorkerCount(), prepareInline)
  let alerts = 0
  let passes = 0
  const loop = watched
    ? startAlertLoop({
        db: database.db,
        now: () => Math.floor(Date.now() / 1000),
        onFired: async (fired) => {
          alerts += fired.length
        },
        onError: (err) => console.error('alert pass failed', err),
      })
    : null
  const deps = { database, now: () => nowMs, preparer: pool.prepare }
  const started = performance.now()
  let next = 0
  const uploader = async () => {
    while (next < batches.length) {
      const captures = batches[next++] ?? []
      await ingestBatch(deps, { captures, contributor: 'bench', isDemo: true })
    }
  }
  await Promise.all([uploader(), uploader()])
  const ms = performance.now() - started
  if (loop !== null) {
    // What the last writes changed is evaluated too (after the clock stopped: not ingestion).
    alerts += (await loop.runOnce()).length
    passes = 1
    await loop.stop()
  }
  await pool.close()
  await database.close()
  return { seconds: ms / 1000, videosPerSecond: Math.round((items / ms) * 1000), alerts, passes }
}

try {
  console.log(
    `node ${process.version}, ${pgUrl === undefined ? 'SQLite' : 'PostgreSQL'}, ${creators} creators, ${batches.length} batches, ${items} video observations; watched: ${WATCHLISTS * ITEMS_PER_LIST} items, ${(WATCHLISTS / 2) * RULES.length} rules`,
  )
  const plain: number[] = []
  const watchedRates: number[] = []
  for (let r = 0; r < rounds; r++) {
    // ABBA order, so that neither variant always runs on the warmer (or busier) machine.
    const watchedFirst = r % 2 === 1
    const first = await run(watchedFirst, `first-${r}`)
    const second = await run(!watchedFirst, `second-${r}`)
    const [a, b] = watchedFirst ? [second, first] : [first, second]
    plain.push(a.videosPerSecond)
    watchedRates.push(b.videosPerSecond)
    console.log(
      `round ${r + 1}: without ${a.videosPerSecond} videos/s (${a.seconds.toFixed(1)} s); with watchlists ${b.videosPerSecond} videos/s (${b.seconds.toFixed(1)} s), ${b.alerts} alerts fired`,
    )
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0
  const ceiling = median(plain)
  const watchedMedian = median(watchedRates)
  console.log(
    `median: without ${ceiling} videos/s (ceiling), with ${watchedMedian} videos/s = ${((100 * watchedMedian) / ceiling).toFixed(1)} % of the ceiling (target ≥ 90 %)`,
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
  for (const s of schemas) await pgAdmin(`drop schema if exists ${s} cascade`)
}
