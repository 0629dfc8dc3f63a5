/** The sound operations on a seeded database, checked against metrics.md computed from raw rows. */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type Compilable, CompiledQuery, type Selectable, sql } from 'kysely'
import type { Database } from '../src/db/open.js'
import type { SoundRow } from '../src/db/schema.js'
import { fillTagHours } from '../src/db/tag-hours-fill.js'
import { soundUserCount } from '../src/domain/hashtag-totals.js'
import { HOUR_SECONDS } from '../src/domain/tag-hours.js'
import { compareTrendingTags } from '../src/domain/trending.js'
import type { Pagination } from '../src/queries/pagination.js'
import type { QueryContext } from '../src/queries/query-context.js'
import type { SoundDetails } from '../src/queries/sounds/get-sound-details.js'
import { soundSearchQuery } from '../src/queries/sounds/search-sounds.js'
import { soundTrendCounts } from '../src/queries/sounds/sound-trend.js'
import type { SoundView } from '../src/queries/sounds/sound-view.js'
import { type TrendingSound, trendingSounds } from '../src/queries/sounds/trending-sounds.js'
import { apiCalls } from './support/api-calls.js'
import { testDatabases } from './support/databases.js'
import { API_NOW, PUBLIC_BASE_URL, type SeededApi, seededApi } from './support/seeded-api.js'

type Sound = Selectable<SoundRow>
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
/** §6: TikTok's user count when observed (even 0), else the tracked videos. */
const userCount = (s: Sound): number => s.tiktok_user_count ?? s.tracked_video_count
/** Most-played first, unknown plays last, then id. */
const byPlays = (a: RawVideo, b: RawVideo): number =>
  (a.plays === null ? 1 : 0) - (b.plays === null ? 1 : 0) ||
  (b.plays ?? 0) - (a.plays ?? 0) ||
  cmpStr(a.id, b.id)

