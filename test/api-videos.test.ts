/**
 * The video operations on a seeded database: search, details, trending and history, checked
 * against metrics.md recomputed here from raw rows (exact integer arithmetic, no shared code).
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Selectable } from 'kysely'
import type { CreatorTable, SoundRow, VideoRow, VideoSnapshotRow } from '../src/db/schema.js'
import type { QueryContext } from '../src/queries/query-context.js'
import { searchVideos, type VideoSearch } from '../src/queries/videos/search-videos.js'
import { trendingVideos } from '../src/queries/videos/trending-videos.js'
import { testDatabases } from './support/databases.js'
import { API_NOW, PUBLIC_BASE_URL, type SeededApi, seededApi } from './support/seeded-api.js'

type Json = Record<string, unknown>
type Creator = Selectable<CreatorTable>

/** Round half-up (ties away from zero) of n / d to 2 decimals, exactly, with integers. */
function halfUp2(n: bigint, d: bigint): number {
  const negative = n < 0n !== d < 0n
  const a = n < 0n ? -n : n
  const b = d < 0n ? -d : d
  const hundredths = (a * 200n + b) / (2n * b)
  const value = Number(hundredths) / 100
  return negative && value !== 0 ? -value : value
}

const big = (n: number) => BigInt(n)

/** metrics.md §3: round2(100 × (likes + comments + shares) / plays); 0 without plays. */
/** metrics.md §3: 0 over no plays, null over unknown plays (no evidence). */
function engagementRate(v: VideoRow): number | null {
  if (v.plays === null) return null
  if (v.plays === 0) return 0
  return halfUp2(100n * big((v.likes ?? 0) + (v.comments ?? 0) + (v.shares ?? 0)), big(v.plays))
}

const iso = (s: number | null) =>
  s === null ? null : new Date(s * 1000).toISOString().replace('.000Z', 'Z')

/** Everything a test needs, read straight from the tables. */
interface Raw {
  videos: VideoRow[]
  byId: Map<string, VideoRow>
  tags: Map<string, string[]>
  creators: Map<string, Creator>
  sounds: Map<string, SoundRow>
  snapshots: Map<string, VideoSnapshotRow[]>
}

async function readRaw(api: SeededApi): Promise<Raw> {
  const { db } = api.database
  const videos = await db.selectFrom('videos').selectAll().execute()
  const tagRows = await db.selectFrom('video_hashtags').selectAll().orderBy('position').execute()
  const tags = new Map<string, string[]>()
  for (const t of tagRows) tags.set(t.video_id, [...(tags.get(t.video_id) ?? []), t.hashtag])
  const creators = new Map(
    (await db.selectFrom('creators').selectAll().execute()).map((c) => [c.id, c]),
  )
  const sounds = new Map(
    (await db.selectFrom('sounds').selectAll().execute()).map((s) => [s.id, s]),
  )
  const snapshots = new Map<string, VideoSnapshotRow[]>()
  const snapRows = await db
    .selectFrom('video_snapshots')
    .selectAll()
    .orderBy('observed_at')
    .execute()
  for (const s of snapRows) snapshots.set(s.video_id, [...(snapshots.get(s.video_id) ?? []), s])
  return { videos, byId: new Map(videos.map((v) => [v.id, v])), tags, creators, sounds, snapshots }
}

