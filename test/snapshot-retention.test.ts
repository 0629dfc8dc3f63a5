/** Snapshot retention on both databases, and PostgreSQL's monthly snapshot partitions. */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { thinSnapshots } from '../src/admin/thin-snapshots.js'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { createApp } from '../src/server/app.js'
import { testDatabases } from './support/databases.js'
import {
  FIXTURE_VIDEO_ID,
  itemListBody,
  listUrl,
  userDetailBody,
  userUrl,
} from './support/fixture-captures.js'
import { startServer } from './support/server-process.js'

const run = promisify(execFile)
const CLI = new URL('../src/cli/main.ts', import.meta.url).pathname

const DAY = 86_400
const NOW_MS = Date.parse('2026-11-25T12:00:00Z')
const NOW = NOW_MS / 1000
const USERNAME = 'retention_creator'
const CREATOR_ID = '7000000000000000001'
const FAR_FUTURE = Date.UTC(2090, 5, 15) / 1000
const BEFORE_TIKTOK = Date.UTC(2015, 5, 15) / 1000

type Key = { id: string; at: number }
type Table = 'creator_snapshots' | 'video_snapshots'

/** Deterministic times over 800 days, some days and weeks with several snapshots. */
function snapshotTimes(seed: number, count: number): number[] {
  let x = seed
  const next = () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648
    return x / 2_147_483_648
  }
  const times = new Set<number>()
  while (times.size < count) {
    const base = NOW - Math.floor(next() * 800 * DAY)
    times.add(base)
    // Bursts: a few more snapshots within hours, often the same day.
    while (next() < 0.6) times.add(base + Math.floor(next() * 10 * 3600))
  }
  return [...times].sort((a, b) => a - b)
}

/** Retention as the issue states it, from calendar strings: survivors of one entity. */
function expectedSurvivors(times: readonly number[], now: number): number[] {
  const date = (t: number) => new Date(t * 1000).toISOString().slice(0, 10)
  const isoWeek = (t: number) => {
    const d = new Date(t * 1000)
    const back = (d.getUTCDay() + 6) % 7
    const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - back + 3)
    const year = new Date(thursday).getUTCFullYear()
    return `${year}-${Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY * 1000))}`
  }
  const lastBy = (key: (t: number) => string) => {
    const m = new Map<string, number>()
    for (const t of times) m.set(key(t), Math.max(m.get(key(t)) ?? t, t))
    return m
  }
  const byDate = lastBy(date)
  const byWeek = lastBy(isoWeek)
  return times.filter((t) => {
    const age = now - t
    if (age <= 30 * DAY) return true
    if (age <= 365 * DAY) return byDate.get(date(t)) === t
    return byWeek.get(isoWeek(t)) === t
  })
}

function expectedAll(keys: readonly Key[], now: number): Key[] {
  const byId = new Map<string, number[]>()
  for (const k of keys) byId.set(k.id, [...(byId.get(k.id) ?? []), k.at])
  return [...byId]
    .flatMap(([id, times]) => expectedSurvivors(times, now).map((at) => ({ id, at })))
    .sort(byKey)
}

const byKey = (a: Key, b: Key) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.at - b.at)

async function keys(database: Database, table: Table): Promise<Key[]> {
  const entity = table === 'creator_snapshots' ? 'creator_id' : 'video_id'
  const { rows } = await sql<{ id: string; at: number | string }>`
    select ${sql.ref(entity)} as id, observed_at as at from ${sql.table(table)}`.execute(
    database.db,
  )
  return rows.map((r) => ({ id: r.id, at: Number(r.at) })).sort(byKey)
}

