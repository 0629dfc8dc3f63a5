/** The analytics operations on a seeded database, checked against metrics.md computed here from raw rows. */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Selectable } from 'kysely'
import { loadConfig } from '../src/config.js'
import type { CreatorTable, VideoRow } from '../src/db/schema.js'
import { seedDemo } from '../src/demo/seed-demo.js'
import { NICHE_TAXONOMY } from '../src/domain/niche-taxonomy.js'
import type { CreatorComparison as CompareCreatorsResult } from '../src/queries/analytics/compare-creators.js'
import type { NicheReport } from '../src/queries/analytics/niche-benchmarks.js'
import type { CampaignPlanView } from '../src/queries/analytics/plan-campaign.js'
import type { PlatformStats } from '../src/queries/analytics/platform-stats.js'
import { createApp } from '../src/server/app.js'
import { apiCalls } from './support/api-calls.js'
import { testDatabases } from './support/databases.js'
import { inNicheOracle, keywordsOf } from './support/niche-oracle.js'
import {
  API_NOW,
  API_NOW_MS,
  PUBLIC_BASE_URL,
  type SeededApi,
  seededApi,
} from './support/seeded-api.js'

type Creator = Selectable<CreatorTable>
type Video = Selectable<VideoRow>
interface One<T> {
  data: T
  meta: { request_id: string }
}
const DAY = 86_400
/**
 * Demo creators in the database: the 40 of seededApi plus 80 more of the same deterministic set
 * (the first 40 re-send identical captures, which are duplicates), so that a niche has more
 * creators than the report's content sample and the planner has candidates in every tier.
 */
const DEMO_CREATORS = 120

// ---- metrics.md arithmetic, written here independently of src/domain ----

/** round_d(num / den), half-up (away from zero), in exact integer arithmetic. */
function exact(num: number | bigint, den: number | bigint, d: number): number {
  let n = BigInt(num)
  let m = BigInt(den)
  if (m < 0n) {
    n = -n
    m = -m
  }
  const sign = n < 0n ? -1 : 1
  const scale = 10n ** BigInt(d)
  const q = (2n * (n < 0n ? -n : n) * scale + m) / (2n * m)
  const r = (sign * Number(q)) / 10 ** d
  return r === 0 ? 0 : r
}
/** A value published with `d` decimals as an integer count of 10^-d units. */
const units = (x: number, d: number): number => Math.round(x * 10 ** d)
const iso = (s: number): string => new Date(s * 1000).toISOString().replace('.000Z', 'Z')
const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** §2 sample: 30 most recent (posted_at desc, id desc), pinned and play-less excluded. */
function sampleOf(videos: readonly Video[]): Video[] {
  return videos
    .filter((v) => v.is_pinned === 0 && v.plays !== null && v.posted_at !== null)
    .sort((a, b) => (b.posted_at ?? 0) - (a.posted_at ?? 0) || cmpStr(b.id, a.id))
    .slice(0, 30)
}

interface Format {
  videos: number
  share: number
  engagement_rate: number
  avg_views: number
}
function formatStats(group: readonly Video[], total: number): Format {
  const plays = group.reduce((s, v) => s + (v.plays ?? 0), 0)
  const inter = group.reduce((s, v) => s + (v.likes ?? 0) + (v.comments ?? 0) + (v.shares ?? 0), 0)
  return {
    videos: group.length,
    share: total === 0 ? 0 : exact(100 * group.length, total, 1),
    engagement_rate: plays === 0 ? 0 : exact(100 * inter, plays, 2),
    avg_views: group.length === 0 ? 0 : exact(plays, group.length, 0),
  }
}
/** §3 buckets: short < 60 ≤ medium ≤ 300 < long; content types video | slideshow. */
function formatsOf(videos: readonly Video[]) {
  const known = videos.filter((v) => v.duration !== null)
  const bucket = (lo: number, hi: number) =>
    known.filter((v) => (v.duration ?? 0) >= lo && (v.duration ?? 0) <= hi)
  return {
    duration: [
      { bucket: 'short', ...formatStats(bucket(0, 59), known.length) },
      { bucket: 'medium', ...formatStats(bucket(60, 300), known.length) },
      { bucket: 'long', ...formatStats(bucket(301, Number.MAX_SAFE_INTEGER), known.length) },
    ],
    content_type: ['video', 'slideshow'].map((t) => ({
      content_type: t,
      ...formatStats(
        videos.filter((v) => v.content_type === t),
        videos.length,
      ),
    })),
    unknown_duration: videos.length - known.length,
  }
}

/** Type-7 quantile of 2-decimal values, rounded half-up to 2 decimals, in exact arithmetic. */
function quartile(sortedHundredths: readonly number[], quarter: number): number {
  const n = sortedHundredths.length
  // h = (n − 1) × quarter / 4 = i + k/4
  const h4 = (n - 1) * quarter
  const i = Math.floor(h4 / 4)
  const k = h4 - 4 * i
  const lo = sortedHundredths[i] ?? 0
  const hi = sortedHundredths[Math.min(i + 1, n - 1)] ?? lo
  return exact(4 * lo + k * (hi - lo), 400, 2)
}

const TIER_BOUNDS = [
  ['nano', 0, 9_999],
  ['micro', 10_000, 99_999],
  ['mid', 100_000, 499_999],
  ['macro', 500_000, 999_999],
  ['mega', 1_000_000, Number.MAX_SAFE_INTEGER],
] as const

