/** The creator operations on a seeded database, checked against metrics.md from raw rows. */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Selectable } from 'kysely'
import type { CreatorTable, VideoRow } from '../src/db/schema.js'
import type { CreatorView } from '../src/queries/creator-view.js'
import type { CreatorVideoView } from '../src/queries/creators/creator-video-views.js'
import type { CreatorAnalytics } from '../src/queries/creators/get-creator-analytics.js'
import type { CreatorHistory } from '../src/queries/creators/get-creator-history.js'
import type { CreatorTopContent } from '../src/queries/creators/get-creator-top-content.js'
import type { Pagination } from '../src/queries/pagination.js'
import { apiCalls } from './support/api-calls.js'
import { testDatabases } from './support/databases.js'
import { inNicheOracle, wholeWords } from './support/niche-oracle.js'
import { API_NOW, PUBLIC_BASE_URL, type SeededApi, seededApi } from './support/seeded-api.js'

type Creator = Selectable<CreatorTable>
type Video = Selectable<VideoRow>
interface Page<T> {
  data: T[]
  pagination: Pagination
  meta: { request_id: string }
}
interface One<T> {
  data: T
  meta: { request_id: string }
}
const DAY = 86_400

// ---- metrics.md arithmetic, written here independently of src/domain ----

/** Half-up (away from zero) to `d` decimals, after dropping float noise at 12 digits. */
function roundTo(x: number, d: number): number {
  const f = 10 ** d
  const scaled = Number((Math.abs(x) * f).toPrecision(12))
  const r = (Math.sign(x) * Math.round(scaled)) / f
  return r === 0 ? 0 : r
}
const iso = (s: number | null): string | null =>
  s === null ? null : new Date(s * 1000).toISOString().replace('.000Z', 'Z')
const videoRate = (v: Video): number =>
  v.plays === null || v.plays === 0
    ? 0
    : roundTo((100 * ((v.likes ?? 0) + (v.comments ?? 0) + (v.shares ?? 0))) / v.plays, 2)
const avgOf = (plays: number[]): number | null =>
  plays.length === 0 ? null : roundTo(plays.reduce((a, b) => a + b, 0) / plays.length, 0)
const knownPlays = (videos: readonly Video[]): number[] =>
  videos.flatMap((v) => (v.plays === null ? [] : [v.plays]))
const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
/** Newest posted_at first, unknown last, then id. */
const byRecent = (a: Video, b: Video): number =>
  (a.posted_at === null ? 1 : 0) - (b.posted_at === null ? 1 : 0) ||
  (b.posted_at ?? 0) - (a.posted_at ?? 0) ||
  cmpStr(a.id, b.id)
const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']