/** `creator_snapshots_p2026_11`, from the calendar. */
const monthPartition = (table: Table, t: number) => {
  const d = new Date(t * 1000)
  return `${table}_p${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

const followersAt = (t: number) => 1_000_000 + Math.floor((t - (NOW - 900 * DAY)) / 3600)
const playsAt = (t: number) => 50_000 + Math.floor((t - (NOW - 900 * DAY)) / 60)

for (const target of testDatabases()) {
  describe(`snapshot retention (${target.name})`, () => {
    let database: Database
    let app: FastifyInstance
    const creatorTimes = snapshotTimes(11, 220)
    const videoTimes = snapshotTimes(29, 260)

    before(async () => {
      database = await target.open()
      // The creator and video exist through real ingestion (one snapshot each, an hour ago) …
      await ingestBatch(
        { database, now: () => NOW_MS },
        {
          contributor: 'test',
          captures: [
            {
              url: userUrl(USERNAME),
              observed_at: NOW_MS - 3_600_000,
              body: userDetailBody({ followers: 2_000_000, id: CREATOR_ID, username: USERNAME }),
            },
            {
              url: listUrl(),
              observed_at: NOW_MS - 3_600_000,
              body: itemListBody({ id: FIXTURE_VIDEO_ID, plays: 9_000_000 }),
            },
          ],
        },
      )
      // … and their history goes back 800 days; other entities fill several pages.
      const creatorRows = creatorTimes.map((t) => ({
        creator_id: CREATOR_ID,
        observed_at: t,
        followers: followersAt(t),
        following: 10,
        total_likes: 20,
        video_count: 30,
      }))
      for (let e = 0; e < 5; e++) {
        for (const t of snapshotTimes(100 + e, 40)) {
          creatorRows.push({
            creator_id: `other-${e}`,
            observed_at: t,
            followers: 1,
            following: 1,
            total_likes: 1,
            video_count: 1,
          })
        }
      }
      const videoRows = videoTimes.map((t) => ({
        video_id: FIXTURE_VIDEO_ID,
        observed_at: t,
        plays: playsAt(t),
        likes: 5,
        comments: 6,
        shares: 7,
        saves: 8,
        reposts: 0,
      }))
      await database.db.insertInto('creator_snapshots').values(creatorRows).execute()
      await database.db.insertInto('video_snapshots').values(videoRows).execute()
      const config = loadConfig({ LOG_LEVEL: 'silent', TOKLYTICS_RATE_LIMIT: 'off' })
      app = await createApp({ config, database, now: () => NOW_MS })
    })

    after(async () => {
      await app?.close()
      await database?.close()
      await target.cleanup()
    })

    if (target.name === 'postgres') {
      it('partitions both snapshot tables by month, with a DEFAULT partition', async () => {
        const { rows } = await sql<{ name: string }>`
          select c.relname as name from pg_partitioned_table p
          join pg_class c on c.oid = p.partrelid
          where c.relnamespace = current_schema()::regnamespace order by 1`.execute(database.db)
        assert.deepEqual(
          rows.map((r) => r.name),
          ['creator_snapshots', 'video_snapshots'],
        )
        // Rows older than the partitions made at migration sit in DEFAULT until upkeep runs.
        const created = await database.dialect.ensureSnapshotPartitions(database.db, NOW)
        assert.ok(created.includes(monthPartition('video_snapshots', videoTimes[0] ?? 0)))
        // The rows that moved out of DEFAULT were vacuumed away, not left for lookups to probe.
        const { rows: vacuumed } = await sql<{ name: string }>`
          select relname as name from pg_stat_user_tables
          where schemaname = current_schema() and relname like '%snapshots_default'
            and last_vacuum is not null order by 1`.execute(database.db)
        assert.deepEqual(
          vacuumed.map((r) => r.name),
          ['creator_snapshots_default', 'video_snapshots_default'],
        )
        assert.deepEqual(await database.dialect.ensureSnapshotPartitions(database.db, NOW), [])
        for (const table of ['creator_snapshots', 'video_snapshots'] as const) {
          const { rows: children } = await sql<{ name: string }>`
            select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
            where i.inhparent = ${table}::regclass`.execute(database.db)
          const names = new Set(children.map((c) => c.name))
          assert.ok(names.has(`${table}_default`))
          const { rows: placed } = await sql<{ part: string; at: number | string }>`
            select tableoid::regclass::text as part, observed_at as at from ${sql.table(table)}`.execute(
            database.db,
          )
          // Every month from the oldest row's to two months after now (2027-01).
          const oldest = new Date(Math.min(...placed.map((r) => Number(r.at))) * 1000)
          let month = Date.UTC(oldest.getUTCFullYear(), oldest.getUTCMonth(), 1)
          while (month <= Date.UTC(2027, 0, 1)) {
            const name = monthPartition(table, month / 1000)
            assert.ok(names.has(name), name)
            const d = new Date(month)
            month = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
          }
          assert.ok(placed.length > 200)
          for (const r of placed) assert.equal(r.part, monthPartition(table, Number(r.at)))
        }
      })

      it('puts rows outside every month (before 2016, far ahead) in DEFAULT without error', async () => {
        for (const [id, at] of [
          ['future-creator', FAR_FUTURE],
          ['ancient-creator', BEFORE_TIKTOK],
        ] as const) {
          await database.db
            .insertInto('creator_snapshots')
            .values({
              creator_id: id,
              observed_at: at,
              followers: 1,
              following: null,
              total_likes: null,
              video_count: null,
            })
            .execute()
        }
        const { rows } = await sql<{ id: string; part: string }>`
          select creator_id as id, tableoid::regclass::text as part from creator_snapshots
          where creator_id in ('future-creator', 'ancient-creator') order by 1`.execute(database.db)
        assert.deepEqual(rows, [
          { id: 'ancient-creator', part: 'creator_snapshots_default' },
          { id: 'future-creator', part: 'creator_snapshots_default' },
        ])
        // Upkeep makes no partition for them (before 2016; beyond two months ahead).
        assert.deepEqual(await database.dialect.ensureSnapshotPartitions(database.db, NOW), [])
      })
    }

    it('a dry run counts and deletes nothing; the CLI dry run too', async () => {
      const before = await keys(database, 'creator_snapshots')
      const expectedGone = before.length - expectedAll(before, NOW).length
      const summary = await thinSnapshots(database, { now: NOW, dryRun: true, pageRows: 37 })
      assert.equal(summary.creator_snapshots.deleted, expectedGone)
      assert.deepEqual(await keys(database, 'creator_snapshots'), before)
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', CLI, '--db', target.url(), 'retention', '--dry-run'],
        { env: { ...process.env, LOG_LEVEL: 'silent' }, timeout: 120_000 },
      )
      assert.match(
        stdout,
        /\(dry run\) snapshot retention before .*creator_snapshots: \d+ of \d+ deleted/,
      )
      assert.deepEqual(await keys(database, 'creator_snapshots'), before)
    })

    it('keeps exactly one a day after 30 days and one an ISO week after a year', async () => {
      const history = await app.inject(`/api/v1/creators/${USERNAME}/history`)
      assert.equal(history.statusCode, 200)
      const beforeCreators = await keys(database, 'creator_snapshots')
      const beforeVideos = await keys(database, 'video_snapshots')
      // Small pages, so that entities straddle page boundaries.
      const summary = await thinSnapshots(database, { now: NOW, pageRows: 37 })
      const afterCreators = await keys(database, 'creator_snapshots')
      const afterVideos = await keys(database, 'video_snapshots')
      assert.deepEqual(afterCreators, expectedAll(beforeCreators, NOW))
      assert.deepEqual(afterVideos, expectedAll(beforeVideos, NOW))
      assert.ok(beforeVideos.length - afterVideos.length > 100, 'the history was thinned')
      assert.equal(summary.creator_snapshots.deleted, beforeCreators.length - afterCreators.length)
      assert.equal(summary.video_snapshots.deleted, beforeVideos.length - afterVideos.length)
      assert.equal(summary.video_snapshots.entities, 1)
      // A second run finds nothing more to delete.
      const again = await thinSnapshots(database, { now: NOW })
      assert.equal(again.creator_snapshots.deleted + again.video_snapshots.deleted, 0)
    })

    it('serves the thinned history (the cached answer is not served stale)', async () => {
      const survivors = expectedSurvivors(
        [...creatorTimes, NOW - 3600].sort((a, b) => a - b),
        NOW,
      )
      const res = await app.inject(`/api/v1/creators/${USERNAME}/history`)
      assert.equal(res.statusCode, 200)
      const body = res.json() as {
        data: { snapshots: Array<{ observed_at: string; followers: number }> }
      }
      const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z')
      assert.deepEqual(
        body.data.snapshots.map((s) => [s.observed_at, s.followers]),
        survivors.map((t) => [iso(t), t === NOW - 3600 ? 2_000_000 : followersAt(t)]),
      )
      const videoSurvivors = expectedSurvivors(
        [...videoTimes, NOW - 3600].sort((a, b) => a - b),
        NOW,
      )
      const video = await app.inject(`/api/v1/videos/${FIXTURE_VIDEO_ID}/history`)
      assert.equal(video.statusCode, 200)
      const v = video.json() as {
        data: { snapshot_count: number; snapshots: Array<{ observed_at: string; plays: number }> }
      }
      assert.equal(v.data.snapshot_count, videoSurvivors.length)
      assert.deepEqual(
        v.data.snapshots.map((s) => [s.observed_at, s.plays]),
        videoSurvivors.map((t) => [iso(t), t === NOW - 3600 ? 9_000_000 : playsAt(t)]),
      )
    })

    if (target.name === 'postgres') {
      it('a starting server creates the partitions ahead of time', async () => {
        const now = Date.now() / 1000
        const d = new Date(now * 1000)
        const ahead = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 2, 15) / 1000
        const name = monthPartition('video_snapshots', ahead)
        await sql`drop table ${sql.table(name)}`.execute(database.db)
        const exists = async () =>
          (
            await sql<{ r: string | null }>`select to_regclass(${name})::text as r`.execute(
              database.db,
            )
          ).rows[0]?.r === name
        assert.equal(await exists(), false)
        const server = await startServer(target.url())
        try {
          for (let i = 0; i < 200 && !(await exists()); i++) {
            await new Promise((r) => setTimeout(r, 100))
          }
          assert.equal(await exists(), true, server.output())
        } finally {
          await server.stop()
        }
      })
    }
  })
}
