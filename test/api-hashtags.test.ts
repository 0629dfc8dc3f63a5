/** The hashtag operations on a seeded database, checked against metrics.md from raw rows. */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type Compilable, CompiledQuery, type Selectable, sql } from 'kysely'
import type { Database } from '../src/db/open.js'
import type { HashtagRow } from '../src/db/schema.js'
import { fillTagHours } from '../src/db/tag-hours-fill.js'
import { hashtagTotals } from '../src/domain/hashtag-totals.js'
import { HOUR_SECONDS } from '../src/domain/tag-hours.js'
import { compareTrendingTags } from '../src/domain/trending.js'
import type { CreatorUsesView } from '../src/queries/hashtags/creator-uses-views.js'
import type { HashtagDetails } from '../src/queries/hashtags/get-hashtag-details.js'
import { hashtagTopVideoIds } from '../src/queries/hashtags/hashtag-top-videos.js'
import { hashtagTrendCounts } from '../src/queries/hashtags/hashtag-trend.js'
import type { HashtagView } from '../src/queries/hashtags/hashtag-view.js'
import { hashtagSearchQuery } from '../src/queries/hashtags/search-hashtags.js'
import {
  type TrendingHashtag,
  trendingHashtags,
} from '../src/queries/hashtags/trending-hashtags.js'
import type { Pagination } from '../src/queries/pagination.js'
import type { QueryContext } from '../src/queries/query-context.js'
import { apiCalls, type ErrorBody } from './support/api-calls.js'
import { testDatabases } from './support/databases.js'
import { API_NOW, PUBLIC_BASE_URL, type SeededApi, seededApi } from './support/seeded-api.js'

type Hashtag = Selectable<HashtagRow>
interface Page<T> {
  data: T[]
  pagination: Pagination
  meta: { request_id: string }
}
interface One<T> {
  data: T
  meta: { request_id: string }
}
interface RawVideo {
  id: string
  creator_id: string | null
  plays: number | null
  posted_at: number | null
  music_id: string | null
}

// ---- metrics.md arithmetic, written here independently of src/ ----

/** §5: the 7 days before now. */
const WINDOW_START = API_NOW - 7 * 86_400
const iso = (s: number | null): string | null =>
  s === null ? null : new Date(s * 1000).toISOString().replace('.000Z', 'Z')
const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
/** §6: TikTok's figures when both were observed, else both tracked ones. */
function reported(h: Hashtag): { videos: number; views: number; source: 'tiktok' | 'tracked' } {
  return h.tiktok_video_count !== null && h.tiktok_view_count !== null
    ? { videos: h.tiktok_video_count, views: h.tiktok_view_count, source: 'tiktok' }
    : { videos: h.tracked_video_count, views: h.tracked_views, source: 'tracked' }
}
/** Most-played first, unknown plays last, then id. */
const byPlays = (a: RawVideo, b: RawVideo): number =>
  (a.plays === null ? 1 : 0) - (b.plays === null ? 1 : 0) ||
  (b.plays ?? 0) - (a.plays ?? 0) ||
  cmpStr(a.id, b.id)

/** A video inserted by the test (no creator, no sound): edge cases the demo data lacks. */
function extraVideo(id: string, postedAt: number, plays: number | null) {
  return {
    id,
    creator_id: null,
    description: `extra ${id}`,
    search_text: `extra ${id}`,
    posted_at: postedAt,
    duration: 15,
    content_type: 'video',
    is_pinned: 0,
    is_ad: 0,
    music_id: null,
    plays,
    likes: plays === null ? null : 10,
    comments: 1,
    shares: 1,
    saves: null,
    reposts: null,
    region: null,
    details: '{}',
    observed_at: API_NOW - 60,
    first_seen_at: API_NOW - 60,
    is_demo: 0,
  }
}