describe('analytics operations', () => {
  for (const target of testDatabases()) {
    describe(`on ${target.name}`, () => {
      let api: SeededApi
      let creators: Creator[]
      let videos: Video[]
      /** video id → its hashtags. */
      const videoTags = new Map<string, string[]>()
      const videosOf = new Map<string, Video[]>()

      const { get, failing } = apiCalls(() => api.app)
      const ok = async <T>(url: string): Promise<One<T>> => {
        const res = await get<One<T>>(url)
        assert.equal(res.status, 200, `${url}: ${JSON.stringify(res.body).slice(0, 300)}`)
        assert.ok(res.body.meta.request_id)
        return res.body
      }
      /** §4 membership (v2) from raw rows: every (video, hashtag) pair of the creator. */
      const inNiche = (c: Creator, niche: string): boolean =>
        inNicheOracle(
          c,
          (videosOf.get(c.id) ?? []).flatMap((v) => videoTags.get(v.id) ?? []),
          niche,
        )
      const creatorByName = (name: string): Creator => {
        const c = creators.find((x) => x.username === name)
        assert.ok(c, name)
        return c
      }

      before(async () => {
        api = await seededApi(target)
        await seedDemo(api.database, { creators: DEMO_CREATORS, seed: 7, nowMs: API_NOW_MS })
        const { db } = api.database
        creators = await db.selectFrom('creators').selectAll().execute()
        videos = await db.selectFrom('videos').selectAll().execute()
        const links = await db.selectFrom('video_hashtags').selectAll().execute()
        for (const v of videos) {
          if (v.creator_id === null) continue
          const list = videosOf.get(v.creator_id) ?? []
          list.push(v)
          videosOf.set(v.creator_id, list)
        }
        for (const l of links) {
          const list = videoTags.get(l.video_id) ?? []
          list.push(l.hashtag)
          videoTags.set(l.video_id, list)
        }
      })
      after(async () => {
        await api.close()
        await target.cleanup()
      })

      // ---- GET /analytics/platform-stats ----

      it('platform stats: every total from the raw tables', async () => {
        const { db } = api.database
        const { data } = await ok<PlatformStats>('/analytics/platform-stats')
        const hashtags = await db.selectFrom('hashtags').select('is_demo').execute()
        const sounds = await db.selectFrom('sounds').select('is_demo').execute()
        const captures = await db
          .selectFrom('captures')
          .select(['is_demo', 'contributor', 'observed_at'])
          .execute()
        const demo = (rows: { is_demo: number }[]) => rows.filter((r) => r.is_demo === 1).length
        assert.deepEqual(data, {
          total_creators: creators.length,
          total_videos: videos.length,
          total_views: videos.reduce((s, v) => s + (v.plays ?? 0), 0),
          total_hashtags: hashtags.length,
          total_sounds: sounds.length,
          total_captures: captures.length,
          contributors: new Set(captures.flatMap((c) => (c.contributor ? [c.contributor] : [])))
            .size,
          newest_observation_at: iso(Math.max(...captures.map((c) => c.observed_at))),
          videos_posted_last_24h: videos.filter((v) => (v.posted_at ?? 0) >= API_NOW - DAY).length,
          videos_posted_last_7d: videos.filter((v) => (v.posted_at ?? 0) >= API_NOW - 7 * DAY)
            .length,
          demo: {
            creators: demo(creators),
            videos: demo(videos),
            hashtags: demo(hashtags),
            sounds: demo(sounds),
            captures: demo(captures),
          },
          computed_at: '2026-11-25T12:00:00Z',
          cache_ttl_seconds: 60,
        })
        assert.ok(data.demo.creators < data.total_creators, 'the real fixtures are not demo')
        assert.equal(data.contributors, 2) // 'demo' and the fixtures' 'test'
        assert.ok(data.videos_posted_last_24h > 0 && data.videos_posted_last_7d > 0)
      })

      it('platform stats: cached per app for 60 s, a new app computes afresh', async () => {
        const { db } = api.database
        const first = (await ok<PlatformStats>('/analytics/platform-stats')).data
        await db
          .insertInto('hashtags')
          .values({
            name: 'zz_cache_probe',
            tiktok_id: null,
            description: null,
            tiktok_video_count: null,
            tiktok_view_count: null,
            tiktok_observed_at: null,
            tracked_video_count: 0,
            tracked_views: 0,
            first_seen_at: API_NOW,
            is_demo: 0,
          })
          .execute()
        try {
          const cached = (await ok<PlatformStats>('/analytics/platform-stats')).data
          assert.deepEqual(cached, first)
          const config = loadConfig({ LOG_LEVEL: 'silent', PUBLIC_BASE_URL })
          const other = await createApp({ config, database: api.database, now: () => API_NOW_MS })
          try {
            const res = await other.inject('/api/v1/analytics/platform-stats')
            assert.equal(
              res.json<One<PlatformStats>>().data.total_hashtags,
              first.total_hashtags + 1,
            )
          } finally {
            await other.close()
          }
        } finally {
          await db.deleteFrom('hashtags').where('name', '=', 'zz_cache_probe').execute()
        }
      })

      // ---- GET /analytics/creator-comparison ----

      /** The graded demo creators with the most followers. */
      const bigCreators = (n: number): Creator[] =>
        creators
          .filter((c) => c.username !== null && c.followers !== null && c.grade !== 'N/A')
          .sort((a, b) => (b.followers ?? 0) - (a.followers ?? 0) || cmpStr(a.id, b.id))
          .slice(0, n)

      it('creator comparison: §2 metrics from raw videos, leaders, content, not_found', async () => {
        const idle = creators.find(
          (c) => c.username !== null && sampleOf(videosOf.get(c.id) ?? []).length === 0,
        )
        const picked = [...bigCreators(3), idle]
        const names = picked.map((c) => c?.username ?? '')
        // Mixed case, '@', spaces, a duplicate and an unknown name.
        const list = [
          ` @${names[0]?.toUpperCase()}`,
          names[1],
          `@${names[2]}`,
          names[3],
          names[1]?.toUpperCase(),
          'nobody_here_xyz',
        ].join(',')
        const { data } = await ok<CompareCreatorsResult>(
          `/analytics/creator-comparison?usernames=${encodeURIComponent(list)}`,
        )
        assert.deepEqual(data.requested, [...names, 'nobody_here_xyz'])
        assert.deepEqual(data.not_found, ['nobody_here_xyz'])
        assert.deepEqual(
          data.creators.map((c) => c.username),
          names,
        )
        for (const out of data.creators) {
          const c = creatorByName(out.username)
          const own = videosOf.get(c.id) ?? []
          const s = sampleOf(own)
          const n = s.length
          const sortedPlays = s.map((v) => v.plays ?? 0).sort((a, b) => a - b)
          const med =
            n === 0
              ? 0
              : n % 2 === 1
                ? (sortedPlays[(n - 1) / 2] ?? 0)
                : exact((sortedPlays[n / 2 - 1] ?? 0) + (sortedPlays[n / 2] ?? 0), 2, 0)
          assert.equal(out.metrics.sample_size, n, out.username)
          assert.equal(out.followers, c.followers)
          assert.equal(out.profile_url, `${PUBLIC_BASE_URL}/creators/${out.username}`)
          assert.equal(out.tiktok_url, `https://www.tiktok.com/@${out.username}`)
          if (n > 0) {
            const plays = s.map((v) => v.plays ?? 0)
            const sum = (f: (v: Video) => number | null) => s.reduce((a, v) => a + (f(v) ?? 0), 0)
            assert.equal(
              out.metrics.avg_views,
              exact(
                sum((v) => v.plays),
                n,
                0,
              ),
            )
            assert.equal(
              out.metrics.avg_likes,
              exact(
                sum((v) => v.likes),
                n,
                0,
              ),
            )
            assert.equal(
              out.metrics.avg_comments,
              exact(
                sum((v) => v.comments),
                n,
                0,
              ),
            )
            assert.equal(
              out.metrics.avg_shares,
              exact(
                sum((v) => v.shares),
                n,
                0,
              ),
            )
            assert.equal(out.metrics.median_views, med)
            const interactions = sum((v) => (v.likes ?? 0) + (v.comments ?? 0) + (v.shares ?? 0))
            assert.equal(
              out.metrics.engagement_rate,
              exact(
                100 * interactions,
                sum((v) => v.plays),
                2,
              ),
            )
            const viral = plays.filter((p) => p >= Math.max(3 * med, 100_000)).length
            assert.equal(out.metrics.viral_ratio, exact(100 * viral, n, 1))
            const span = (s[0]?.posted_at ?? 0) - (s[n - 1]?.posted_at ?? 0)
            assert.equal(
              out.metrics.posts_per_week,
              n < 2 ? null : exact((n - 1) * 7 * DAY, Math.max(span, DAY), 1),
            )
          } else {
            // Nothing measured: every sample metric is null, never 0 (metrics.md §2, v2).
            const m = out.metrics
            assert.deepEqual(
              [m.avg_views, m.avg_likes, m.median_views, m.engagement_rate, m.viral_ratio],
              [null, null, null, null, null],
            )
            assert.equal(m.posts_per_week, null)
            assert.equal(m.estimated_sponsorship_value, null)
          }
          const tier = TIER_BOUNDS.find(
            ([, lo, hi]) => (c.followers ?? 0) >= lo && (c.followers ?? 0) <= hi,
          )?.[0]
          assert.equal(out.metrics.tier, tier)
          // Score, grade and sponsorship as stored, checked against §2.1 / §2.2 arithmetic.
          assert.equal(out.metrics.score, c.score)
          assert.equal(out.metrics.creator_score, c.grade)
          if (c.score !== null) {
            const cut = [85, 70, 55, 40, 25].findIndex((m) => (c.score ?? 0) >= m)
            assert.equal(c.grade, cut === -1 ? 'F' : ['A+', 'A', 'B', 'C', 'D'][cut])
          }
          const cpm =
            { finance: 18, tech: 15, fashion: 14, beauty: 12, education: 12, food: 8, gaming: 8 }[
              c.primary_niche ?? ''
            ] ?? 10
          assert.equal(
            out.metrics.sponsorship_value_low,
            n === 0 ? null : exact(med * 10 * cpm, 10_000, 0),
          )
          assert.equal(
            out.metrics.sponsorship_value_high,
            n === 0 ? null : exact(med * 20 * cpm, 10_000, 0),
          )

          // Content: top hashtags over all tracked videos; formats over the sample.
          const uses = new Map<string, number>()
          for (const v of own) {
            for (const t of videoTags.get(v.id) ?? []) uses.set(t, (uses.get(t) ?? 0) + 1)
          }
          const top = [...uses]
            .sort((a, b) => b[1] - a[1] || cmpStr(a[0], b[0]))
            .slice(0, 5)
            .map(([hashtag, u]) => ({ hashtag, uses: u }))
          assert.deepEqual(out.content.top_hashtags, top, out.username)
          assert.equal(out.content.sample_videos, n)
          assert.deepEqual(out.content.formats, formatsOf(s), out.username)
        }

        // Leaders: highest value, ties all listed alphabetically; sample metrics need a sample.
        const found = data.creators
        const expectLeader = (
          metric: keyof CompareCreatorsResult['leaders'],
          value: (c: (typeof found)[number]) => number | null,
        ) => {
          const values = found.map((c) => ({ u: c.username, v: value(c) }))
          const known = values.filter((x) => x.v !== null)
          if (known.length === 0) return assert.equal(data.leaders[metric], null, metric)
          const best = Math.max(...known.map((x) => x.v ?? 0))
          assert.deepEqual(
            data.leaders[metric],
            {
              value: best,
              usernames: known
                .filter((x) => x.v === best)
                .map((x) => x.u)
                .sort(cmpStr),
            },
            metric,
          )
        }
        const sampled = (c: (typeof found)[number], v: number | null) =>
          c.metrics.sample_size > 0 ? v : null
        expectLeader('followers', (c) => c.followers)
        expectLeader('engagement_rate', (c) => sampled(c, c.metrics.engagement_rate))
        expectLeader('engagement_rate_followers', (c) =>
          sampled(c, c.metrics.engagement_rate_followers),
        )
        expectLeader('avg_views', (c) => sampled(c, c.metrics.avg_views))
        expectLeader('avg_likes', (c) => sampled(c, c.metrics.avg_likes))
        expectLeader('avg_comments', (c) => sampled(c, c.metrics.avg_comments))
        expectLeader('avg_shares', (c) => sampled(c, c.metrics.avg_shares))
        expectLeader('avg_saves', (c) => sampled(c, c.metrics.avg_saves))
        expectLeader('median_views', (c) => sampled(c, c.metrics.median_views))
        expectLeader('viral_ratio', (c) => sampled(c, c.metrics.viral_ratio))
        expectLeader('posts_per_week', (c) => sampled(c, c.metrics.posts_per_week))
        expectLeader('score', (c) => c.metrics.score)
        expectLeader('sponsorship_value_low', (c) => sampled(c, c.metrics.sponsorship_value_low))
        expectLeader('sponsorship_value_high', (c) => sampled(c, c.metrics.sponsorship_value_high))
        // The account without videos never leads a sample metric, even at 0.
        const empty = names[3] ?? ''
        for (const l of Object.values(data.leaders)) assert.ok(!l?.usernames.includes(empty))
      })

      it('creator comparison: ties list every leader; none found is a 200', async () => {
        // Two creators without a viral video tie on viral_ratio 0.
        const flat = bigCreators(40).filter((c) => c.viral_ratio === 0 && c.sample_size > 0)
        const [a, b] = [flat[0]?.username ?? '', flat[1]?.username ?? '']
        const { data } = await ok<CompareCreatorsResult>(
          `/analytics/creator-comparison?usernames=${b},${a}`,
        )
        assert.deepEqual(data.leaders.viral_ratio, { value: 0, usernames: [a, b].sort(cmpStr) })
        const none = await ok<CompareCreatorsResult>(
          '/analytics/creator-comparison?usernames=ghost_one,ghost_two',
        )
        assert.deepEqual(none.data.creators, [])
        assert.deepEqual(none.data.not_found, ['ghost_one', 'ghost_two'])
        for (const l of Object.values(none.data.leaders)) assert.equal(l, null)
      })

      it('creator comparison: 2–10 usernames, else a 400 naming usernames', async () => {
        await failing('/analytics/creator-comparison', 400, 'usernames')
        await failing('/analytics/creator-comparison?usernames=', 400, 'usernames')
        await failing('/analytics/creator-comparison?usernames=solo', 400, 'usernames', '2', '10')
        await failing('/analytics/creator-comparison?usernames=a,A,@a,%20a%20', 400, 'usernames')
        await failing('/analytics/creator-comparison?usernames=,,,', 400, 'usernames')
        const eleven = Array.from({ length: 11 }, (_, i) => `user${i}`).join(',')
        await failing(`/analytics/creator-comparison?usernames=${eleven}`, 400, 'usernames', '10')
        const ten = Array.from({ length: 10 }, (_, i) => `user${i}`).join(',')
        const { data } = await ok<CompareCreatorsResult>(
          `/analytics/creator-comparison?usernames=${ten}`,
        )
        assert.equal(data.not_found.length, 10)
      })

      // ---- GET /analytics/niche-report ----

      /** The report computed here from raw rows (membership, samples, hashtags from videos). */
      const expectedReport = (niche: string, min: number, max: number | null) => {
        const members = creators.filter(
          (c) =>
            c.username !== null &&
            c.followers !== null &&
            c.followers >= min &&
            (max === null || c.followers <= max) &&
            sampleOf(videosOf.get(c.id) ?? []).length >= 1 &&
            inNiche(c, niche),
        )
        const n = members.length
        // Rates and rhythms over the members that have one (null: no evidence, metrics.md §2).
        const er = members
          .flatMap((c) => (c.engagement_rate === null ? [] : [units(c.engagement_rate, 2)]))
          .sort((a, b) => a - b)
        const ppw = members.flatMap((c) =>
          c.posts_per_week === null ? [] : [units(c.posts_per_week, 1)],
        )
        const followers = members.map((c) => c.followers ?? 0).sort((a, b) => a - b)
        const medianFollowers =
          n % 2 === 1
            ? (followers[(n - 1) / 2] ?? 0)
            : exact((followers[n / 2 - 1] ?? 0) + (followers[n / 2] ?? 0), 2, 0)
        const tiers = Object.fromEntries(
          TIER_BOUNDS.map(([t, lo, hi]) => {
            const count = members.filter(
              (c) => (c.followers ?? 0) >= lo && (c.followers ?? 0) <= hi,
            ).length
            return [t, { creators: count, share: exact(100 * count, n, 1) }]
          }),
        )
        const grades = Object.fromEntries(
          ['A+', 'A', 'B', 'C', 'D', 'F', 'N/A'].map((g) => [
            g,
            members.filter((c) => c.grade === g).length,
          ]),
        )
        const top = [...members]
          .sort(
            (a, b) =>
              (a.score === null ? 1 : 0) - (b.score === null ? 1 : 0) ||
              (b.score ?? 0) - (a.score ?? 0) ||
              (a.engagement_rate === null ? 1 : 0) - (b.engagement_rate === null ? 1 : 0) ||
              (b.engagement_rate ?? 0) - (a.engagement_rate ?? 0) ||
              (b.followers ?? 0) - (a.followers ?? 0) ||
              cmpStr(a.id, b.id),
          )
          .slice(0, 10)
          .map((c) => c.username)
        const lastPosted = (c: Creator) =>
          Math.max(-1, ...(videosOf.get(c.id) ?? []).map((v) => v.posted_at ?? -1))
        const content = [...members]
          .sort((a, b) => lastPosted(b) - lastPosted(a) || cmpStr(a.id, b.id))
          .slice(0, 50)
        const sample = content.flatMap((c) => sampleOf(videosOf.get(c.id) ?? []))
        const since = API_NOW - 7 * DAY
        const tagStats = new Map<string, { videos: number; plays: number }>()
        for (const v of sample) {
          if ((v.posted_at ?? 0) < since) continue
          for (const t of videoTags.get(v.id) ?? []) {
            const s = tagStats.get(t) ?? { videos: 0, plays: 0 }
            s.videos++
            s.plays += v.plays ?? 0
            tagStats.set(t, s)
          }
        }
        const keywords = keywordsOf(niche)
        const trending = [...tagStats]
          .sort(
            (a, b) => b[1].videos - a[1].videos || b[1].plays - a[1].plays || cmpStr(a[0], b[0]),
          )
          .slice(0, 10)
          .map(([hashtag, s]) => ({
            hashtag,
            recent_videos: s.videos,
            recent_views: s.plays,
            is_niche_keyword: keywords.includes(hashtag),
          }))
        return {
          members,
          content,
          fields: {
            creators_analyzed: n,
            engagement_rate:
              er.length === 0
                ? null
                : {
                    mean: exact(
                      er.reduce((a, b) => a + b, 0),
                      100 * er.length,
                      2,
                    ),
                    min: (er[0] ?? 0) / 100,
                    q1: quartile(er, 1),
                    median: quartile(er, 2),
                    q3: quartile(er, 3),
                    max: (er[er.length - 1] ?? 0) / 100,
                  },
            median_followers: medianFollowers,
            follower_distribution: tiers,
            grade_distribution: grades,
            avg_posts_per_week:
              ppw.length === 0
                ? null
                : exact(
                    ppw.reduce((a, b) => a + b, 0),
                    10 * ppw.length,
                    2,
                  ),
            trending_hashtags: trending,
            trending_since: iso(since),
            content_sample: { creators: content.length, videos: sample.length },
            content_formats: formatsOf(sample),
            data_as_of: '2026-11-25T12:00:00Z',
          },
          top,
        }
      }

      it('niche report: a broad niche, every figure from raw rows, content sample bounded', async () => {
        // A word outside the taxonomy that many demo creators carry in their bio: membership by
        // text (§4) makes it the broadest niche of the data set (every taxonomy niche has 6).
        const { data } = await ok<NicheReport>(
          '/analytics/niche-report?niche=%23Collabs&min_followers=0',
        )
        const want = expectedReport('collabs', 0, null)
        assert.ok(want.members.length > 10, `only ${want.members.length} creators say collabs`)
        assert.equal(data.niche, 'collabs')
        assert.equal(data.taxonomy_niche, null)
        assert.deepEqual(data.keywords, ['collabs'])
        assert.equal(data.min_followers, 0)
        assert.equal(data.max_followers, null)
        const { top_creators, ...rest } = data
        assert.deepEqual(
          Object.fromEntries(
            Object.keys(want.fields).map((k) => [k, rest[k as keyof typeof rest]]),
          ),
          want.fields,
        )
        assert.deepEqual(
          top_creators.map((c) => c.username),
          want.top,
        )
        assert.equal(data.content_sample.creators, Math.min(50, want.members.length))
        assert.ok(data.trending_hashtags.length > 0)
        assert.ok(data.trending_hashtags.every((t) => !t.is_niche_keyword))
      })

      it('niche report: a hashtag word counts where it is a quarter of the classified tags', async () => {
        // #fyp is on almost every demo video but belongs to no niche: only creators whose fyp
        // pairs reach a quarter of (their taxonomy pairs + fyp pairs) are its members.
        const { data } = await ok<NicheReport>(
          '/analytics/niche-report?niche=%23FYP&min_followers=0',
        )
        const want = expectedReport('fyp', 0, null)
        assert.ok(want.members.length >= 1)
        assert.equal(data.creators_analyzed, want.members.length)
        assert.ok(data.trending_hashtags.some((t) => t.hashtag === 'fyp' && t.is_niche_keyword))
      })

      it('niche report: taxonomy niche by keyword, follower range, top creators as Creator', async () => {
        const { data } = await ok<NicheReport>(
          '/analytics/niche-report?niche=GymTok&min_followers=1000&max_followers=2000000',
        )
        const want = expectedReport('fitness', 1000, 2_000_000)
        assert.ok(want.members.length >= 3, `${want.members.length} fitness creators`)
        assert.equal(data.niche, 'gymtok')
        assert.equal(data.taxonomy_niche, 'fitness')
        assert.deepEqual(data.keywords, NICHE_TAXONOMY.fitness)
        assert.equal(data.max_followers, 2_000_000)
        for (const [k, v] of Object.entries(want.fields)) {
          assert.deepEqual(data[k as keyof NicheReport], v, k)
        }
        assert.deepEqual(
          data.top_creators.map((c) => c.username),
          want.top,
        )
        const first = data.top_creators[0]
        assert.ok(first)
        const row = creatorByName(first.username)
        assert.equal(first.metrics.engagement_rate, row.engagement_rate)
        assert.equal(first.profile_url, `${PUBLIC_BASE_URL}/creators/${first.username}`)

        // The default min_followers is 10,000.
        const dflt = await ok<NicheReport>('/analytics/niche-report?niche=fyp')
        assert.equal(dflt.data.min_followers, 10_000)
        assert.equal(
          dflt.data.creators_analyzed,
          expectedReport('fyp', 10_000, null).members.length,
        )
      })

      it('niche report: 404 when nothing matches, 400 for bad parameters', async () => {
        await failing('/analytics/niche-report?niche=nonexistentniche', 404, 'nonexistentniche')
        await failing('/analytics/niche-report?niche=fitness&min_followers=900000000000', 404)
        await failing('/analytics/niche-report', 400, 'niche')
        await failing('/analytics/niche-report?niche=%23%20', 400, 'niche')
        await failing(
          '/analytics/niche-report?niche=fitness&min_followers=-1',
          400,
          'min_followers',
        )
        await failing(
          '/analytics/niche-report?niche=fitness&max_followers=abc',
          400,
          'max_followers',
        )
        await failing(
          '/analytics/niche-report?niche=fitness&min_followers=5000&max_followers=100',
          400,
          'min_followers',
          'max_followers',
        )
        // LIKE wildcards in the niche are literal.
        await failing('/analytics/niche-report?niche=_&min_followers=0', 404)
        await failing('/analytics/niche-report?niche=%25&min_followers=0', 404)
      })

      // ---- GET /analytics/campaign-planner ----

      /** §7 computed here: candidates from raw rows, the greedy allocation in integer cents. */
      const expectedPlan = (
        budget: number,
        niche: string,
        minEr: number,
        region: string | null,
      ) => {
        // Members of the niche, sorted into the first §7 rule each fails (or none).
        const members = creators.filter((c) => c.username !== null && inNiche(c, niche))
        const excluded = {
          other_region: 0,
          below_min_followers: 0,
          not_graded: 0,
          below_min_engagement_rate: 0,
        }
        const candidates: (Creator & {
          engagement_rate: number
          median_views: number
          sponsorship_low: number
          sponsorship_high: number
        })[] = []
        for (const c of members) {
          if (region !== null && c.region !== region.toUpperCase()) excluded.other_region++
          else if ((c.followers ?? 0) < 10_000) excluded.below_min_followers++
          else if (c.grade === 'N/A') excluded.not_graded++
          else if (c.engagement_rate === null || c.engagement_rate < minEr)
            excluded.below_min_engagement_rate++
          else {
            assert.ok(c.median_views !== null && c.sponsorship_low !== null)
            assert.ok(c.sponsorship_high !== null)
            candidates.push({
              ...c,
              engagement_rate: c.engagement_rate,
              median_views: c.median_views,
              sponsorship_low: c.sponsorship_low,
              sponsorship_high: c.sponsorship_high,
            })
          }
        }
        candidates.sort(
          (a, b) =>
            b.engagement_rate - a.engagement_rate ||
            (b.followers ?? 0) - (a.followers ?? 0) ||
            cmpStr(a.username ?? '', b.username ?? ''),
        )
        const tierOf = (f: number) => (f >= 500_000 ? 'macro' : f >= 100_000 ? 'mid' : 'micro')
        const budgetCents = Math.round(budget * 100)
        let spentCents = 0
        let reach = 0
        let engagements = 0
        let cumulative = 0
        const roster: Record<string, unknown> = {}
        let skipped = 0
        for (const [tier, share] of [
          ['macro', 40],
          ['mid', 35],
          ['micro', 25],
        ] as const) {
          cumulative += share
          const limit = (budgetCents * cumulative) / 100
          const available = limit - spentCents
          const chosen = []
          let tierSpent = 0
          for (const c of candidates) {
            if (tierOf(c.followers ?? 0) !== tier) continue
            const costCents = (c.sponsorship_low + c.sponsorship_high) * 50
            if (spentCents + costCents > limit) {
              skipped++
              continue
            }
            const eng = exact(c.median_views * units(c.engagement_rate, 2), 10_000, 0)
            chosen.push({
              username: c.username,
              display_name: c.nickname,
              tier: c.tier,
              followers: c.followers,
              engagement_rate: c.engagement_rate,
              grade: c.grade,
              // metrics.md §11, as stored (tested to the digit in api-sponsored.test.ts).
              sponsored_share: c.sponsored_share,
              cost: costCents / 100,
              estimated_reach: c.median_views,
              estimated_engagements: eng,
              profile_url: `${PUBLIC_BASE_URL}/creators/${c.username}`,
              tiktok_url: `https://www.tiktok.com/@${c.username}`,
            })
            spentCents += costCents
            tierSpent += costCents
            reach += c.median_views
            engagements += eng
          }
          roster[tier] = {
            label: tier === 'macro' ? 'macro (incl. mega)' : tier,
            budget_share: share,
            budget: exact(Math.round(available), 100, 2),
            spent: tierSpent / 100,
            creators: chosen,
          }
        }
        const emvCents = reach // reach / 1000 × $10 = reach cents
        return {
          skipped,
          plan: {
            roster,
            totals: {
              creators: Object.values(roster).reduce(
                (n: number, t) => n + (t as { creators: unknown[] }).creators.length,
                0,
              ),
              cost: spentCents / 100,
              reach,
              engagements,
              cpm: reach === 0 ? 0 : exact(spentCents * 10, reach, 2),
              cost_per_engagement: engagements === 0 ? 0 : exact(spentCents, engagements * 100, 2),
              estimated_media_value: emvCents / 100,
              roi: spentCents === 0 ? 0 : exact(emvCents - spentCents, spentCents, 2),
            },
            unallocated: (budgetCents - spentCents) / 100,
            candidates_considered: candidates.length,
            explanation: {
              niche_members: members.length,
              qualified: candidates.length,
              excluded,
              qualified_cost:
                candidates.reduce(
                  (sum, c) => sum + (c.sponsorship_low + c.sponsorship_high) * 50,
                  0,
                ) / 100,
            },
            data_as_of: '2026-11-25T12:00:00Z',
          },
        }
      }

      /** A plan with its inputs and the reason's prose set aside (checked on their own). */
      const withoutReason = (plan: CampaignPlanView) => {
        const { unallocated_reason: _, ...explanation } = plan.explanation
        return { ...plan, inputs: undefined, explanation }
      }

      it('campaign planner: §7 to the digit, with skips and carry-over', async () => {
        const budget = 9_000
        const { data } = await ok<CampaignPlanView>(
          `/analytics/campaign-planner?budget=${budget}&niche=collabs&min_engagement_rate=3`,
        )
        const want = expectedPlan(budget, 'collabs', 3, null)
        assert.deepEqual(withoutReason(data), { ...want.plan, inputs: undefined })
        assert.deepEqual(data.inputs, {
          budget,
          niche: 'collabs',
          keywords: ['collabs'],
          min_engagement_rate: 3,
          region: null,
        })
        // The data exercises every rule: several tiers chosen, a candidate that did not fit.
        assert.ok(data.candidates_considered >= 10, `${data.candidates_considered} candidates`)
        assert.ok(want.skipped > 0, 'a candidate was skipped for cost')
        assert.ok(
          ['macro', 'mid', 'micro'].filter((t) => data.roster[t as 'mid'].creators.length > 0)
            .length >= 2,
        )
        assert.ok(data.unallocated >= 0 && data.totals.cost <= budget)
      })

      it('campaign planner: defaults, region (case-insensitive), large and tiny budgets', async () => {
        // The planner's niche here is a bio word (collabs) that 22 demo creators share.
        const region = creators
          .filter(
            (c) =>
              (c.followers ?? 0) >= 10_000 &&
              c.grade !== 'N/A' &&
              c.region !== null &&
              inNiche(c, 'collabs'),
          )
          .map((c) => c.region ?? '')
          .sort()[0]
        assert.ok(region)
        for (const [query, budget, niche, minEr, reg] of [
          [
            `budget=250000.5&niche=%23collabs&region=${region.toLowerCase()}`,
            250_000.5,
            'collabs',
            3,
            region,
          ],
          ['budget=1000000&niche=beauty&min_engagement_rate=0', 1_000_000, 'beauty', 0, null],
          ['budget=12.34&niche=collabs&min_engagement_rate=5.5', 12.34, 'collabs', 5.5, null],
          // UK is read as GB, TikTok's code for the United Kingdom.
          [
            'budget=40000&niche=collabs&min_engagement_rate=1&region=%20uk',
            40_000,
            'collabs',
            1,
            'GB',
          ],
        ] as const) {
          const { data } = await ok<CampaignPlanView>(`/analytics/campaign-planner?${query}`)
          const want = expectedPlan(budget, niche, minEr, reg)
          if (reg !== null) assert.ok(want.plan.candidates_considered > 0, query)
          assert.deepEqual(withoutReason(data), { ...want.plan, inputs: undefined }, query)
          assert.equal(data.inputs.min_engagement_rate, minEr)
          assert.equal(data.inputs.region, reg)
        }
      })

      it('campaign planner: says why budget stays unallocated, with the numbers', async () => {
        const usd = (cents: number) =>
          `$${Math.floor(cents / 100)
            .toString()
            .replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(cents % 100).padStart(2, '0')}`
        // A budget no niche can use up: every qualifying creator is in the plan.
        const big = (
          await ok<CampaignPlanView>(
            '/analytics/campaign-planner?budget=100000000&niche=collabs&min_engagement_rate=3',
          )
        ).data
        const want = expectedPlan(100_000_000, 'collabs', 3, null)
        const qualified = want.plan.candidates_considered
        assert.ok(qualified > 1)
        assert.equal(big.totals.creators, qualified)
        assert.equal(
          big.explanation.unallocated_reason,
          `${qualified} creators qualify in collabs at ≥ 3 % engagement; all ${qualified} together ` +
            `cost ${usd(Math.round(want.plan.explanation.qualified_cost * 100))}. Lower ` +
            'min_engagement_rate or widen the niche to spend more.',
        )
        // No member at all, then members of whom none qualifies.
        const none = (
          await ok<CampaignPlanView>(
            '/analytics/campaign-planner?budget=500&niche=nonexistentniche',
          )
        ).data
        assert.match(
          none.explanation.unallocated_reason ?? '',
          /^No tracked creator is in nonexistentniche/,
        )
        const strict = (
          await ok<CampaignPlanView>(
            '/analytics/campaign-planner?budget=500&niche=collabs&min_engagement_rate=99',
          )
        ).data
        const x = strict.explanation
        assert.equal(x.qualified, 0)
        assert.equal(
          x.niche_members,
          x.excluded.below_min_engagement_rate +
            x.excluded.not_graded +
            x.excluded.below_min_followers,
        )
        assert.match(
          x.unallocated_reason ?? '',
          new RegExp(
            `^No creator qualifies in collabs at ≥ 99 % engagement: of ${x.niche_members.toLocaleString('en-US')} creators, ` +
              `${x.excluded.below_min_engagement_rate} below 99 % engagement`,
          ),
        )
        // A budget the plan spends to the cent has no reason to give: the cheapest creator is a
        // micro one (micro is offered the whole budget last), and nobody else costs less.
        const costs = Object.values(big.roster).flatMap((t) => t.creators.map((c) => c.cost))
        const cheapest = Math.min(...big.roster.micro.creators.map((c) => c.cost))
        assert.equal(cheapest, Math.min(...costs))
        const spent = (
          await ok<CampaignPlanView>(
            `/analytics/campaign-planner?budget=${cheapest}&niche=collabs&min_engagement_rate=3`,
          )
        ).data
        assert.equal(spent.unallocated, 0)
        assert.equal(spent.explanation.unallocated_reason, null)
      })

      it('niche members are read once per app and reused; a new app reads them afresh', async () => {
        const { db } = api.database
        const url = (budget: number) =>
          `/analytics/campaign-planner?budget=${budget}&niche=collabs&min_engagement_rate=3`
        const before = (await ok<CampaignPlanView>(url(1_000_000))).data
        const top = before.roster.micro.creators[0] ?? before.roster.mid.creators[0]
        assert.ok(top)
        const row = creatorByName(top.username)
        await db
          .updateTable('creators')
          .set({ engagement_rate: 0 })
          .where('id', '=', row.id)
          .execute()
        try {
          // Another budget: a new plan, from the cached candidates.
          const cached = (await ok<CampaignPlanView>(url(999_999))).data
          assert.equal(cached.candidates_considered, before.candidates_considered)
          assert.equal(cached.data_as_of, before.data_as_of)
          const config = loadConfig({ LOG_LEVEL: 'silent', PUBLIC_BASE_URL })
          const other = await createApp({ config, database: api.database, now: () => API_NOW_MS })
          try {
            const res = await other.inject(`/api/v1${url(999_999)}`)
            const fresh = res.json<One<CampaignPlanView>>().data
            assert.equal(fresh.candidates_considered, before.candidates_considered - 1)
            const names = Object.values(fresh.roster).flatMap((t) =>
              t.creators.map((c) => c.username),
            )
            assert.ok(!names.includes(top.username))
          } finally {
            await other.close()
          }
        } finally {
          await db
            .updateTable('creators')
            .set({ engagement_rate: row.engagement_rate })
            .where('id', '=', row.id)
            .execute()
        }
      })

      it('campaign planner: no candidate is an empty plan; bad parameters are 400s', async () => {
        const { data } = await ok<CampaignPlanView>(
          '/analytics/campaign-planner?budget=500&niche=nonexistentniche',
        )
        assert.equal(data.candidates_considered, 0)
        assert.equal(data.unallocated, 500)
        assert.deepEqual(data.totals, {
          creators: 0,
          cost: 0,
          reach: 0,
          engagements: 0,
          cpm: 0,
          cost_per_engagement: 0,
          estimated_media_value: 0,
          roi: 0,
        })
        assert.deepEqual(data.roster.macro, {
          label: 'macro (incl. mega)',
          budget_share: 40,
          budget: 200,
          spent: 0,
          creators: [],
        })
        assert.deepEqual(data.roster.micro.budget, 500)
        await failing('/analytics/campaign-planner?budget=0&niche=fitness', 400, 'budget')
        await failing('/analytics/campaign-planner?budget=-10&niche=fitness', 400, 'budget')
        await failing('/analytics/campaign-planner?budget=abc&niche=fitness', 400, 'budget')
        await failing('/analytics/campaign-planner?niche=fitness', 400, 'budget')
        await failing('/analytics/campaign-planner?budget=100', 400, 'niche')
        await failing('/analytics/campaign-planner?budget=100&niche=%23', 400, 'niche')
        await failing(
          '/analytics/campaign-planner?budget=100&niche=fitness&min_engagement_rate=101',
          400,
          'min_engagement_rate',
        )
      })
    })
  }
})