/** A video inserted by the test: edge cases the demo data lacks. */
function extraVideo(
  id: string,
  musicId: string,
  creatorId: string | null,
  postedAt: number,
  plays: number | null,
) {
  return {
    id,
    creator_id: creatorId,
    description: `extra ${id}`,
    search_text: `extra ${id}`,
    posted_at: postedAt,
    duration: 15,
    content_type: 'video',
    is_pinned: 0,
    is_ad: 0,
    music_id: musicId,
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

function extraSound(id: string, fields: Partial<Sound>): Sound {
  return {
    id,
    title: null,
    title_lower: null,
    author_name: null,
    original: null,
    duration: null,
    album: null,
    tiktok_user_count: null,
    observed_at: API_NOW - 60,
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

describe('sound operations', () => {
  for (const target of testDatabases()) {
    describe(`on ${target.name}`, () => {
      let api: SeededApi
      let ctx: QueryContext
      let sounds: Sound[]
      let videos: RawVideo[]
      /** Hashtags of each video, in stored order. */
      let tagsOf: Map<string, string[]>

      const { ok, failing } = apiCalls(() => api.app)
      const searchAll = async (query: string): Promise<SoundView[]> => {
        const out: SoundView[] = []
        for (let page = 1; ; page++) {
          const body = await ok<Page<SoundView>>(`/sounds/search?limit=50&page=${page}${query}`)
          out.push(...body.data)
          if (!body.pagination.has_more) return out
        }
      }
      const assertSound = (item: SoundView, s: Sound) => {
        assert.deepEqual(item, {
          id: s.id,
          title: s.title,
          author: s.author_name,
          original: s.original === null ? null : s.original === 1,
          duration: s.duration,
          album: s.album,
          user_count: userCount(s),
          counts_source: s.tiktok_user_count === null ? 'tracked' : 'tiktok',
          tracked_video_count: s.tracked_video_count,
          tracked_views: s.tracked_views,
          first_seen_at: iso(s.first_seen_at),
          tiktok_url: `https://www.tiktok.com/music/-${s.id}`,
        })
      }
      const byUserCount = (list: Sound[]) =>
        [...list].sort((a, b) => userCount(b) - userCount(a) || cmpStr(a.id, b.id)).map((s) => s.id)
      const byRecent = (list: Sound[]) =>
        [...list]
          .sort((a, b) => b.first_seen_at - a.first_seen_at || cmpStr(a.id, b.id))
          .map((s) => s.id)
      const videosUsing = (id: string) => videos.filter((v) => v.music_id === id)

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
        const creator = await db
          .selectFrom('creators')
          .select('id')
          .where('is_demo', '=', 1)
          .orderBy('id')
          .executeTakeFirstOrThrow()
        // Edge cases: TikTok's 0, a capitalised author, LIKE wildcards, unknown plays, one
        // creator behind the top videos, the window's first second and the second before, two
        // sounds tied on both trending figures (the higher id inserted first).
        await db
          .insertInto('sounds')
          .values([
            extraSound('8800000000000000001', {
              title: 'Zero Club_Mix 100%',
              title_lower: 'zero club_mix 100%',
              author_name: 'DJ ZÉRO Kappa',
              original: 0,
              album: 'Zero Album',
              duration: 42,
              tiktok_user_count: 0,
              tracked_video_count: 3,
              tracked_views: 1_500,
              first_seen_at: API_NOW - 30,
            }),
            extraSound('8800000000000000002', { title: 'Edge', title_lower: 'edge' }),
            extraSound('8800000000000000003', { title: 'Out', title_lower: 'out' }),
            extraSound('8800000000000000004', { title: 'Tie B', title_lower: 'tie b' }),
            extraSound('8800000000000000005', { title: 'Tie A', title_lower: 'tie a' }),
          ])
          .execute()
        const extra = [
          extraVideo('9100000000000000001', '8800000000000000001', creator.id, API_NOW - 100, 900),
          extraVideo('9100000000000000002', '8800000000000000001', creator.id, API_NOW - 200, 600),
          extraVideo('9100000000000000003', '8800000000000000001', null, API_NOW - 300, null),
          extraVideo('9100000000000000004', '8800000000000000002', null, WINDOW_START, 5),
          extraVideo('9100000000000000005', '8800000000000000003', null, WINDOW_START - 1, 5),
          extraVideo('9100000000000000006', '8800000000000000005', null, API_NOW - 50, 333),
          extraVideo('9100000000000000007', '8800000000000000004', null, API_NOW - 50, 333),
        ]
        await db.insertInto('videos').values(extra).execute()
        // Rows inserted around ingestion need the hour buckets ingestion would have kept.
        await fillTagHours(db, HOUR_SECONDS)
        sounds = await db.selectFrom('sounds').selectAll().execute()
        videos = await db
          .selectFrom('videos')
          .select(['id', 'creator_id', 'plays', 'posted_at', 'music_id'])
          .execute()
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

      // ------------------------------------------------------------------ search
      describe('searchTikTokSounds', () => {
        it('lists every sound by the §6 user_count (desc), then id, with every field', async () => {
          const all = await searchAll('')
          assert.deepEqual(
            all.map((s) => s.id),
            byUserCount(sounds),
          )
          const byId = new Map(sounds.map((s) => [s.id, s]))
          for (const item of all) assertSound(item, byId.get(item.id) as Sound)
          assert.ok(all.some((s) => s.counts_source === 'tiktok'))
          assert.ok(all.some((s) => s.counts_source === 'tracked'))
          // The domain reference agrees with every served figure.
          for (const item of all) {
            const s = byId.get(item.id) as Sound
            assert.equal(
              item.user_count,
              soundUserCount(s.tiktok_user_count, s.tracked_video_count),
            )
          }
          const zero = all.find((s) => s.id === '8800000000000000001')
          assert.deepEqual(
            [zero?.user_count, zero?.counts_source, zero?.tracked_video_count, zero?.original],
            [0, 'tiktok', 3, false],
          )
        })

        it('sorts by recent: first seen, newest first, then id', async () => {
          const all = await searchAll('&sort=recent')
          assert.deepEqual(
            all.map((s) => s.id),
            byRecent(sounds),
          )
          const explicit = await searchAll('&sort=user_count')
          assert.deepEqual(
            explicit.map((s) => s.id),
            byUserCount(sounds),
          )
        })

        it('matches a substring of the title or the author, case-insensitively', async () => {
          const author = sounds.find((s) => s.author_name !== null && /[A-Z]/.test(s.author_name))
          assert.ok(author?.author_name)
          for (const q of [
            author.author_name.slice(0, 6).toUpperCase(),
            'ORIGINAL SOUND',
            'Sound',
            'club',
            'KAPPA',
          ]) {
            const needle = q.toLowerCase()
            const expected = sounds.filter(
              (s) =>
                (s.title ?? '').toLowerCase().includes(needle) ||
                (s.author_name ?? '').toLowerCase().includes(needle),
            )
            assert.ok(expected.length > 0, q)
            const all = await searchAll(`&q=${encodeURIComponent(q)}`)
            assert.deepEqual(
              all.map((s) => s.id),
              byUserCount(expected),
              q,
            )
          }
        })

        it('matches LIKE wildcards literally, and a blank q matches everything', async () => {
          for (const q of ['_', '%', '100%', 'b_m']) {
            const all = await searchAll(`&q=${encodeURIComponent(q)}`)
            const expected = sounds.filter(
              (s) =>
                (s.title ?? '').toLowerCase().includes(q) ||
                (s.author_name ?? '').toLowerCase().includes(q),
            )
            assert.deepEqual(
              all.map((s) => s.id),
              byUserCount(expected),
              q,
            )
          }
          assert.equal((await searchAll('&q=')).length, sounds.length)
          assert.equal((await searchAll('&q=%20%20')).length, sounds.length)
          assert.deepEqual(await searchAll('&q=no-such-sound-anywhere'), [])
        })

        it('paginates', async () => {
          const order = byUserCount(sounds)
          const total = sounds.length
          const pages = Math.ceil(total / 9)
          const third = await ok<Page<SoundView>>('/sounds/search?limit=9&page=3')
          assert.deepEqual(
            third.data.map((s) => s.id),
            order.slice(18, 27),
          )
          assert.deepEqual(third.pagination, {
            page: 3,
            limit: 9,
            total,
            total_pages: pages,
            has_more: true,
          })
          const last = await ok<Page<SoundView>>(`/sounds/search?limit=9&page=${pages}`)
          assert.deepEqual(
            last.data.map((s) => s.id),
            order.slice(9 * (pages - 1)),
          )
          assert.equal(last.pagination.has_more, false)
          const beyond = await ok<Page<SoundView>>(`/sounds/search?limit=9&page=${pages + 2}`)
          assert.deepEqual([beyond.data, beyond.pagination.has_more], [[], false])
          const first = await ok<Page<SoundView>>('/sounds/search')
          assert.deepEqual(
            first.data.map((s) => s.id),
            order.slice(0, 20),
          )
          assert.deepEqual([first.pagination.page, first.pagination.limit], [1, 20])
        })

        it('answers 400 naming the parameter', async () => {
          await failing('/sounds/search?sort=popular', 400, 'sort')
          await failing('/sounds/search?limit=0', 400, 'limit')
          await failing('/sounds/search?limit=51', 400, 'limit')
          await failing('/sounds/search?page=0', 400, 'page')
          await failing('/sounds/search?page=x', 400, 'page')
        })

        it('walks an index for both sorts', async () => {
          for (const [sort, index] of [
            ['user_count', 'sounds_user_count_sort_idx'],
            ['recent', 'sounds_first_seen_sort_idx'],
          ] as const) {
            const plan = await planOf(
              api.database,
              soundSearchQuery(ctx, { page: 2, limit: 20, sort }),
            )
            assert.ok(plan.includes(index), plan)
            assert.ok(!/TEMP B-TREE|Sort/.test(plan), plan)
          }
        })
      })

      // ------------------------------------------------------------------ details
      describe('getTikTokSoundDetails', () => {
        const trendOf = (id: string) => {
          const recent = videosUsing(id).filter(
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
        /** Creators by their most-played video using the sound (each once), with their uses. */
        const topCreatorsOf = (id: string) => {
          const using = videosUsing(id)
          const order: string[] = []
          for (const v of using.filter((x) => x.plays !== null).sort(byPlays))
            if (v.creator_id !== null && !order.includes(v.creator_id)) order.push(v.creator_id)
          return order.slice(0, 10).map((c) => ({
            id: c,
            uses: using.filter((v) => v.creator_id === c).length,
          }))
        }
        const checkDetails = async (id: string) => {
          const { data } = await ok<One<SoundDetails>>(`/sounds/${id}`)
          const s = sounds.find((x) => x.id === id) as Sound
          const { trend, top_videos, top_creators, ...rest } = data
          assertSound(rest, s)
          assert.deepEqual(trend, trendOf(id))
          assert.deepEqual(
            top_videos.map((v) => v.video_id),
            videosUsing(id)
              .sort(byPlays)
              .slice(0, 10)
              .map((v) => v.id),
          )
          for (const v of top_videos) {
            const raw = videos.find((x) => x.id === v.video_id) as RawVideo
            assert.equal(v.plays, raw.plays)
            assert.equal(v.music_id, id)
            assert.equal(v.music_title, s.title)
            assert.deepEqual(v.hashtags, tagsOf.get(v.video_id) ?? [])
          }
          const expectedCreators = topCreatorsOf(id)
          assert.deepEqual(
            top_creators.map((c) => ({ id: c.id, uses: c.uses })),
            expectedCreators,
          )
          for (const c of top_creators) {
            const raw = await api.database.db
              .selectFrom('creators')
              .selectAll()
              .where('id', '=', c.id)
              .executeTakeFirstOrThrow()
            assert.equal(c.username, raw.username)
            assert.equal(c.followers, raw.followers)
            assert.equal(c.metrics.engagement_rate, raw.engagement_rate)
            assert.equal(c.metrics.creator_score, raw.grade)
            assert.equal(c.profile_url, `${PUBLIC_BASE_URL}/creators/${raw.username}`)
          }
          return data
        }

        it('serves the most-used sound: usage, trend, top videos and creators', async () => {
          const busiest = [...sounds].sort(
            (a, b) => b.tracked_video_count - a.tracked_video_count || cmpStr(a.id, b.id),
          )[0] as Sound
          const data = await checkDetails(busiest.id)
          assert.equal(data.top_videos.length, 10)
          assert.ok(data.top_creators.length >= 1)
        })

        it('serves a pool sound used by many creators, and an original sound', async () => {
          const pool = [...sounds]
            .filter((s) => s.original === 0)
            .sort((a, b) => b.tracked_video_count - a.tracked_video_count || cmpStr(a.id, b.id))[0]
          assert.ok(pool)
          const data = await checkDetails(pool.id)
          assert.ok(data.top_creators.length > 1)
          assert.equal(data.counts_source, 'tiktok')
          const original = sounds.find((s) => s.original === 1 && s.tracked_video_count > 12)
          assert.ok(original)
          const own = await checkDetails(original.id)
          assert.equal(own.top_creators.length, 1)
          assert.equal(own.top_creators[0]?.uses, original.tracked_video_count)
        })

        it('lists videos of unknown plays last and does not rank creators by them', async () => {
          const data = await checkDetails('8800000000000000001')
          assert.deepEqual(
            data.top_videos.map((v) => [v.video_id, v.plays]),
            [
              ['9100000000000000001', 900],
              ['9100000000000000002', 600],
              ['9100000000000000003', null],
            ],
          )
          assert.equal(data.top_videos[2]?.creator, null)
          assert.equal(data.top_creators.length, 1)
          assert.equal(data.top_creators[0]?.uses, 2)
          assert.equal(data.trend.recent_views, 1_500)
        })

        it('counts the first second of the window, not the second before', async () => {
          const edge = await checkDetails('8800000000000000002')
          assert.deepEqual([edge.trend.recent_video_count, edge.trend.is_trending], [1, true])
          const out = await checkDetails('8800000000000000003')
          assert.deepEqual([out.trend.recent_video_count, out.trend.is_trending], [0, false])
          assert.deepEqual(out.top_creators, [])
        })

        it('checks more sounds against the raw rows', async () => {
          const sample = [...sounds]
            .sort((a, b) => b.tracked_video_count - a.tracked_video_count || cmpStr(a.id, b.id))
            .filter((_, i) => i % 13 === 5)
          for (const s of sample) await checkDetails(s.id)
        })

        it('answers 404 for an unknown sound', async () => {
          await failing('/sounds/123', 404, '123')
          await failing('/sounds/not-a-sound', 404)
          await failing(`/sounds/%20${sounds[0]?.id}`, 404)
        })
      })

      // ------------------------------------------------------------------ trending
      describe('getTrendingTikTokSounds', () => {
        const expectedTrending = (start = WINDOW_START) => {
          const counts = new Map<string, { videos: number; plays: number }>()
          for (const v of videos) {
            if (v.music_id === null || v.posted_at === null || v.posted_at < start) continue
            const c = counts.get(v.music_id) ?? { videos: 0, plays: 0 }
            c.videos += 1
            c.plays += v.plays ?? 0
            counts.set(v.music_id, c)
          }
          return [...counts]
            .map(([id, c]) => ({ id, ...c }))
            .sort((a, b) => b.videos - a.videos || b.plays - a.plays || cmpStr(a.id, b.id))
        }
        const assertItems = (
          items: TrendingSound[],
          expected: ReturnType<typeof expectedTrending>,
        ) => {
          assert.deepEqual(
            items.map((t) => [t.rank, t.id, t.trend.recent_video_count, t.trend.recent_views]),
            expected.map((e, i) => [i + 1, e.id, e.videos, e.plays]),
          )
          const byId = new Map(sounds.map((s) => [s.id, s]))
          for (const { rank: _, trend, ...rest } of items) {
            assertSound(rest, byId.get(rest.id) as Sound)
            assert.equal(trend.window_start, iso(WINDOW_START))
            assert.equal(trend.is_trending, true)
          }
        }

        it('counts the window to the second when it starts inside an hour', async () => {
          for (const shift of [1, 1_800, 3_599, -1]) {
            const start = WINDOW_START + shift
            const expected = expectedTrending(start)
            const items = await trendingSounds(
              { ...ctx, now: () => API_NOW + shift },
              { limit: 100 },
            )
            assert.deepEqual(
              items.map((t) => [t.id, t.trend.recent_video_count, t.trend.recent_views]),
              expected.slice(0, 100).map((e) => [e.id, e.videos, e.plays]),
              `window from ${start}`,
            )
            for (const e of expected.slice(0, 10)) {
              const counts = await soundTrendCounts(ctx, e.id, start)
              assert.deepEqual([counts.recentVideos, counts.recentPlays], [e.videos, e.plays])
            }
          }
        })

        it('orders sounds by recent videos, their plays, then id (limit 20)', async () => {
          const expected = expectedTrending()
          assert.ok(expected.length > 20)
          const body = await ok<One<TrendingSound[]>>('/sounds/trending')
          assertItems(body.data, expected.slice(0, 20))
          const three = await ok<One<TrendingSound[]>>('/sounds/trending?limit=3')
          assertItems(three.data, expected.slice(0, 3))
          const fifty = await ok<One<TrendingSound[]>>('/sounds/trending?limit=50')
          assertItems(fifty.data, expected.slice(0, 50))
        })

        it('lists every trending sound in domain order, exact ties and edges', async () => {
          const all = await trendingSounds(ctx, { limit: 100_000 })
          assertItems(all, expectedTrending())
          const reference = all
            .map((t) => ({
              key: t.id,
              recentVideos: t.trend.recent_video_count,
              recentPlays: t.trend.recent_views,
            }))
            .sort(compareTrendingTags)
          assert.deepEqual(
            all.map((t) => t.id),
            reference.map((t) => t.key),
          )
          const ids = all.map((t) => t.id)
          assert.equal(ids.indexOf('8800000000000000004') + 1, ids.indexOf('8800000000000000005'))
          assert.ok(ids.includes('8800000000000000002'))
          assert.ok(!ids.includes('8800000000000000003'))
        })

        it('answers 400 naming limit', async () => {
          await failing('/sounds/trending?limit=0', 400, 'limit')
          await failing('/sounds/trending?limit=51', 400, 'limit')
        })
      })
    })
  }
})