function extraHashtag(name: string, fields: Partial<Hashtag>): Hashtag {
  return {
    name,
    tiktok_id: null,
    description: null,
    tiktok_video_count: null,
    tiktok_view_count: null,
    tiktok_observed_at: null,
    tracked_video_count: 0,
    tracked_views: 0,
    first_seen_at: API_NOW - 60,
    is_demo: 0,
    ...fields,
  }
}

/** The query plan of a built query; on PostgreSQL with sequential scans and sorts discouraged,
 * so that the plan shows whether an index CAN give the order (tables here are tiny). */
async function planOf(database: Database, query: Compilable): Promise<string> {
  const c = query.compile()
  if (database.dialect.name === 'sqlite') {
    const r = await database.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${c.sql}`, [...c.parameters]),
    )
    return r.rows.map((x) => x.detail).join('\n')
  }
  return database.db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx)
    await sql`set local enable_sort = off`.execute(trx)
    const r = await trx.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain ${c.sql}`, [...c.parameters]),
    )
    return r.rows.map((x) => x['QUERY PLAN']).join('\n')
  })
}

describe('hashtag operations', () => {
  for (const target of testDatabases()) {
    describe(`on ${target.name}`, () => {
      let api: SeededApi
      let ctx: QueryContext
      let hashtags: Hashtag[]
      let videos: Map<string, RawVideo>
      /** Hashtags of each video, in stored order. */
      let tagsOf: Map<string, string[]>

      const { get, ok, failing } = apiCalls(() => api.app)
      const searchAll = async (query: string): Promise<HashtagView[]> => {
        const out: HashtagView[] = []
        for (let page = 1; ; page++) {
          const body = await ok<Page<HashtagView>>(`/hashtags/search?limit=50&page=${page}${query}`)
          out.push(...body.data)
          if (!body.pagination.has_more) return out
        }
      }
      const assertHashtag = (item: HashtagView, h: Hashtag) => {
        const r = reported(h)
        assert.deepEqual(item, {
          name: h.name,
          tiktok_id: h.tiktok_id,
          description: h.description,
          video_count: r.videos,
          view_count: r.views,
          counts_source: r.source,
          tracked_video_count: h.tracked_video_count,
          tracked_views: h.tracked_views,
          tiktok_counts_observed_at: iso(h.tiktok_observed_at),
          tiktok_url: `https://www.tiktok.com/tag/${encodeURIComponent(h.name)}`,
        })
      }
      /** Sorted by a §6 figure desc, then name. */
      const expectedOrder = (list: Hashtag[], figure: 'videos' | 'views') =>
        [...list]
          .sort((a, b) => reported(b)[figure] - reported(a)[figure] || cmpStr(a.name, b.name))
          .map((h) => h.name)

      before(async () => {
        api = await seededApi(target)
        const { db } = api.database
        ctx = {
          db,
          dialect: api.database.dialect,
          dataVersion: api.database.dataVersion,
          now: () => API_NOW,
          publicBaseUrl: PUBLIC_BASE_URL,
        }
        // Edge cases: one TikTok figure only, TikTok's zeros, LIKE wildcards in names, unknown
        // plays, the window's first second and the second before, and two tags tied on both
        // trending figures (inserted b before a).
        const extra: [string, number, number | null, string[]][] = [
          ['9000000000000000001', API_NOW - 3_600, 40, ['zz_mixed', 'zznull']],
          ['9000000000000000002', API_NOW - 7_200, null, ['zznull']],
          ['9000000000000000003', WINDOW_START, 500, ['zzedge']],
          ['9000000000000000004', WINDOW_START - 1, 500, ['zzout']],
          ['9000000000000000005', API_NOW - 600, 777, ['zztieb']],
          ['9000000000000000006', API_NOW - 900, 777, ['zztiea']],
        ]
        for (const [id, postedAt, plays, tags] of extra) {
          await db
            .insertInto('videos')
            .values(extraVideo(id, postedAt, plays))
            .execute()
          await db
            .insertInto('video_hashtags')
            .values(tags.map((hashtag, position) => ({ video_id: id, hashtag, position })))
            .execute()
        }
        await db
          .insertInto('hashtags')
          .values([
            extraHashtag('zz_mixed', {
              tiktok_video_count: 5_000,
              tiktok_observed_at: API_NOW - 100,
              tracked_video_count: 1,
              tracked_views: 40,
            }),
            extraHashtag('zzzero', {
              tiktok_video_count: 0,
              tiktok_view_count: 0,
              tiktok_observed_at: API_NOW - 100,
              tracked_video_count: 0,
              tracked_views: 0,
            }),
            extraHashtag('zz%pct', { tracked_video_count: 0, tracked_views: 0 }),
            extraHashtag('zznull', { tracked_video_count: 2, tracked_views: 40 }),
            extraHashtag('zzedge', { tracked_video_count: 1, tracked_views: 500 }),
            extraHashtag('zzout', { tracked_video_count: 1, tracked_views: 500 }),
            extraHashtag('zztieb', { tracked_video_count: 1, tracked_views: 777 }),
            extraHashtag('zztiea', { tracked_video_count: 1, tracked_views: 777 }),
          ])
          .execute()
        // Rows inserted around ingestion need the hour buckets ingestion would have kept.
        await fillTagHours(db, HOUR_SECONDS)
        hashtags = await db.selectFrom('hashtags').selectAll().execute()
        const rows = await db
          .selectFrom('videos')
          .select(['id', 'creator_id', 'plays', 'posted_at', 'music_id'])
          .execute()
        videos = new Map(rows.map((v) => [v.id, v]))
        const links = await db.selectFrom('video_hashtags').selectAll().execute()
        links.sort((a, b) => a.position - b.position)
        tagsOf = new Map()
        for (const l of links)
          tagsOf.set(l.video_id, [...(tagsOf.get(l.video_id) ?? []), l.hashtag])
      })
      after(async () => {
        await api.close()
        await target.cleanup()
      })

      /** Every tracked video carrying `tag`. */
      const videosWith = (tag: string): RawVideo[] =>
        [...tagsOf].flatMap(([id, tags]) => {
          const v = videos.get(id)
          return v && tags.includes(tag) ? [v] : []
        })

      // ------------------------------------------------------------------ search
      describe('searchTikTokHashtags', () => {
        it('lists every hashtag by §6 video_count desc, then name, with every field', async () => {
          const all = await searchAll('')
          assert.deepEqual(
            all.map((h) => h.name),
            expectedOrder(hashtags, 'videos'),
          )
          const byName = new Map(hashtags.map((h) => [h.name, h]))
          for (const item of all) assertHashtag(item, byName.get(item.name) as Hashtag)
          // Both kinds of figures are served (the seeded data has TikTok figures for most tags).
          assert.ok(all.some((h) => h.counts_source === 'tiktok'))
          assert.ok(all.some((h) => h.counts_source === 'tracked'))
        })

        it('agrees with the domain reference hashtagTotals on values and SQL order', async () => {
          const all = await searchAll('&sort=video_count')
          const byName = new Map(hashtags.map((h) => [h.name, h]))
          const reference = all.map((item) => {
            const h = byName.get(item.name) as Hashtag
            const t = hashtagTotals(
              { videoCount: h.tiktok_video_count, viewCount: h.tiktok_view_count },
              { videoCount: h.tracked_video_count, views: h.tracked_views },
            )
            assert.equal(item.video_count, t.videoCount)
            assert.equal(item.view_count, t.viewCount)
            assert.equal(item.counts_source, t.source)
            return { name: item.name, count: t.videoCount }
          })
          const sorted = [...reference].sort((a, b) => b.count - a.count || cmpStr(a.name, b.name))
          assert.deepEqual(reference, sorted)
          const byViews = await searchAll('&sort=view_count')
          for (let i = 1; i < byViews.length; i++) {
            const a = byViews[i - 1] as HashtagView
            const b = byViews[i] as HashtagView
            assert.ok(
              a.view_count > b.view_count || (a.view_count === b.view_count && a.name < b.name),
            )
          }
        })

        it('sorts by the §6 view_count when asked', async () => {
          const all = await searchAll('&sort=view_count')
          assert.deepEqual(
            all.map((h) => h.name),
            expectedOrder(hashtags, 'views'),
          )
        })

        it("uses tracked figures when one TikTok figure is missing; keeps TikTok's 0", async () => {
          const all = await searchAll('&q=zz')
          const mixed = all.find((h) => h.name === 'zz_mixed')
          assert.deepEqual(
            [mixed?.video_count, mixed?.view_count, mixed?.counts_source],
            [1, 40, 'tracked'],
          )
          const zero = all.find((h) => h.name === 'zzzero')
          assert.deepEqual(
            [zero?.video_count, zero?.view_count, zero?.counts_source, zero?.tracked_video_count],
            [0, 0, 'tiktok', 0],
          )
        })

        it('matches a substring of the name, case-insensitively, with # optional', async () => {
          const expected = expectedOrder(
            hashtags.filter((h) => h.name.includes('fit')),
            'videos',
          )
          assert.ok(expected.length >= 2)
          for (const q of ['fit', 'FIT', '%23Fit', '%23%23fit', '%20fit%20']) {
            const all = await searchAll(`&q=${q}`)
            assert.deepEqual(
              all.map((h) => h.name),
              expected,
              q,
            )
          }
        })

        it('matches LIKE wildcards literally, and a blank q matches everything', async () => {
          const underscore = await searchAll('&q=_')
          assert.deepEqual(
            underscore.map((h) => h.name),
            expectedOrder(
              hashtags.filter((h) => h.name.includes('_')),
              'videos',
            ),
          )
          const percent = await searchAll('&q=%25')
          assert.deepEqual(
            percent.map((h) => h.name),
            ['zz%pct'],
          )
          assert.equal((await searchAll('&q=%23')).length, hashtags.length)
          assert.equal((await searchAll('&q=')).length, hashtags.length)
          assert.deepEqual(await searchAll('&q=nothing-like-this'), [])
        })

        it('paginates', async () => {
          const order = expectedOrder(hashtags, 'videos')
          const total = hashtags.length
          const pages = Math.ceil(total / 7)
          const second = await ok<Page<HashtagView>>('/hashtags/search?limit=7&page=2')
          assert.deepEqual(
            second.data.map((h) => h.name),
            order.slice(7, 14),
          )
          assert.deepEqual(second.pagination, {
            page: 2,
            limit: 7,
            total,
            total_pages: pages,
            has_more: true,
          })
          const last = await ok<Page<HashtagView>>(`/hashtags/search?limit=7&page=${pages}`)
          assert.deepEqual(
            last.data.map((h) => h.name),
            order.slice(7 * (pages - 1)),
          )
          assert.equal(last.pagination.has_more, false)
          const beyond = await ok<Page<HashtagView>>(`/hashtags/search?limit=7&page=${pages + 1}`)
          assert.deepEqual(beyond.data, [])
          assert.equal(beyond.pagination.has_more, false)
          const first = await ok<Page<HashtagView>>('/hashtags/search')
          assert.equal(first.data.length, 20)
          assert.deepEqual([first.pagination.page, first.pagination.limit], [1, 20])
          assert.ok(first.meta.request_id)
        })

        it('answers 400 naming the parameter', async () => {
          await failing('/hashtags/search?sort=bogus', 400, 'sort')
          await failing('/hashtags/search?limit=0', 400, 'limit')
          await failing('/hashtags/search?limit=51', 400, 'limit')
          await failing('/hashtags/search?limit=abc', 400, 'limit')
          await failing('/hashtags/search?page=0', 400, 'page')
        })

        it('walks the expression indexes of the §6 figures', async () => {
          for (const [sort, index] of [
            ['video_count', 'hashtags_video_count_sort_idx'],
            ['view_count', 'hashtags_view_count_sort_idx'],
          ] as const) {
            const plan = await planOf(
              api.database,
              hashtagSearchQuery(ctx, { page: 1, limit: 20, sort }),
            )
            assert.ok(plan.includes(index), plan)
            assert.ok(!/TEMP B-TREE|Sort/.test(plan), plan)
          }
        })
      })

      // ------------------------------------------------------------------ details
      describe('getTikTokHashtagDetails', () => {
        /** §5 figures of one tag, from the raw rows. */
        const trendOf = (tag: string) => {
          const recent = videosWith(tag).filter(
            (v) => v.posted_at !== null && v.posted_at >= WINDOW_START,
          )
          return {
            window_start: iso(WINDOW_START),
            window_days: 7,
            recent_video_count: recent.length,
            recent_views: recent.reduce((s, v) => s + (v.plays ?? 0), 0),
            is_trending: recent.length > 0,
          }
        }
        /** Creators by their videos carrying the tag, then followers (unknown last), then id. */
        const topCreatorsOf = async (tag: string) => {
          const uses = new Map<string, number>()
          for (const v of videosWith(tag))
            if (v.creator_id !== null) uses.set(v.creator_id, (uses.get(v.creator_id) ?? 0) + 1)
          if (uses.size === 0) return []
          const rows = await api.database.db
            .selectFrom('creators')
            .selectAll()
            .where('id', 'in', [...uses.keys()])
            .execute()
          return rows
            .map((c) => ({ c, uses: uses.get(c.id) ?? 0 }))
            .sort(
              (a, b) =>
                b.uses - a.uses ||
                (a.c.followers === null ? 1 : 0) - (b.c.followers === null ? 1 : 0) ||
                (b.c.followers ?? 0) - (a.c.followers ?? 0) ||
                cmpStr(a.c.id, b.c.id),
            )
            .slice(0, 10)
        }
        const checkDetails = async (tag: string, url: string) => {
          const { data } = await ok<One<HashtagDetails>>(url)
          const h = hashtags.find((x) => x.name === tag) as Hashtag
          const { trend, top_videos, top_creators, ...rest } = data
          assertHashtag(rest, h)
          assert.deepEqual(trend, trendOf(tag))
          const expectedVideos = videosWith(tag).sort(byPlays).slice(0, 10)
          assert.deepEqual(
            top_videos.map((v) => v.video_id),
            expectedVideos.map((v) => v.id),
          )
          for (const v of top_videos) {
            const raw = videos.get(v.video_id) as RawVideo
            assert.equal(v.plays, raw.plays)
            assert.deepEqual(v.hashtags, tagsOf.get(v.video_id))
            assert.ok(v.hashtags.includes(tag))
            assert.equal(v.posted_at, iso(raw.posted_at))
            if (raw.creator_id === null) assert.equal(v.creator, null)
            else {
              const c = await api.database.db
                .selectFrom('creators')
                .select('username')
                .where('id', '=', raw.creator_id)
                .executeTakeFirstOrThrow()
              assert.equal(v.creator?.username, c.username)
              assert.match(v.video_url, new RegExp(`/@${c.username}/(video|photo)/${v.video_id}$`))
            }
          }
          const expectedCreators = await topCreatorsOf(tag)
          assert.deepEqual(
            top_creators.map((c: CreatorUsesView) => [c.id, c.uses]),
            expectedCreators.map((e) => [e.c.id, e.uses]),
          )
          for (const [i, c] of top_creators.entries()) {
            const raw = expectedCreators[i]?.c
            assert.ok(raw)
            assert.equal(c.username, raw.username)
            assert.equal(c.followers, raw.followers)
            assert.equal(c.metrics.engagement_rate, raw.engagement_rate)
            assert.equal(c.metrics.creator_score, raw.grade)
            assert.equal(c.profile_url, `${PUBLIC_BASE_URL}/creators/${raw.username}`)
          }
          return data
        }

        it('serves totals, trend, top videos and top creators of the busiest tag', async () => {
          const busiest = [...hashtags].sort(
            (a, b) => b.tracked_video_count - a.tracked_video_count || cmpStr(a.name, b.name),
          )[0] as Hashtag
          const data = await checkDetails(busiest.name, `/hashtags/${busiest.name}`)
          assert.equal(data.top_videos.length, 10)
          assert.equal(data.top_creators.length, 10)
          assert.ok(data.trend.recent_video_count > 0)
        })

        it('matches the tag case-insensitively with # optional', async () => {
          const a = await checkDetails('fitness', '/hashtags/%23FITNESS')
          const b = await ok<One<HashtagDetails>>('/hashtags/Fitness')
          assert.deepEqual(a, b.data)
        })

        it('lists videos of unknown plays last and counts them as 0 in the trend', async () => {
          const data = await checkDetails('zznull', '/hashtags/zznull')
          assert.deepEqual(
            data.top_videos.map((v) => [v.video_id, v.plays, v.creator]),
            [
              ['9000000000000000001', 40, null],
              ['9000000000000000002', null, null],
            ],
          )
          assert.deepEqual(data.top_creators, [])
          assert.equal(data.trend.recent_views, 40)
        })

        it('counts the first second of the window, not the second before', async () => {
          const edge = await checkDetails('zzedge', '/hashtags/zzedge')
          assert.deepEqual([edge.trend.recent_video_count, edge.trend.is_trending], [1, true])
          const out = await checkDetails('zzout', '/hashtags/zzout')
          assert.deepEqual(
            [out.trend.recent_video_count, out.trend.recent_views, out.trend.is_trending],
            [0, 0, false],
          )
        })

        it('checks several more tags against the raw rows', async () => {
          const tags = [...hashtags]
            .sort((a, b) => b.tracked_video_count - a.tracked_video_count || cmpStr(a.name, b.name))
            .filter((_, i) => i % 17 === 3)
          // `%23` keeps tags named like the static routes (#trending, #search) reachable.
          for (const h of tags)
            await checkDetails(h.name, `/hashtags/%23${encodeURIComponent(h.name)}`)
        })

        it('finds the same top videos by walking the plays index (popular tags)', async () => {
          for (const h of hashtags.filter((x) => x.tracked_video_count > 0)) {
            const expected = videosWith(h.name)
              .sort(byPlays)
              .slice(0, 10)
              .map((v) => v.id)
            // A short walk finds the top of popular tags; for the rest it falls back.
            for (const playsWalk of [1, 25, 400]) {
              const ids = await hashtagTopVideoIds(ctx, h.name, h.tracked_video_count, {
                readAllMax: 0,
                playsWalk,
              })
              assert.deepEqual(ids, expected, `${h.name} walk ${playsWalk}`)
            }
          }
        })

        it('counts a trend exactly from any window start: whole hours from buckets, the first partial hour from videos', async () => {
          // API_NOW is on the hour; these starts put the window's edge inside an hour too.
          for (const start of [
            WINDOW_START,
            WINDOW_START + 1,
            WINDOW_START + 1_800,
            WINDOW_START - 1,
            WINDOW_START - 3_599,
          ]) {
            for (const h of hashtags) {
              const recent = videosWith(h.name).filter(
                (v) => v.posted_at !== null && v.posted_at >= start,
              )
              const counts = await hashtagTrendCounts(ctx, h.name, start)
              assert.deepEqual(
                [counts.recentVideos, counts.recentPlays],
                [recent.length, recent.reduce((s, v) => s + (v.plays ?? 0), 0)],
                `${h.name} from ${start}`,
              )
            }
          }
        })

        it('answers 404 for an unknown tag and 400 for an empty one', async () => {
          await failing('/hashtags/not-a-tracked-tag', 404, 'not-a-tracked-tag')
          await failing('/hashtags/%23', 404)
          await failing('/hashtags/%20', 404)
          await failing('/hashtags/', 400, 'tag')
        })

        it('reaches tags named like the static routes through %23', async () => {
          const res = await get<ErrorBody>('/hashtags/%23search')
          assert.equal(res.status, 404)
          assert.ok(res.body.error.message.includes('#search'))
        })
      })

      // ------------------------------------------------------------------ trending
      describe('getTrendingTikTokHashtags', () => {
        /** §5 over the raw rows: every tag of a video posted in the window, ordered. */
        const expectedTrending = (start = WINDOW_START) => {
          const counts = new Map<string, { videos: number; plays: number }>()
          for (const [id, tags] of tagsOf) {
            const v = videos.get(id)
            if (!v || v.posted_at === null || v.posted_at < start) continue
            for (const t of tags) {
              const c = counts.get(t) ?? { videos: 0, plays: 0 }
              c.videos += 1
              c.plays += v.plays ?? 0
              counts.set(t, c)
            }
          }
          return [...counts]
            .map(([name, c]) => ({ name, ...c }))
            .sort((a, b) => b.videos - a.videos || b.plays - a.plays || cmpStr(a.name, b.name))
        }
        const assertItems = (
          items: TrendingHashtag[],
          expected: ReturnType<typeof expectedTrending>,
        ) => {
          assert.deepEqual(
            items.map((t) => [t.rank, t.name, t.trend.recent_video_count, t.trend.recent_views]),
            expected.map((e, i) => [i + 1, e.name, e.videos, e.plays]),
          )
          const byName = new Map(hashtags.map((h) => [h.name, h]))
          for (const { rank: _, trend, ...rest } of items) {
            assertHashtag(rest, byName.get(rest.name) as Hashtag)
            assert.equal(trend.window_start, iso(WINDOW_START))
            assert.equal(trend.window_days, 7)
            assert.equal(trend.is_trending, true)
          }
        }

        it('counts the window to the second when it starts inside an hour', async () => {
          for (const shift of [1, 1_800, 3_599, -1]) {
            const start = WINDOW_START + shift
            const items = await trendingHashtags(
              { ...ctx, now: () => API_NOW + shift },
              { limit: 100 },
            )
            assert.deepEqual(
              items.map((t) => [t.name, t.trend.recent_video_count, t.trend.recent_views]),
              expectedTrending(start)
                .slice(0, 100)
                .map((e) => [e.name, e.videos, e.plays]),
              `window from ${start}`,
            )
          }
        })

        it('orders tags by recent videos, their plays, then name (limit 20)', async () => {
          const expected = expectedTrending()
          assert.ok(expected.length > 20)
          const body = await ok<One<TrendingHashtag[]>>('/hashtags/trending')
          assertItems(body.data, expected.slice(0, 20))
          assert.ok(body.meta.request_id)
          const five = await ok<One<TrendingHashtag[]>>('/hashtags/trending?limit=5')
          assertItems(five.data, expected.slice(0, 5))
          const fifty = await ok<One<TrendingHashtag[]>>('/hashtags/trending?limit=50')
          assertItems(fifty.data, expected.slice(0, 50))
        })

        it('lists every trending tag in domain order, exact ties and edges', async () => {
          const all = await trendingHashtags(ctx, { limit: 100_000 })
          const expected = expectedTrending()
          assertItems(all, expected)
          const reference = all
            .map((t) => ({
              key: t.name,
              recentVideos: t.trend.recent_video_count,
              recentPlays: t.trend.recent_views,
            }))
            .sort(compareTrendingTags)
          assert.deepEqual(
            all.map((t) => t.name),
            reference.map((t) => t.key),
          )
          const names = all.map((t) => t.name)
          assert.ok(names.indexOf('zztiea') + 1 === names.indexOf('zztieb'))
          assert.ok(names.includes('zzedge'))
          assert.ok(!names.includes('zzout'))
          assert.ok(!names.includes('zzzero'))
        })

        it('answers 400 naming limit', async () => {
          await failing('/hashtags/trending?limit=0', 400, 'limit')
          await failing('/hashtags/trending?limit=51', 400, 'limit')
          await failing('/hashtags/trending?limit=x', 400, 'limit')
        })
      })
    })
  }
})