describe('creator operations', () => {
  for (const target of testDatabases()) {
    describe(`on ${target.name}`, () => {
      let api: SeededApi
      let creators: Creator[]
      /** The demo creator with the most tracked videos (ties by id): the analytics subject. */
      let star: Creator
      const videosOf = new Map<string, Video[]>()
      const tagsOf = new Map<string, string[]>()

      const { ok, failing } = apiCalls(() => api.app)
      const loadVideos = async (creatorId: string): Promise<Video[]> => {
        const cached = videosOf.get(creatorId)
        if (cached) return cached
        const { db } = api.database
        const rows = await db
          .selectFrom('videos')
          .selectAll()
          .where('creator_id', '=', creatorId)
          .execute()
        if (rows.length > 0) {
          const links = await db
            .selectFrom('video_hashtags')
            .selectAll()
            .where(
              'video_id',
              'in',
              rows.map((r) => r.id),
            )
            .execute()
          links.sort((a, b) => a.position - b.position)
          for (const l of links)
            tagsOf.set(l.video_id, [...(tagsOf.get(l.video_id) ?? []), l.hashtag])
        }
        videosOf.set(creatorId, rows)
        return rows
      }

      before(async () => {
        api = await seededApi(target)
        const { db } = api.database
        // Two rows sharing a handle (TikTok re-issued it): the most recently updated one wins.
        for (const [id, updated, followers] of [
          ['twin-old', API_NOW - 5000, 111],
          ['twin-new', API_NOW - 50, 222],
        ] as const) {
          await db
            .insertInto('creators')
            .values({
              id,
              username: 'Twin.Case',
              username_lower: 'twin.case',
              nickname: 'Twin',
              followers,
              identity_observed_at: updated,
              first_seen_at: updated,
              last_updated: updated,
              is_demo: 0,
              search_text: 'twin.case\ntwin',
              words: ' twin ',
            })
            .execute()
        }
        creators = await db.selectFrom('creators').selectAll().execute()
        const demo = creators
          .filter((c) => c.is_demo === 1)
          .sort((a, b) => b.tracked_video_count - a.tracked_video_count || cmpStr(a.id, b.id))
        star = demo[0] as Creator
        // Older snapshots, so that the 30-day window has a base (and one without followers).
        await db
          .insertInto('creator_snapshots')
          .values([
            {
              creator_id: star.id,
              observed_at: API_NOW - 45 * DAY,
              followers: 1000,
              following: 5,
              total_likes: 10,
              video_count: 3,
            },
            {
              creator_id: star.id,
              observed_at: API_NOW - 31 * DAY,
              followers: 1200,
              following: 6,
              total_likes: 20,
              video_count: 4,
            },
            {
              creator_id: star.id,
              observed_at: API_NOW - 30 * DAY - 60,
              followers: null,
              following: 7,
              total_likes: null,
              video_count: null,
            },
          ])
          .execute()
      })
      after(async () => {
        await api.close()
        await target.cleanup()
      })

      // ------------------------------------------------------------------ search
      describe('searchTikTokCreators', () => {
        const named = () => creators.filter((c) => c.username !== null)
        const searchAll = async (query: string, limit = 50): Promise<CreatorView[]> => {
          const out: CreatorView[] = []
          for (let page = 1; ; page++) {
            const body = await ok<Page<CreatorView>>(
              `/creators/search?limit=${limit}&page=${page}${query}`,
            )
            out.push(...body.data)
            if (!body.pagination.has_more) return out
          }
        }
        const byFollowersDesc = (a: Creator, b: Creator) =>
          (a.followers === null ? 1 : 0) - (b.followers === null ? 1 : 0) ||
          (b.followers ?? 0) - (a.followers ?? 0) ||
          cmpStr(a.id, b.id)
        const matchesQ = async (c: Creator, q: string): Promise<boolean> => {
          // Every word of q starts a word of the username (or is a prefix of the whole username),
          // the nickname or the bio.
          const terms = [
            (c.username ?? '').toLowerCase(),
            ...wholeWords(c.username),
            ...wholeWords(c.nickname),
            ...wholeWords(c.bio),
          ].filter((t) => t !== '')
          const qWords = wholeWords(q)
          if (qWords.length > 0 && qWords.every((w) => terms.some((t) => t.startsWith(w))))
            return true
          // Or q names a niche and the creator is a member (§4 v2: a quarter of the classified
          // (video, hashtag) pairs, the primary niche, or a whole word of bio or nickname).
          const videos = await loadVideos(c.id)
          return inNicheOracle(
            c,
            videos.flatMap((v) => tagsOf.get(v.id) ?? []),
            q,
          )
        }
        const expectQ = async (q: string): Promise<string[]> => {
          const out: Creator[] = []
          for (const c of named()) if (await matchesQ(c, q)) out.push(c)
          return out.sort(byFollowersDesc).map((c) => c.id)
        }

        it('lists named creators by followers desc, unknown last, as Creator objects', async () => {
          const body = await ok<Page<CreatorView>>('/creators/search')
          const expected = named().sort(byFollowersDesc)
          assert.deepEqual(
            body.data.map((c) => c.id),
            expected.slice(0, 20).map((c) => c.id),
          )
          assert.deepEqual(body.pagination, {
            page: 1,
            limit: 20,
            total: expected.length,
            total_pages: Math.ceil(expected.length / 20),
            has_more: expected.length > 20,
          })
          const first = body.data[0]
          const raw = expected[0] as Creator
          assert.equal(first?.followers, raw.followers)
          assert.equal(first?.profile_url, `${PUBLIC_BASE_URL}/creators/${raw.username}`)
          assert.equal(first?.tiktok_url, `https://www.tiktok.com/@${raw.username}`)
          assert.equal(first?.metrics.engagement_rate, raw.engagement_rate)
          assert.equal(first?.metrics.creator_score, raw.grade)
        })

        for (const [sort, column] of [
          ['followers', 'followers'],
          ['likes', 'total_likes'],
          ['videos', 'video_count'],
          ['recent', 'last_posted_at'],
        ] as const) {
          for (const order of ['asc', 'desc'] as const) {
            it(`sorts by ${sort} ${order}, unknown values last, ties by id`, async () => {
              // Small pages too: some hold only creators whose value is unknown.
              const got = await searchAll(`&sort=${sort}&order=${order}`)
              const small = await searchAll(`&sort=${sort}&order=${order}`, 7)
              const expected = named().sort((a, b) => {
                const x = a[column]
                const y = b[column]
                if (x === null || y === null)
                  return (x === null ? 1 : 0) - (y === null ? 1 : 0) || cmpStr(a.id, b.id)
                return (order === 'asc' ? x - y : y - x) || cmpStr(a.id, b.id)
              })
              assert.deepEqual(
                got.map((c) => c.id),
                expected.map((c) => c.id),
              )
              assert.deepEqual(
                small.map((c) => c.id),
                expected.map((c) => c.id),
              )
              // Enough unknown values that at least one page of 7 holds nothing else.
              assert.ok(expected.filter((c) => c[column] === null).length >= 14)
            })
          }
        }

        it('matches q as the start of the username, any case', async () => {
          const q = star.username?.slice(0, 4).toUpperCase() ?? ''
          const got = await searchAll(`&q=${encodeURIComponent(q)}`)
          assert.ok(got.some((c) => c.id === star.id))
          assert.deepEqual(
            got.map((c) => c.id),
            await expectQ(q),
          )
        })

        it('matches q in the nickname and in the bio', async () => {
          const withBio = named().find(
            (c) => (c.bio ?? '').length > 8 && c.is_demo === 1,
          ) as Creator
          const withNick = named().find(
            (c) => (c.nickname ?? '').includes(' ') && c.is_demo === 1,
          ) as Creator
          for (const q of [
            (wholeWords(withBio.bio)[1] ?? '').slice(0, 3),
            (withNick.nickname ?? '').split(' ')[0] ?? '',
            `${(wholeWords(withBio.bio)[0] ?? '').slice(0, 2)} ${(wholeWords(withBio.bio)[1] ?? '').slice(0, 2)}`,
          ]) {
            const got = await searchAll(`&q=${encodeURIComponent(q)}`)
            assert.ok(got.length > 0, q)
            assert.deepEqual(
              got.map((c) => c.id),
              await expectQ(q),
              q,
            )
          }
        })

        it('matches a niche keyword (§4): niche hashtags or whole words, # optional', async () => {
          const got = await searchAll('&q=%23GymTok')
          const expected = await expectQ('#GymTok')
          assert.deepEqual(
            got.map((c) => c.id),
            expected,
          )
          // Some match only through the niche, not through a substring of their text.
          assert.ok(
            named().some(
              (c) =>
                expected.includes(c.id) &&
                ![c.username, c.nickname, c.bio].some((t) => t?.toLowerCase().includes('gymtok')),
            ),
          )
          assert.deepEqual(
            (await searchAll('&q=fitness')).map((c) => c.id).sort(),
            [...expected].sort(),
          )
        })

        it('treats LIKE wildcards in q literally', async () => {
          for (const q of ['%', '_', 'a%b']) {
            const got = await searchAll(`&q=${encodeURIComponent(q)}`)
            assert.deepEqual(
              got.map((c) => c.id),
              await expectQ(q),
              q,
            )
          }
        })

        it('filters by follower range, verified, region, engagement rate and grade', async () => {
          const cases: Array<[string, (c: Creator) => boolean]> = [
            ['&min_followers=10000', (c) => c.followers !== null && c.followers >= 10_000],
            ['&max_followers=5000', (c) => c.followers !== null && c.followers <= 5000],
            [
              '&min_followers=2000&max_followers=50000',
              (c) => c.followers !== null && c.followers >= 2000 && c.followers <= 50_000,
            ],
            ['&min_followers=1533&max_followers=1533', (c) => c.followers === 1533],
            ['&verified=true', (c) => c.verified === 1],
            ['&verified=false', (c) => c.verified === 0],
            ['&region=us', (c) => c.region === 'US'],
            ['&region=UK', (c) => c.region === 'GB'],
            [
              '&min_engagement_rate=8.5',
              (c) => c.engagement_rate !== null && c.engagement_rate >= 8.5,
            ],
            ['&min_grade=B', (c) => ['A+', 'A', 'B'].includes(c.grade)],
            ['&min_grade=F', (c) => c.grade !== 'N/A'],
            [
              '&min_grade=C&region=US&min_followers=1000',
              (c) =>
                ['A+', 'A', 'B', 'C'].includes(c.grade) &&
                c.region === 'US' &&
                (c.followers ?? -1) >= 1000,
            ],
          ]
          for (const [query, keep] of cases) {
            const got = await searchAll(query)
            const expected = named().filter(keep).sort(byFollowersDesc)
            assert.ok(expected.length > 0, `${query} selects someone`)
            assert.deepEqual(
              got.map((c) => c.id),
              expected.map((c) => c.id),
              query,
            )
          }
        })

        it('pages with page/limit/total/total_pages/has_more', async () => {
          const expected = named().sort(byFollowersDesc)
          const total = expected.length
          const pages = Math.ceil(total / 7)
          const second = await ok<Page<CreatorView>>('/creators/search?limit=7&page=2')
          assert.deepEqual(
            second.data.map((c) => c.id),
            expected.slice(7, 14).map((c) => c.id),
          )
          assert.deepEqual(second.pagination, {
            page: 2,
            limit: 7,
            total,
            total_pages: pages,
            has_more: true,
          })
          const last = await ok<Page<CreatorView>>(`/creators/search?limit=7&page=${pages}`)
          assert.equal(last.data.length, total - 7 * (pages - 1))
          assert.equal(last.pagination.has_more, false)
          const beyond = await ok<Page<CreatorView>>(`/creators/search?limit=7&page=${pages + 1}`)
          assert.deepEqual(beyond.data, [])
          assert.equal(beyond.pagination.total, total)
        })

        it('rejects min_followers > max_followers and bad values, naming them', async () => {
          await failing(
            '/creators/search?min_followers=5000&max_followers=100',
            400,
            'min_followers',
            'max_followers',
          )
          await failing('/creators/search?sort=bogus', 400, 'sort')
          await failing('/creators/search?order=up', 400, 'order')
          await failing('/creators/search?limit=51', 400, 'limit')
          await failing('/creators/search?page=0', 400, 'page')
          await failing('/creators/search?min_grade=Z', 400, 'min_grade')
          await failing('/creators/search?min_engagement_rate=-1', 400, 'min_engagement_rate')
          // Past 2^53 − 1 a count is no longer exact (and PostgreSQL's bigint overflows).
          await failing(
            '/creators/search?min_followers=100000000000000000000',
            400,
            'min_followers',
          )
          await failing('/creators/search?page=1000001', 400, 'page')
        })

        it('refuses text holding U+0000 with a 400 naming the parameter', async () => {
          await failing('/creators/search?q=a%00', 400, 'q')
          await failing('/creators/search?region=%00', 400, 'region')
        })
      })

      // ------------------------------------------------------------------ shared expectations
      /** A video as the API must show it for creator `c`, from raw rows (metrics.md §3). */
      const expectVideo = async (c: Creator, v: Video) => {
        const kind = v.content_type === 'slideshow' ? 'photo' : 'video'
        const sound =
          v.music_id === null
            ? undefined
            : await api.database.db
                .selectFrom('sounds')
                .select('title')
                .where('id', '=', v.music_id)
                .executeTakeFirst()
        return {
          video_id: v.id,
          plays: v.plays,
          likes: v.likes,
          comments: v.comments,
          shares: v.shares,
          saves: v.saves,
          duration: v.duration,
          description: v.description,
          engagement_rate: videoRate(v),
          hashtags: tagsOf.get(v.id) ?? [],
          music_title: sound?.title ?? null,
          posted_at: iso(v.posted_at),
          video_url: `https://www.tiktok.com/@${c.username}/${kind}/${v.id}`,
          is_viral:
            v.plays === null || c.median_views === null
              ? null
              : v.plays >= Math.max(3 * c.median_views, 100_000),
          performance_vs_average:
            v.plays === null || c.avg_views === null || c.avg_views === 0
              ? null
              : roundTo(v.plays / c.avg_views, 2),
        }
      }
      const assertVideos = async (
        c: Creator,
        got: readonly CreatorVideoView[],
        expected: readonly Video[],
      ) => {
        assert.deepEqual(
          got.map((v) => v.video_id),
          expected.map((v) => v.id),
        )
        for (const [i, v] of expected.entries()) {
          const want = await expectVideo(c, v)
          const have = got[i] as CreatorVideoView
          for (const [k, value] of Object.entries(want)) {
            assert.deepEqual(have[k as keyof CreatorVideoView], value, `${v.id}.${k}`)
          }
        }
      }
      /** Top hashtags from raw rows: uses desc, then name; average views of the tagged videos. */
      const expectHashtags = (videos: readonly Video[]) => {
        const stats = new Map<string, Video[]>()
        for (const v of videos)
          for (const t of tagsOf.get(v.id) ?? []) stats.set(t, [...(stats.get(t) ?? []), v])
        return [...stats]
          .sort((a, b) => b[1].length - a[1].length || cmpStr(a[0], b[0]))
          .slice(0, 10)
          .map(([hashtag, vs]) => ({ hashtag, uses: vs.length, avg_views: avgOf(knownPlays(vs)) }))
      }
      /** Posting schedule from raw rows (UTC); best slots among those with ≥ 2 posts with views. */
      const expectSchedule = (videos: readonly Video[]) => {
        const timed = videos.filter((v) => v.posted_at !== null)
        const slot = (vs: Video[]) => ({ posts: vs.length, avg_views: avgOf(knownPlays(vs)) })
        const weekdays = [1, 2, 3, 4, 5, 6, 0].map((d) => ({
          weekday: WEEKDAY_NAMES[d] as string,
          ...slot(timed.filter((v) => new Date((v.posted_at ?? 0) * 1000).getUTCDay() === d)),
          n: knownPlays(timed.filter((v) => new Date((v.posted_at ?? 0) * 1000).getUTCDay() === d))
            .length,
        }))
        const hours = Array.from({ length: 24 }, (_, h) => {
          const vs = timed.filter((v) => new Date((v.posted_at ?? 0) * 1000).getUTCHours() === h)
          return { hour: h, ...slot(vs), n: knownPlays(vs).length }
        })
        const best = <T extends { avg_views: number | null; posts: number; n: number }>(
          slots: T[],
        ) => {
          const eligible = slots.filter((s) => s.n >= 2 && s.avg_views !== null)
          // Highest average, then more posts, then the earliest slot (the sort is stable).
          eligible.sort((a, b) => (b.avg_views ?? 0) - (a.avg_views ?? 0) || b.posts - a.posts)
          return eligible[0] ?? null
        }
        const strip = <T extends { n: number }>({ n: _n, ...rest }: T) => rest
        const bw = best(weekdays)
        const bh = best(hours)
        return {
          posts_analyzed: timed.length,
          min_posts: 2,
          by_weekday: weekdays.map(strip),
          by_hour: hours.map(strip),
          // Monday first: getUTCDay() counts from Sunday.
          posts_by_weekday_hour: [1, 2, 3, 4, 5, 6, 0].map((d) =>
            Array.from(
              { length: 24 },
              (_, h) =>
                timed.filter((v) => {
                  const t = new Date((v.posted_at ?? 0) * 1000)
                  return t.getUTCDay() === d && t.getUTCHours() === h
                }).length,
            ),
          ),
          best_weekday: bw && strip(bw),
          best_hour: bh && strip(bh),
        }
      }

      // ------------------------------------------------------------------ analytics
      describe('getTikTokCreatorAnalytics', () => {
        let body: One<CreatorAnalytics>
        let videos: Video[]
        before(async () => {
          videos = await loadVideos(star.id)
          body = await ok<One<CreatorAnalytics>>(
            `/creators/${encodeURIComponent((star.username ?? '').toUpperCase())}`,
          )
        })

        it('finds the creator case-insensitively and serves the Creator object', () => {
          const d = body.data
          assert.equal(d.id, star.id)
          assert.equal(d.username, star.username)
          assert.equal(d.followers, star.followers)
          assert.equal(d.total_likes, star.total_likes)
          assert.equal(d.tracked_videos, videos.length)
          assert.equal(d.profile_url, `${PUBLIC_BASE_URL}/creators/${star.username}`)
          assert.equal(d.last_updated, iso(star.last_updated))
          assert.equal(d.metrics.median_views, star.median_views)
          assert.ok(body.meta.request_id)
        })

        it('describes the sample S of metrics.md §2 and the viral threshold', () => {
          const sample = videos
            .filter((v) => v.is_pinned === 0 && v.plays !== null && v.posted_at !== null)
            .sort(byRecent)
            .slice(0, 30)
          const plays = sample.map((v) => v.plays ?? 0).sort((a, b) => a - b)
          const mid = Math.floor(plays.length / 2)
          const median = roundTo(
            plays.length % 2 ? (plays[mid] ?? 0) : ((plays[mid - 1] ?? 0) + (plays[mid] ?? 0)) / 2,
            0,
          )
          const threshold = Math.max(3 * median, 100_000)
          const s = body.data.sample
          assert.equal(s.sample_size, sample.length)
          assert.equal(s.median_views, median)
          assert.equal(s.avg_views, roundTo(plays.reduce((a, b) => a + b, 0) / plays.length, 0))
          assert.equal(s.viral_threshold, threshold)
          assert.equal(s.viral_videos, sample.filter((v) => (v.plays ?? 0) >= threshold).length)
          assert.equal(s.newest_posted_at, iso(sample[0]?.posted_at ?? null))
          assert.equal(s.oldest_posted_at, iso(sample[sample.length - 1]?.posted_at ?? null))
          assert.equal(s.grade, star.grade)
          assert.equal(s.score, star.score)
          assert.equal(s.tier, star.tier)
          assert.equal(s.primary_niche, star.primary_niche)
          assert.deepEqual(s.score_parts, {
            engagement: star.score_engagement,
            reach: star.score_reach,
            virality: star.score_virality,
            consistency: star.score_consistency,
          })
        })

        it('lists the 10 newest videos with is_viral and performance_vs_average', async () => {
          await assertVideos(star, body.data.recent_videos, [...videos].sort(byRecent).slice(0, 10))
        })

        it('ranks the most used hashtags with the average views of their videos', () => {
          assert.deepEqual(body.data.top_hashtags, expectHashtags(videos))
          assert.equal(body.data.top_hashtags.length, 10)
        })

        it('analyses content types and duration buckets (metrics.md §3)', () => {
          const n = videos.length
          const pct = (k: number) => roundTo((100 * k) / n, 1)
          const bucket = (keep: (d: number) => boolean) => {
            const vs = videos.filter((v) => v.duration !== null && keep(v.duration))
            const withPlays = vs.filter((v) => v.plays !== null)
            const sumPlays = withPlays.reduce((a, v) => a + (v.plays ?? 0), 0)
            const inter = withPlays.reduce(
              (a, v) => a + (v.likes ?? 0) + (v.comments ?? 0) + (v.shares ?? 0),
              0,
            )
            return {
              count: vs.length,
              percent: pct(vs.length),
              avg_views: avgOf(knownPlays(vs)),
              engagement_rate:
                withPlays.length === 0
                  ? null
                  : sumPlays === 0
                    ? 0
                    : roundTo((100 * inter) / sumPlays, 2),
            }
          }
          const durations = videos.flatMap((v) => (v.duration === null ? [] : [v.duration]))
          const slides = videos.filter((v) => v.content_type === 'slideshow').length
          assert.deepEqual(body.data.content_analysis, {
            videos_analyzed: n,
            content_types: {
              video: { count: n - slides, percent: pct(n - slides) },
              slideshow: { count: slides, percent: pct(slides) },
            },
            avg_duration: roundTo(durations.reduce((a, b) => a + b, 0) / durations.length, 1),
            duration_buckets: {
              short: bucket((d) => d < 60),
              medium: bucket((d) => d >= 60 && d <= 300),
              long: bucket((d) => d > 300),
            },
            unknown_duration: n - durations.length,
          })
          assert.ok(
            slides > 0 && body.data.content_analysis.duration_buckets.long.count > 0,
            'all kinds exercised',
          )
        })

        it('gives the posting schedule by UTC weekday and hour with the best slots', () => {
          const expected = expectSchedule(videos)
          assert.deepEqual(body.data.posting_schedule, expected)
          assert.ok(expected.best_weekday !== null && expected.best_hour !== null)
        })

        it('gives follower growth over 7 and 30 days from the snapshots', async () => {
          const snaps = (
            await api.database.db
              .selectFrom('creator_snapshots')
              .selectAll()
              .where('creator_id', '=', star.id)
              .execute()
          ).filter((s) => s.followers !== null && s.observed_at <= API_NOW)
          const newest = snaps.reduce((a, b) => (b.observed_at > a.observed_at ? b : a))
          const baseAt = (days: number) =>
            snaps
              .filter((s) => s.observed_at <= API_NOW - days * DAY)
              .reduce<(typeof snaps)[number] | null>(
                (a, b) => (a === null || b.observed_at > a.observed_at ? b : a),
                null,
              )
          for (const [key, days] of [
            ['last_7_days', 7],
            ['last_30_days', 30],
          ] as const) {
            const base = baseAt(days)
            assert.ok(base, `a base exists for ${days} days`)
            const start = base.followers ?? 0
            const end = newest.followers ?? 0
            assert.deepEqual(body.data.follower_growth[key], {
              from: iso(base.observed_at),
              to: iso(newest.observed_at),
              start_value: start,
              end_value: end,
              change: end - start,
              change_percent: roundTo((100 * (end - start)) / start, 2),
            })
          }
          // The inserted 30-day base is the 1,200-follower snapshot (the later one has no count).
          assert.equal(body.data.follower_growth.last_30_days?.start_value, 1200)
        })

        it('has no growth without old enough snapshots', async () => {
          const fresh = creators.find(
            (c) =>
              c.is_demo === 0 &&
              c.username !== null &&
              c.followers !== null &&
              c.tracked_video_count > 0,
          ) as Creator
          const d = (
            await ok<One<CreatorAnalytics>>(`/creators/${encodeURIComponent(fresh.username ?? '')}`)
          ).data
          assert.deepEqual(d.follower_growth, { last_7_days: null, last_30_days: null })
        })

        it('picks the most recently updated of creators sharing a username', async () => {
          const d = (await ok<One<CreatorAnalytics>>('/creators/TWIN.case')).data
          assert.equal(d.id, 'twin-new')
          assert.equal(d.followers, 222)
          assert.deepEqual(d.recent_videos, [])
          assert.equal(d.sample.sample_size, 0)
          assert.equal(d.posting_schedule.best_hour, null)
          assert.equal(d.content_analysis.avg_duration, null)
        })

        it('answers 404 in the Error format for an unknown creator', async () => {
          await failing('/creators/nobody.here.at.all', 404, 'nobody.here.at.all')
        })
      })

      // ------------------------------------------------------------------ videos
      describe('getTikTokCreatorVideos', () => {
        const listAll = async (username: string, query = ''): Promise<CreatorVideoView[]> => {
          const out: CreatorVideoView[] = []
          for (let page = 1; ; page++) {
            const body = await ok<Page<CreatorVideoView>>(
              `/creators/${encodeURIComponent(username)}/videos?limit=50&page=${page}${query}`,
            )
            out.push(...body.data)
            if (!body.pagination.has_more) return out
          }
        }
        const byCounter = (k: 'plays' | 'likes' | 'comments' | 'shares') => (a: Video, b: Video) =>
          (a[k] === null ? 1 : 0) - (b[k] === null ? 1 : 0) ||
          (b[k] ?? 0) - (a[k] ?? 0) ||
          cmpStr(a.id, b.id)

        it('lists every video newest first by default, with the per-creator fields', async () => {
          const videos = await loadVideos(star.id)
          const got = await listAll(star.username ?? '')
          await assertVideos(star, got, [...videos].sort(byRecent))
        })

        for (const sort of ['plays', 'likes', 'comments', 'shares'] as const) {
          it(`sorts by ${sort} descending, unknown last, ties by id`, async () => {
            const videos = await loadVideos(star.id)
            const got = await listAll((star.username ?? '').toUpperCase(), `&sort=${sort}`)
            assert.deepEqual(
              got.map((v) => v.video_id),
              [...videos].sort(byCounter(sort)).map((v) => v.id),
            )
          })
        }

        it('marks viral videos with the creator-level rule', async () => {
          // A creator with a viral video anywhere in its history.
          let checked = 0
          for (const c of creators.filter((x) => x.is_demo === 1 && x.username !== null)) {
            const videos = await loadVideos(c.id)
            const median = c.median_views
            if (median === null) continue
            if (!videos.some((v) => (v.plays ?? 0) >= Math.max(3 * median, 100_000))) continue
            const got = await listAll(c.username ?? '', '&sort=plays')
            await assertVideos(c, got, [...videos].sort(byCounter('plays')))
            assert.ok(got.some((v) => v.is_viral) && got.some((v) => !v.is_viral))
            if (++checked === 2) break
          }
          assert.equal(checked, 2)
        })

        it('filters by min_views and by hashtag (# optional, any case)', async () => {
          const videos = await loadVideos(star.id)
          const minViews = [...videos].sort(byCounter('plays'))[9]?.plays ?? 0
          const got = await listAll(star.username ?? '', `&min_views=${minViews}`)
          assert.deepEqual(
            got.map((v) => v.video_id),
            videos
              .filter((v) => v.plays !== null && v.plays >= minViews)
              .sort(byRecent)
              .map((v) => v.id),
          )
          assert.ok(got.length >= 10)
          const tag = expectHashtags(videos)[1]?.hashtag ?? ''
          const tagged = videos.filter((v) => (tagsOf.get(v.id) ?? []).includes(tag))
          for (const form of [tag, `#${tag.toUpperCase()}`, ` ${tag} `]) {
            const res = await listAll(star.username ?? '', `&hashtag=${encodeURIComponent(form)}`)
            assert.deepEqual(
              res.map((v) => v.video_id),
              [...tagged].sort(byRecent).map((v) => v.id),
              form,
            )
          }
          const both = await listAll(
            star.username ?? '',
            `&hashtag=${tag}&min_views=${minViews}&sort=plays`,
          )
          assert.deepEqual(
            both.map((v) => v.video_id),
            tagged
              .filter((v) => (v.plays ?? -1) >= minViews)
              .sort(byCounter('plays'))
              .map((v) => v.id),
          )
          assert.deepEqual(await listAll(star.username ?? '', '&hashtag=no_such_tag_anywhere'), [])
        })

        it('pages with page/limit/total/total_pages/has_more', async () => {
          const videos = [...(await loadVideos(star.id))].sort(byRecent)
          const total = videos.length
          const body = await ok<Page<CreatorVideoView>>(
            `/creators/${star.username}/videos?limit=5&page=3`,
          )
          assert.deepEqual(
            body.data.map((v) => v.video_id),
            videos.slice(10, 15).map((v) => v.id),
          )
          assert.deepEqual(body.pagination, {
            page: 3,
            limit: 5,
            total,
            total_pages: Math.ceil(total / 5),
            has_more: 15 < total,
          })
          const fallback = await ok<Page<CreatorVideoView>>(`/creators/${star.username}/videos`)
          assert.equal(fallback.pagination.limit, 20)
          assert.equal(fallback.data.length, Math.min(20, total))
        })

        it('answers 404 for an unknown creator and 400 for bad values', async () => {
          await failing('/creators/nobody.here.at.all/videos', 404, 'nobody.here.at.all')
          await failing(`/creators/${star.username}/videos?sort=views`, 400, 'sort')
          await failing(`/creators/${star.username}/videos?min_views=-1`, 400, 'min_views')
          await failing(`/creators/${star.username}/videos?limit=0`, 400, 'limit')
          await failing(`/creators/${star.username}/videos?page=abc`, 400, 'page')
          await failing(`/creators/${star.username}/videos?min_views=1e20`, 400, 'min_views')
          await failing('/creators/a%00b/videos', 400, 'username')
          await failing(`/creators/${star.username}/videos?hashtag=a%00`, 400, 'hashtag')
        })
      })

      // ------------------------------------------------------------------ top content
      describe('getTikTokCreatorTopContent', () => {
        it('ranks videos by views and engagement, with hashtags, sounds and schedule', async () => {
          const videos = await loadVideos(star.id)
          const d = (
            await ok<One<CreatorTopContent>>(
              `/creators/${(star.username ?? '').toUpperCase()}/top-content`,
            )
          ).data
          assert.equal(d.username, star.username)
          assert.equal(d.videos_analyzed, videos.length)
          const byViews = videos
            .filter((v) => v.plays !== null)
            .sort((a, b) => (b.plays ?? 0) - (a.plays ?? 0) || cmpStr(a.id, b.id))
            .slice(0, 10)
          await assertVideos(star, d.top_by_views, byViews)
          const byRate = videos
            .filter((v) => (v.plays ?? 0) > 0)
            .sort(
              (a, b) =>
                videoRate(b) - videoRate(a) ||
                (b.plays ?? 0) - (a.plays ?? 0) ||
                cmpStr(a.id, b.id),
            )
            .slice(0, 10)
          await assertVideos(star, d.top_by_engagement, byRate)
          assert.deepEqual(d.hashtags, expectHashtags(videos))
          assert.deepEqual(d.posting_schedule, expectSchedule(videos))

          const groups = new Map<string, Video[]>()
          for (const v of videos)
            if (v.music_id !== null) groups.set(v.music_id, [...(groups.get(v.music_id) ?? []), v])
          const sum = (vs: Video[]) => vs.reduce((a, v) => a + (v.plays ?? 0), 0)
          const top = [...groups]
            .sort(
              (a, b) => b[1].length - a[1].length || sum(b[1]) - sum(a[1]) || cmpStr(a[0], b[0]),
            )
            .slice(0, 10)
          const sounds = await api.database.db
            .selectFrom('sounds')
            .selectAll()
            .where(
              'id',
              'in',
              top.map(([id]) => id),
            )
            .execute()
          assert.deepEqual(
            d.sounds,
            top.map(([id, vs]) => {
              const s = sounds.find((x) => x.id === id)
              return {
                sound_id: id,
                title: s?.title ?? null,
                author: s?.author_name ?? null,
                original:
                  s?.original === undefined || s.original === null ? null : s.original === 1,
                uses: vs.length,
                avg_views: avgOf(knownPlays(vs)),
              }
            }),
          )
          assert.ok(d.sounds.length > 1)
        })

        it('is empty but well-formed without videos, 404 for an unknown creator', async () => {
          const d = (await ok<One<CreatorTopContent>>('/creators/twin.case/top-content')).data
          assert.deepEqual(
            [d.top_by_views, d.top_by_engagement, d.hashtags, d.sounds],
            [[], [], [], []],
          )
          assert.equal(d.posting_schedule.by_hour.length, 24)
          await failing('/creators/nobody.here.at.all/top-content', 404, 'nobody.here.at.all')
        })
      })

      // ------------------------------------------------------------------ history
      describe('getTikTokCreatorHistory', () => {
        /** Brute force: per UTC day in the window, Σ over videos of the latest known plays then. */
        const expectViews = async (c: Creator, since: number, until: number) => {
          const ids = (await loadVideos(c.id)).map((v) => v.id)
          const rows =
            ids.length === 0
              ? []
              : await api.database.db
                  .selectFrom('video_snapshots')
                  .selectAll()
                  .where('video_id', 'in', ids)
                  .execute()
          const obs = rows.filter((o) => o.plays !== null && o.observed_at <= until)
          const dayOf = (t: number) => iso(t - (t % DAY))?.slice(0, 10) ?? ''
          const lastOfDay = new Map<string, number>()
          for (const o of obs) {
            if (o.observed_at < since) continue
            const d = dayOf(o.observed_at)
            lastOfDay.set(d, Math.max(lastOfDay.get(d) ?? 0, o.observed_at))
          }
          return [...lastOfDay]
            .sort((a, b) => a[1] - b[1])
            .map(([date, t]) => {
              const latest = new Map<string, { at: number; plays: number }>()
              for (const o of obs) {
                if (o.observed_at > t) continue
                const prev = latest.get(o.video_id)
                if (!prev || o.observed_at > prev.at)
                  latest.set(o.video_id, { at: o.observed_at, plays: o.plays ?? 0 })
              }
              return {
                date,
                observed_at: iso(t),
                tracked_views: [...latest.values()].reduce((a, x) => a + x.plays, 0),
                tracked_videos: latest.size,
              }
            })
        }
        const growth = (a: { at: number; v: number }, b: { at: number; v: number }) => ({
          from: iso(a.at),
          to: iso(b.at),
          start_value: a.v,
          end_value: b.v,
          change: b.v - a.v,
          change_percent: a.v === 0 ? null : roundTo((100 * (b.v - a.v)) / a.v, 2),
        })
        const check = async (c: Creator, query: string, since: number, until: number) => {
          const d = (await ok<One<CreatorHistory>>(`/creators/${c.username}/history${query}`)).data
          const snaps = (
            await api.database.db
              .selectFrom('creator_snapshots')
              .selectAll()
              .where('creator_id', '=', c.id)
              .execute()
          )
            .filter((s) => s.observed_at >= since && s.observed_at <= until)
            .sort((a, b) => a.observed_at - b.observed_at)
          assert.deepEqual(
            d.snapshots,
            snaps.map((s) => ({
              observed_at: iso(s.observed_at),
              followers: s.followers,
              following: s.following,
              total_likes: s.total_likes,
              video_count: s.video_count,
            })),
          )
          const views = await expectViews(c, since, until)
          assert.deepEqual(d.views, views)
          const known = snaps.filter((s) => s.followers !== null)
          const f0 = known[0]
          const f1 = known[known.length - 1]
          assert.deepEqual(
            d.growth.followers,
            f0 && f1 && known.length > 1
              ? growth(
                  { at: f0.observed_at, v: f0.followers ?? 0 },
                  { at: f1.observed_at, v: f1.followers ?? 0 },
                )
              : null,
          )
          const v0 = views[0]
          const v1 = views[views.length - 1]
          assert.deepEqual(
            d.growth.views,
            v0 && v1 && views.length > 1
              ? growth(
                  { at: Date.parse(v0.observed_at ?? '') / 1000, v: v0.tracked_views },
                  { at: Date.parse(v1.observed_at ?? '') / 1000, v: v1.tracked_views },
                )
              : null,
          )
          assert.equal(d.truncated, false)
          return d
        }

        it('gives every snapshot oldest first and the daily tracked views', async () => {
          const d = await check(star, '', -Infinity, Infinity)
          assert.equal(d.since, null)
          assert.equal(d.until, null)
          assert.ok(d.snapshots.length >= 4 && d.views.length >= 2)
          // Views only grow on the demo data.
          assert.ok((d.growth.views?.change ?? 0) > 0)
          assert.equal(d.growth.followers?.start_value, 1000)
        })

        it('limits both series to since…until', async () => {
          const all = (await ok<One<CreatorHistory>>(`/creators/${star.username}/history`)).data
          const mid = all.views[Math.floor(all.views.length / 2)]?.observed_at ?? ''
          const since = Date.parse(mid) / 1000
          const until = API_NOW - DAY
          const d = await check(
            star,
            `?since=${encodeURIComponent(mid)}&until=${encodeURIComponent(iso(until) ?? '')}`,
            since,
            until,
          )
          assert.equal(d.since, mid)
          assert.equal(d.until, iso(until))
          assert.ok(d.views.length >= 1 && d.views.length < all.views.length)
          await check(
            star,
            `?until=${encodeURIComponent(iso(API_NOW - 40 * DAY) ?? '')}`,
            -Infinity,
            API_NOW - 40 * DAY,
          )
          await check(
            star,
            '?since=2026-11-20T00:00:00.000%2B02:00',
            Date.parse('2026-11-20T00:00:00+02:00') / 1000,
            Infinity,
          )
        })

        it('is empty for a creator seen without profile or videos', async () => {
          const bare = creators.find(
            (c) => c.username !== null && c.tracked_video_count === 0 && c.is_demo === 0,
          ) as Creator
          const d = await check(bare, '', -Infinity, Infinity)
          assert.deepEqual(d.views, [])
          assert.deepEqual(d.growth, { followers: null, views: null })
        })

        it('rejects since after until and unreadable times; 404 when unknown', async () => {
          await failing(
            `/creators/${star.username}/history?since=2026-11-10T00:00:00Z&until=2026-11-01T00:00:00Z`,
            400,
            'since',
            'until',
          )
          await failing(`/creators/${star.username}/history?since=yesterday`, 400, 'since')
          await failing(
            `/creators/${star.username}/history?until=2026-13-01T00:00:00Z`,
            400,
            'until',
          )
          await failing('/creators/nobody.here.at.all/history', 404, 'nobody.here.at.all')
        })
      })
    })
  }
})