/** Code-unit order, as both databases order these digit-only ids. */
const byId = (a: VideoRow, b: VideoRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Descending on `key`, unknown values last, then id. */
function descending(key: 'plays' | 'likes' | 'shares' | 'posted_at') {
  return (a: VideoRow, b: VideoRow) => {
    const x = a[key]
    const y = b[key]
    if (x === null || y === null) return x === y ? byId(a, b) : x === null ? 1 : -1
    return y - x || byId(a, b)
  }
}

const SORT_KEY = { plays: 'plays', likes: 'likes', shares: 'shares', recent: 'posted_at' } as const

/** The search as the spec and the brief describe it, over every raw row. */
function expectedSearch(raw: Raw, p: Omit<VideoSearch, 'page' | 'limit'>): VideoRow[] {
  const words = (p.q ?? '').toLowerCase().split(/\s+/).filter(Boolean)
  const tag = (p.hashtag ?? '').trim().replace(/^#+/, '').trim().toLowerCase()
  const user = (p.creator ?? '').trim().replace(/^@/, '').toLowerCase()
  return raw.videos
    .filter((v) => words.every((w) => v.search_text.includes(w)))
    .filter((v) => tag === '' || (raw.tags.get(v.id) ?? []).includes(tag))
    .filter((v) => {
      if (user === '') return true
      const c = v.creator_id === null ? undefined : raw.creators.get(v.creator_id)
      return c?.username_lower === user
    })
    .filter((v) => p.min_views === undefined || (v.plays !== null && v.plays >= p.min_views))
    .filter((v) => {
      if (p.duration === undefined) return true
      if (v.duration === null) return false
      if (p.duration === 'short') return v.duration < 60
      if (p.duration === 'medium') return v.duration >= 60 && v.duration <= 300
      return v.duration > 300
    })
    .filter((v) => p.content_type === undefined || v.content_type === p.content_type)
    .sort(descending(SORT_KEY[p.sort ?? 'plays']))
}

/** metrics.md §5: posted in the window, plays desc, likes desc (unknown = 0), id. */
function expectedTrending(raw: Raw, seconds: number): VideoRow[] {
  return raw.videos
    .filter((v) => v.posted_at !== null && v.posted_at >= API_NOW - seconds)
    .sort(
      (a, b) => (b.plays ?? 0) - (a.plays ?? 0) || (b.likes ?? 0) - (a.likes ?? 0) || byId(a, b),
    )
}

/** The spec `Video` fields of a response against the raw row and its sound (metrics.md §3). */
function checkVideo(raw: Raw, item: Json) {
  const v = raw.byId.get(String(item.video_id))
  assert.ok(v, `video ${String(item.video_id)} exists`)
  const c = v.creator_id === null ? undefined : raw.creators.get(v.creator_id)
  const username = c ? (c.username ?? c.id) : null
  const music = v.music_id === null ? undefined : raw.sounds.get(v.music_id)
  const kind = v.content_type === 'slideshow' ? 'photo' : 'video'
  assert.deepEqual(
    {
      video_id: item.video_id,
      description: item.description,
      plays: item.plays,
      likes: item.likes,
      comments: item.comments,
      shares: item.shares,
      saves: item.saves,
      duration: item.duration,
      engagement_rate: item.engagement_rate,
      hashtags: item.hashtags,
      music_title: item.music_title,
      music_id: item.music_id,
      content_type: item.content_type,
      is_pinned: item.is_pinned,
      posted_at: item.posted_at,
      video_url: item.video_url,
      last_updated: item.last_updated,
    },
    {
      video_id: v.id,
      description: v.description,
      plays: v.plays,
      likes: v.likes,
      comments: v.comments,
      shares: v.shares,
      saves: v.saves,
      duration: v.duration,
      engagement_rate: engagementRate(v),
      hashtags: raw.tags.get(v.id) ?? [],
      music_title: music?.title ?? null,
      music_id: v.music_id,
      content_type: v.content_type,
      is_pinned: v.is_pinned === 1,
      posted_at: iso(v.posted_at),
      video_url: `https://www.tiktok.com/@${username ?? '_'}/${kind}/${v.id}`,
      last_updated: iso(v.observed_at),
    },
  )
  return { v, c, username }
}

/** A listed video: the Video fields, its creator, and the §2/§3 comparisons with that creator. */
function checkItem(raw: Raw, item: Json) {
  const { v, c, username } = checkVideo(raw, item)
  if (!c) {
    assert.equal(item.creator, null)
    assert.equal(item.is_viral, null)
    assert.equal(item.performance_vs_average, null)
    return
  }
  assert.deepEqual(item.creator, {
    username,
    display_name: c.nickname,
    verified: c.verified === 1,
    followers: c.followers,
    profile_url: `${PUBLIC_BASE_URL}/creators/${username}`,
  })
  // viral: plays ≥ max(3 × median_views, 100000)
  assert.equal(
    item.is_viral,
    v.plays === null || c.median_views === null
      ? null
      : v.plays >= Math.max(3 * c.median_views, 100_000),
  )
  assert.equal(
    item.performance_vs_average,
    v.plays === null || c.avg_views === null || c.avg_views === 0
      ? null
      : halfUp2(big(v.plays), big(c.avg_views)),
  )
}

/**
 * Edge cases the demo data lacks, written straight into the seeded tables: ties on plays (broken
 * by likes, then id), unknown plays/likes/shares/posted_at, zero plays, durations on the bucket
 * bounds, videos whose author is not a tracked creator.
 */
async function shapeEdgeCases(api: SeededApi): Promise<void> {
  const { db } = api.database
  const demo = (await db.selectFrom('videos').selectAll().where('is_demo', '=', 1).execute()).sort(
    byId,
  )
  const inDay = demo.filter((v) => v.posted_at !== null && v.posted_at >= API_NOW - 86_400)
  const inWeek = demo.filter(
    (v) =>
      v.posted_at !== null && v.posted_at >= API_NOW - 7 * 86_400 && v.posted_at < API_NOW - 86_400,
  )
  const top = Math.max(...inWeek.map((v) => v.plays ?? 0))
  const [e, g] = inDay
  const [a, b, c, d, f] = inWeek
  const others = demo.filter(
    (v) => v.content_type === 'video' && !inDay.includes(v) && !inWeek.includes(v),
  )
  assert.ok(e && g && a && b && c && d && f && others.length > 10)
  const set = (v: VideoRow, values: Partial<VideoRow>) =>
    db.updateTable('videos').set(values).where('id', '=', v.id).execute()
  // Unknown plays is 0 for trending (after a 0-play video with fewer likes) and last in search.
  await set(e, { plays: null, likes: 10 })
  await set(g, { plays: 0, likes: 5 })
  // b before a (more likes); c before d (same plays and likes: id); f after both (unknown likes).
  await set(a, { plays: top + 1_000, likes: 100 })
  await set(b, { plays: top + 1_000, likes: 200 })
  await set(c, { plays: top + 500, likes: 50 })
  await set(d, { plays: top + 500, likes: 50 })
  await set(f, { plays: top + 500, likes: null })
  const [d59, d60, d300, d301, noShares, notPosted, noAuthor, strangerAuthor] = others
  await set(d59 as VideoRow, { duration: 59 })
  await set(d60 as VideoRow, { duration: 60 })
  await set(d300 as VideoRow, { duration: 300 })
  await set(d301 as VideoRow, { duration: 301 })
  await set(noShares as VideoRow, { shares: null })
  await set(notPosted as VideoRow, { posted_at: null })
  await set(noAuthor as VideoRow, { creator_id: null })
  await set(strangerAuthor as VideoRow, { creator_id: '1' })
}

for (const target of testDatabases()) {
  describe(`video operations on ${target.name}`, () => {
    let api: SeededApi
    let raw: Raw
    let ctx: QueryContext
    const get = async (url: string) => {
      const res = await api.app.inject({ method: 'GET', url: `/api/v1${url}` })
      return { status: res.statusCode, body: res.json() as Json }
    }
    const ids = (body: Json) => (body.data as Json[]).map((d) => d.video_id)
    const assertError = (
      r: { status: number; body: Json },
      status: number,
      code: string,
      mentions: RegExp,
    ) => {
      assert.equal(r.status, status)
      const error = r.body.error as Json
      assert.equal(error.code, code)
      assert.match(String(error.message), mentions)
      assert.equal((r.body.meta as Json).api_version, 'v1')
    }

    before(async () => {
      api = await seededApi(target)
      await shapeEdgeCases(api)
      raw = await readRaw(api)
      ctx = {
        db: api.database.db,
        dialect: api.database.dialect,
        dataVersion: api.database.dataVersion,
        now: () => API_NOW,
        publicBaseUrl: PUBLIC_BASE_URL,
      }
    })
    after(async () => {
      await api.close()
      await target.cleanup()
    })

    describe('GET /videos/search', () => {
      it('lists every video by plays (desc) by default, with exact pagination', async () => {
        const r = await get('/videos/search')
        assert.equal(r.status, 200)
        const all = expectedSearch(raw, {})
        assert.equal(all.length, raw.videos.length)
        assert.deepEqual(
          ids(r.body),
          all.slice(0, 20).map((v) => v.id),
        )
        assert.deepEqual(r.body.pagination, {
          page: 1,
          limit: 20,
          total: raw.videos.length,
          total_pages: Math.ceil(raw.videos.length / 20),
          has_more: true,
        })
        for (const item of r.body.data as Json[]) checkItem(raw, item)
        assert.equal(typeof (r.body.meta as Json).request_id, 'string')
      })

      it('pages through the same order (page 3 of 7, then past the end)', async () => {
        const all = expectedSearch(raw, { sort: 'likes' })
        const r = await get('/videos/search?sort=likes&page=3&limit=7')
        assert.deepEqual(
          ids(r.body),
          all.slice(14, 21).map((v) => v.id),
        )
        const pages = Math.ceil(all.length / 7)
        assert.deepEqual(r.body.pagination, {
          page: 3,
          limit: 7,
          total: all.length,
          total_pages: pages,
          has_more: true,
        })
        const last = await get(`/videos/search?sort=likes&page=${pages}&limit=7`)
        assert.equal((last.body.pagination as Json).has_more, false)
        assert.deepEqual(
          ids(last.body),
          all.slice((pages - 1) * 7).map((v) => v.id),
        )
        const past = await get(`/videos/search?sort=likes&page=${pages + 1}&limit=7`)
        assert.deepEqual(past.body.data, [])
        assert.equal((past.body.pagination as Json).total, all.length)
      })

      for (const sort of ['plays', 'likes', 'shares', 'recent'] as const) {
        it(`sorts by ${sort}, unknown values last, ties by id`, async () => {
          const r = await get(`/videos/search?sort=${sort}&limit=50`)
          assert.deepEqual(
            ids(r.body),
            expectedSearch(raw, { sort })
              .slice(0, 50)
              .map((v) => v.id),
          )
          for (const item of r.body.data as Json[]) checkItem(raw, item)
          // The last page holds the unknown values.
          const expected = expectedSearch(raw, { sort })
          const pages = Math.ceil(expected.length / 50)
          const last = await get(`/videos/search?sort=${sort}&limit=50&page=${pages}`)
          assert.deepEqual(
            ids(last.body),
            expected.slice((pages - 1) * 50).map((v) => v.id),
          )
          const key = SORT_KEY[sort]
          assert.equal(expected.at(-1)?.[key], null, `a video with unknown ${key} is last`)
        })
      }

      it('matches every word of q in the description, case-insensitively', async () => {
        // Two words that occur together in some descriptions but not in all that have one.
        const sample = raw.videos.find((v) => v.search_text.split(/\s+/).length >= 4)
        assert.ok(sample)
        const [w1, , w3] = sample.search_text.split(/\s+/)
        const q = `${w1?.toUpperCase()}  ${w3}`
        const expected = expectedSearch(raw, { q })
        assert.ok(expected.length > 0)
        const r = await get(`/videos/search?q=${encodeURIComponent(q)}&limit=50`)
        assert.equal((r.body.pagination as Json).total, expected.length)
        assert.deepEqual(
          ids(r.body),
          expected.slice(0, 50).map((v) => v.id),
        )
        for (const item of r.body.data as Json[]) {
          const text = String(item.description).toLowerCase()
          assert.ok(text.includes(String(w1)) && text.includes(String(w3)))
        }
      })

      it('treats LIKE wildcards in q literally', async () => {
        for (const q of ['%', '_', 'a%b', '\\']) {
          const r = await get(`/videos/search?q=${encodeURIComponent(q)}`)
          assert.equal(r.status, 200)
          assert.equal((r.body.pagination as Json).total, expectedSearch(raw, { q }).length, q)
        }
      })

      it('filters by hashtag with or without #, in any case', async () => {
        const counts = new Map<string, number>()
        for (const list of raw.tags.values())
          for (const t of list) counts.set(t, (counts.get(t) ?? 0) + 1)
        const tag = [...counts.entries()].sort((a, b) => b[1] - a[1])[3]?.[0]
        assert.ok(tag)
        const expected = expectedSearch(raw, { hashtag: tag })
        assert.equal(expected.length, counts.get(tag))
        for (const given of [tag, `#${tag.toUpperCase()}`]) {
          const r = await get(`/videos/search?hashtag=${encodeURIComponent(given)}&limit=50`)
          assert.equal((r.body.pagination as Json).total, expected.length)
          assert.deepEqual(
            ids(r.body),
            expected.slice(0, 50).map((v) => v.id),
          )
          for (const item of r.body.data as Json[])
            assert.ok((item.hashtags as string[]).includes(tag))
        }
        const none = await get('/videos/search?hashtag=%23nosuchtagatall')
        assert.deepEqual(none.body.data, [])
        assert.equal((none.body.pagination as Json).total, 0)
      })

      it('filters by creator username, case-insensitively and with an optional @', async () => {
        const c = [...raw.creators.values()].find((x) => x.username !== null && x.is_demo === 1)
        assert.ok(c?.username)
        const expected = expectedSearch(raw, { creator: c.username, sort: 'recent' })
        assert.ok(expected.length > 1)
        for (const given of [c.username, `@${c.username.toUpperCase()}`]) {
          const r = await get(
            `/videos/search?creator=${encodeURIComponent(given)}&sort=recent&limit=50`,
          )
          assert.equal((r.body.pagination as Json).total, expected.length)
          assert.deepEqual(
            ids(r.body),
            expected.slice(0, 50).map((v) => v.id),
          )
          for (const item of r.body.data as Json[]) {
            assert.equal((item.creator as Json).username, c.username)
          }
        }
        const unknown = await get('/videos/search?creator=nobody_is_called_this')
        assert.equal(unknown.status, 200)
        assert.deepEqual(unknown.body.data, [])
        assert.equal((unknown.body.pagination as Json).total, 0)
      })

      it('filters by min_views (inclusive)', async () => {
        const plays = raw.videos.map((v) => v.plays ?? 0).sort((a, b) => a - b)
        const threshold = plays[Math.floor(plays.length * 0.9)] ?? 0
        const expected = expectedSearch(raw, { min_views: threshold, sort: 'recent' })
        const r = await get(`/videos/search?min_views=${threshold}&sort=recent&limit=50`)
        assert.equal((r.body.pagination as Json).total, expected.length)
        assert.ok(
          expected.some((v) => v.plays === threshold),
          'the boundary value is included',
        )
        assert.deepEqual(
          ids(r.body),
          expected.slice(0, 50).map((v) => v.id),
        )
      })

      it('filters by duration: short < 60 ≤ medium ≤ 300 < long, unknown in none', async () => {
        let listed = 0
        for (const duration of ['short', 'medium', 'long'] as const) {
          const expected = expectedSearch(raw, { duration })
          assert.ok(expected.length > 0, duration)
          listed += expected.length
          const r = await get(`/videos/search?duration=${duration}&limit=50`)
          assert.equal((r.body.pagination as Json).total, expected.length)
          assert.deepEqual(
            ids(r.body),
            expected.slice(0, 50).map((v) => v.id),
          )
        }
        const unknown = raw.videos.filter((v) => v.duration === null).length
        assert.ok(unknown > 0)
        assert.equal(listed + unknown, raw.videos.length)
        // The bounds themselves: 60 and 300 are medium.
        const at60 = raw.videos.filter((v) => v.duration === 60 || v.duration === 300).length
        if (at60 > 0) {
          const medium = await get('/videos/search?duration=medium&limit=50')
          assert.equal(
            (medium.body.pagination as Json).total,
            raw.videos.filter((v) => v.duration !== null && v.duration >= 60 && v.duration <= 300)
              .length,
          )
        }
      })

      it('filters by content type', async () => {
        for (const type of ['video', 'slideshow'] as const) {
          const expected = expectedSearch(raw, { content_type: type })
          assert.ok(expected.length > 0)
          const r = await get(`/videos/search?content_type=${type}&limit=50`)
          assert.equal((r.body.pagination as Json).total, expected.length)
          assert.deepEqual(
            ids(r.body),
            expected.slice(0, 50).map((v) => v.id),
          )
          for (const item of r.body.data as Json[]) {
            assert.equal(item.content_type, type)
            if (type === 'slideshow') assert.match(String(item.video_url), /\/photo\/\d+$/)
          }
        }
      })

      it('combines filters', async () => {
        const counts = new Map<string, number>()
        for (const list of raw.tags.values())
          for (const t of list) counts.set(t, (counts.get(t) ?? 0) + 1)
        const tag = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ''
        const p = { hashtag: tag, min_views: 1000, duration: 'short', sort: 'shares' } as const
        const expected = expectedSearch(raw, p)
        assert.ok(expected.length > 0)
        const r = await get(
          `/videos/search?hashtag=${tag}&min_views=1000&duration=short&sort=shares&limit=50`,
        )
        assert.equal((r.body.pagination as Json).total, expected.length)
        assert.deepEqual(
          ids(r.body),
          expected.slice(0, 50).map((v) => v.id),
        )
        const c = raw.creators.get(expected[0]?.creator_id ?? '')
        assert.ok(c?.username)
        const both = { creator: c.username, hashtag: tag, content_type: 'video' } as const
        const r2 = await get(
          `/videos/search?creator=${c.username}&hashtag=${tag}&content_type=video`,
        )
        assert.deepEqual(
          ids(r2.body),
          expectedSearch(raw, both)
            .slice(0, 20)
            .map((v) => v.id),
        )
      })

      it('gives the same pages whether it walks a sort index or reads every match', async () => {
        const cases: Omit<VideoSearch, 'page' | 'limit'>[] = [
          { content_type: 'video', sort: 'recent' },
          { duration: 'medium', sort: 'likes' },
          { min_views: 500, sort: 'shares' },
          { hashtag: 'fyp', sort: 'plays' },
          { q: 'the', duration: 'short' },
        ]
        for (const p of cases) {
          const expected = expectedSearch(raw, p)
          for (const plan of ['walk', 'read'] as const) {
            for (const page of [1, 2]) {
              const got = await searchVideos(ctx, { ...p, page, limit: 10 }, plan)
              assert.equal(got.pagination.total, expected.length, JSON.stringify(p))
              assert.deepEqual(
                got.data.map((d) => d.video_id),
                expected.slice((page - 1) * 10, page * 10).map((v) => v.id),
                `${JSON.stringify(p)} ${plan} page ${page}`,
              )
            }
          }
        }
      })

      it('ignores blank text filters', async () => {
        const r = await get('/videos/search?q=%20&hashtag=%23&creator=')
        assert.equal((r.body.pagination as Json).total, raw.videos.length)
      })

      it('rejects invalid parameters with a 400 naming them', async () => {
        assertError(await get('/videos/search?sort=views'), 400, 'invalid_request', /'sort'/)
        assertError(await get('/videos/search?duration=tiny'), 400, 'invalid_request', /'duration'/)
        assertError(
          await get('/videos/search?content_type=photo'),
          400,
          'invalid_request',
          /'content_type'/,
        )
        assertError(await get('/videos/search?min_views=-1'), 400, 'invalid_request', /'min_views'/)
        assertError(
          await get('/videos/search?min_views=lots'),
          400,
          'invalid_request',
          /'min_views'/,
        )
        assertError(await get('/videos/search?limit=0'), 400, 'invalid_request', /'limit'/)
        assertError(await get('/videos/search?limit=51'), 400, 'invalid_request', /'limit'/)
        assertError(await get('/videos/search?page=0'), 400, 'invalid_request', /'page'/)
      })
    })

    describe('GET /videos/trending', () => {
      it('lists the 7 days before now by plays, then likes, then id (default 20)', async () => {
        const r = await get('/videos/trending')
        assert.equal(r.status, 200)
        const expected = expectedTrending(raw, 7 * 86_400)
        assert.ok(expected.length > 20)
        // The ties written by shapeEdgeCases: more likes first, then id; unknown likes count as 0.
        const top = expected.slice(0, 5)
        assert.deepEqual(
          top.map((v) => [v.plays, v.likes]),
          [
            [top[0]?.plays, 200],
            [top[0]?.plays, 100],
            [top[2]?.plays, 50],
            [top[2]?.plays, 50],
            [top[2]?.plays, null],
          ],
        )
        assert.deepEqual(
          ids(r.body),
          expected.slice(0, 20).map((v) => v.id),
        )
        for (const item of r.body.data as Json[]) checkItem(raw, item)
      })

      for (const [period, seconds] of [
        ['24h', 86_400],
        ['30d', 30 * 86_400],
      ] as const) {
        it(`lists the ${period} window`, async () => {
          const r = await get(`/videos/trending?period=${period}&limit=50`)
          const expected = expectedTrending(raw, seconds)
          assert.ok(expected.length > 0)
          assert.deepEqual(
            ids(r.body),
            expected.slice(0, 50).map((v) => v.id),
          )
          for (const item of r.body.data as Json[]) {
            assert.ok(Date.parse(String(item.posted_at)) / 1000 >= API_NOW - seconds)
          }
        })
      }

      it('gives the same list when it walks the plays index', async () => {
        for (const [period, seconds] of [
          ['24h', 86_400],
          ['7d', 7 * 86_400],
          ['30d', 30 * 86_400],
        ] as const) {
          const got = await trendingVideos(ctx, { period, limit: 50 }, 0)
          assert.deepEqual(
            got.map((v) => v.video_id),
            expectedTrending(raw, seconds)
              .slice(0, 50)
              .map((v) => v.id),
            period,
          )
        }
      })

      it('honours limit and rejects bad values', async () => {
        const r = await get('/videos/trending?limit=1')
        assert.deepEqual(
          ids(r.body),
          expectedTrending(raw, 7 * 86_400)
            .slice(0, 1)
            .map((v) => v.id),
        )
        assertError(await get('/videos/trending?period=1y'), 400, 'invalid_request', /'period'/)
        assertError(await get('/videos/trending?limit=51'), 400, 'invalid_request', /'limit'/)
        assertError(await get('/videos/trending?limit=0'), 400, 'invalid_request', /'limit'/)
      })
    })

    describe('GET /videos/{videoId}', () => {
      /** A demo video observed at least three times, with a stored sound and creator. */
      const observedVideo = () => {
        const v = raw.videos.find(
          (x) =>
            x.is_demo === 1 &&
            (raw.snapshots.get(x.id)?.length ?? 0) >= 3 &&
            x.music_id !== null &&
            raw.sounds.has(x.music_id) &&
            x.creator_id !== null &&
            raw.creators.has(x.creator_id),
        )
        assert.ok(v)
        return v
      }

      it('gives every stored data point, metrics, sound, creator and history', async () => {
        const v = observedVideo()
        const r = await get(`/videos/${v.id}`)
        assert.equal(r.status, 200)
        const d = r.body.data as Json
        checkVideo(raw, d)
        const c = raw.creators.get(v.creator_id ?? '')
        const s = raw.sounds.get(v.music_id ?? '')
        assert.ok(c && s && v.plays !== null)
        // A demo creator with a metric sample (the sparse cases have tests of their own).
        assert.ok(c.median_views !== null && c.avg_views !== null && c.engagement_rate !== null)
        const { median_views: medianViews, avg_views: avgViews, engagement_rate: creatorRate } = c
        const rate = (n: number | null) =>
          n === null || v.plays === null ? null : halfUp2(100n * big(n), big(v.plays))
        assert.deepEqual(
          {
            reposts: d.reposts,
            region: d.region,
            is_ad: d.is_ad,
            creator_id: d.creator_id,
            first_seen_at: d.first_seen_at,
            observed_at: d.observed_at,
            like_rate: d.like_rate,
            comment_rate: d.comment_rate,
            share_rate: d.share_rate,
            save_rate: d.save_rate,
            repost_rate: d.repost_rate,
            is_viral: d.is_viral,
            performance_vs_average: d.performance_vs_average,
            details: d.details,
          },
          {
            reposts: v.reposts,
            region: v.region,
            is_ad: v.is_ad === 1,
            creator_id: v.creator_id,
            first_seen_at: iso(v.first_seen_at),
            observed_at: iso(v.observed_at),
            like_rate: rate(v.likes),
            comment_rate: rate(v.comments),
            share_rate: rate(v.shares),
            save_rate: rate(v.saves),
            repost_rate: rate(v.reposts),
            is_viral: v.plays >= Math.max(3 * medianViews, 100_000),
            performance_vs_average: avgViews === 0 ? null : halfUp2(big(v.plays), big(avgViews)),
            details: JSON.parse(v.details),
          },
        )
        const bucket =
          v.duration === null
            ? null
            : v.duration < 60
              ? 'short'
              : v.duration <= 300
                ? 'medium'
                : 'long'
        assert.equal(d.duration_bucket, bucket)
        // metrics.md §6: TikTok's user count when observed, else the tracked videos.
        assert.deepEqual(d.music, {
          id: s.id,
          title: s.title,
          author: s.author_name,
          original: s.original === null ? null : s.original === 1,
          duration: s.duration,
          album: s.album,
          user_count: s.tiktok_user_count ?? s.tracked_video_count,
          counts_source: s.tiktok_user_count === null ? 'tracked' : 'tiktok',
          tracked_video_count: s.tracked_video_count,
          tracked_views: s.tracked_views,
        })
        const creator = d.creator as Json
        const profile = creator.profile as Json
        assert.equal(profile.username, c.username)
        assert.equal(profile.profile_url, `${PUBLIC_BASE_URL}/creators/${c.username}`)
        assert.equal((profile.metrics as Json).avg_views, c.avg_views)
        const videoRate = engagementRate(v)
        assert.deepEqual(
          { ...creator, profile: undefined },
          {
            profile: undefined,
            avg_views: c.avg_views,
            median_views: c.median_views,
            engagement_rate: c.engagement_rate,
            viral_threshold: Math.max(3 * medianViews, 100_000),
            views_vs_average: avgViews === 0 ? null : halfUp2(big(v.plays), big(avgViews)),
            views_vs_median: medianViews === 0 ? null : halfUp2(big(v.plays), big(medianViews)),
            engagement_rate_difference:
              videoRate === null
                ? null
                : (Math.round(videoRate * 100) - Math.round(creatorRate * 100)) / 100,
          },
        )
        const snaps = raw.snapshots.get(v.id) ?? []
        assert.deepEqual(
          d.history,
          snaps.map((x) => ({
            observed_at: iso(x.observed_at),
            plays: x.plays,
            likes: x.likes,
            comments: x.comments,
            shares: x.shares,
            saves: x.saves,
            reposts: x.reposts,
          })),
        )
        const history = await get(`/videos/${v.id}/history`)
        assert.deepEqual(d.growth, (history.body.data as Json).growth)
      })

      it('serves 80+ data points for a video', async () => {
        const v = observedVideo()
        const d = (await get(`/videos/${v.id}`)).body.data as Json
        const leaves = (x: unknown): number =>
          x !== null && typeof x === 'object' && !Array.isArray(x)
            ? Object.values(x).reduce((n: number, y) => n + leaves(y), 0)
            : 1
        const { history: _history, ...rest } = d
        assert.ok(leaves(rest) >= 80, `${leaves(rest)} data points`)
      })

      it('serves a real captured video (pinned, author with no sample)', async () => {
        const v = raw.videos.find((x) => x.is_demo === 0 && x.is_pinned === 1)
        assert.ok(v)
        const r = await get(`/videos/${v.id}`)
        assert.equal(r.status, 200)
        const d = r.body.data as Json
        assert.equal(d.is_pinned, true)
        assert.equal(d.engagement_rate, engagementRate(v))
      })

      it('serves videos whose author is not a tracked creator', async () => {
        const strays = raw.videos.filter(
          (v) => v.creator_id === null || !raw.creators.has(v.creator_id),
        )
        assert.ok(strays.length >= 2)
        for (const v of strays) {
          const d = (await get(`/videos/${v.id}`)).body.data as Json
          checkVideo(raw, d)
          assert.equal(d.creator, null)
          assert.equal(d.is_viral, null)
          assert.equal(d.performance_vs_average, null)
          const listed = await get(`/videos/search?q=${encodeURIComponent(v.search_text)}&limit=50`)
          const item = (listed.body.data as Json[]).find((x) => x.video_id === v.id)
          assert.ok(item)
          checkItem(raw, item)
        }
      })

      it('answers 404 for an unknown or malformed id', async () => {
        for (const id of ['1234567890123456789', 'abc', '9'.repeat(40), "7'or'1"]) {
          assertError(await get(`/videos/${encodeURIComponent(id)}`), 404, 'not_found', /video/i)
        }
      })
    })

    describe('GET /videos/{videoId}/history', () => {
      it('lists the snapshots oldest first with growth between the first and last', async () => {
        const entry = [...raw.snapshots.entries()].find(
          ([, s]) => s.length >= 3 && s.every((x) => x.plays !== null),
        )
        assert.ok(entry)
        const [id, snaps] = entry
        const r = await get(`/videos/${id}/history`)
        assert.equal(r.status, 200)
        const d = r.body.data as Json
        assert.equal(d.video_id, id)
        assert.equal(d.snapshot_count, snaps.length)
        assert.deepEqual(
          (d.snapshots as Json[]).map((x) => [x.observed_at, x.plays, x.likes, x.saves]),
          snaps.map((x) => [iso(x.observed_at), x.plays, x.likes, x.saves]),
        )
        const first = snaps[0]
        const last = snaps.at(-1)
        assert.ok(first && last && first.plays !== null && last.plays !== null)
        const span = last.observed_at - first.observed_at
        const change = last.plays - first.plays
        const growth = d.growth as Json
        assert.equal(growth.from, iso(first.observed_at))
        assert.equal(growth.to, iso(last.observed_at))
        assert.equal(growth.days, halfUp2(big(span), 86_400n))
        assert.deepEqual(growth.plays, {
          absolute: change,
          percent: first.plays === 0 ? null : halfUp2(100n * big(change), big(first.plays)),
          per_day: halfUp2(big(change) * 86_400n, big(span)),
        })
        for (const key of ['likes', 'comments', 'shares', 'saves', 'reposts'] as const) {
          const a: number | null = first[key]
          const b: number | null = last[key]
          const g = growth[key] as Json
          if (a === null || b === null) {
            assert.deepEqual(g, { absolute: null, percent: null, per_day: null })
          } else {
            assert.equal(g.absolute, b - a, key)
            assert.equal(g.per_day, halfUp2(big(b - a) * 86_400n, big(span)), key)
          }
        }
      })

      it('has no growth with a single snapshot', async () => {
        const entry = [...raw.snapshots.entries()].find(([, s]) => s.length === 1)
        assert.ok(entry)
        const d = (await get(`/videos/${entry[0]}/history`)).body.data as Json
        assert.equal(d.snapshot_count, 1)
        assert.equal(d.growth, null)
      })

      it('answers 404 for an unknown video', async () => {
        assertError(await get('/videos/1234567890123456789/history'), 404, 'not_found', /video/i)
        assertError(await get('/videos/not-a-video/history'), 404, 'not_found', /video/i)
      })
    })
  })
}
