/**
 * Metrics v2 on sparse, real-shaped data (metrics.md §2, §4): a real creator seen only through a
 * profile page and a pinned video, creators with 1 and 2 sample videos, and a comedian with one
 * #fitness post, read through the API on every database. Expected values are worked out here
 * from the definitions, by hand.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { createApp } from '../src/server/app.js'
import { readFixture } from './fixtures.js'
import { apiCalls } from './support/api-calls.js'
import { testDatabases } from './support/databases.js'
import {
  capture,
  FIXTURE_FOLLOWERS,
  itemListBody,
  listUrl,
  userDetailBody,
  userUrl,
  type VideoSpec,
} from './support/fixture-captures.js'

const NOW_MS = Date.parse('2026-11-25T12:00:00Z')
const T = NOW_MS / 1000 - 86_400
const DAY = 86_400

interface CreatorAnswer {
  username: string
  followers: number | null
  tracked_videos: number
  metrics: Record<string, unknown> & { score_parts: Record<string, number | null> }
}
interface Page<T> {
  data: T[]
  pagination: { total: number }
}

/** A made-up creator: a profile capture and one list capture of its videos. */
function creator(id: string, username: string, followers: number, videos: VideoSpec[]) {
  return [
    capture(userUrl(username), NOW_MS - 60_000, userDetailBody({ followers, id, username })),
    capture(
      listUrl(`sec-${id}`),
      NOW_MS - 60_000,
      itemListBody(...videos.map((v) => ({ ...v, author: { id, username } }))),
    ),
  ]
}

const tagged = (id: string, day: number, tags: string[], plays = 10_000): VideoSpec => ({
  id,
  plays,
  likes: plays / 10,
  comments: 0,
  shares: 0,
  postedAt: T - day * DAY,
  hashtags: tags,
})

for (const target of testDatabases()) {
  describe(`sparse creators on ${target.name}`, () => {
    let database: Database
    let app: FastifyInstance
    const { ok } = apiCalls(() => app)
    const creatorOf = async (username: string) =>
      (await ok<{ data: CreatorAnswer }>(`/creators/${username}`)).data
    const ingest = async (captures: unknown[]) => {
      const s = await ingestBatch(
        { database, now: () => NOW_MS },
        { captures, contributor: 'sparse-test' },
      )
      assert.equal(s.dropped.length, 0, JSON.stringify(s.dropped))
    }

    before(async () => {
      database = await target.open()
      app = await createApp({
        config: loadConfig({ LOG_LEVEL: 'silent', TOKLYTICS_RATE_LIMIT: 'off' }),
        database,
        now: () => NOW_MS,
      })
    })
    after(async () => {
      await app.close()
      await database.close()
      await target.cleanup()
    })

    it('a real creator seen only through a profile page: every metric is null, never 0', async () => {
      await ingest([
        capture(userUrl('zg.520'), NOW_MS - 120_000, readFixture('user_detail.sample1.json')),
      ])
      const c = await creatorOf('zg.520')
      assert.equal(c.followers, FIXTURE_FOLLOWERS)
      assert.equal(c.tracked_videos, 0)
      const m = c.metrics
      assert.equal(m.sample_size, 0)
      for (const key of [
        'avg_views',
        'avg_likes',
        'avg_comments',
        'avg_shares',
        'avg_saves',
        'median_views',
        'engagement_rate',
        'engagement_rate_followers',
        'viral_ratio',
        'posts_per_week',
        'estimated_sponsorship_value',
        'sponsorship_value_low',
        'sponsorship_value_high',
        'score',
      ]) {
        assert.equal(m[key], null, key)
      }
      assert.equal(m.creator_score, 'N/A')
      assert.equal(m.tier, 'mid')
      assert.deepEqual(m.score_parts, {
        engagement: null,
        reach: null,
        virality: null,
        consistency: null,
      })
    })

    it('and then through its one pinned video: still nothing measured', async () => {
      await ingest([
        capture(listUrl('x'), NOW_MS - 110_000, readFixture('post_item_list.sample1.json')),
      ])
      const c = await creatorOf('zg.520')
      assert.equal(c.tracked_videos, 1)
      assert.equal(c.metrics.sample_size, 0)
      assert.equal(c.metrics.engagement_rate, null)
      assert.equal(c.metrics.avg_views, null)
      assert.equal(c.metrics.estimated_sponsorship_value, null)
      // The pinned video is served, with nothing to compare it with.
      const videos =
        await ok<Page<{ is_pinned: boolean; performance_vs_average: unknown }>>(
          '/creators/zg.520/videos',
        )
      assert.equal(videos.data.length, 1)
      assert.equal(videos.data[0]?.is_pinned, true)
      assert.equal(videos.data[0]?.performance_vs_average, null)
    })

    it('one sample video: averages and rates, no posting rhythm, no grade', async () => {
      await ingest(
        creator('7100000000000000001', 'solo.one', 8_000, [
          {
            id: '7300000000000000001',
            plays: 2_000,
            likes: 150,
            comments: 9,
            shares: 3,
            saves: 4,
            postedAt: T,
            hashtags: ['fyp'],
          },
        ]),
      )
      const m = (await creatorOf('solo.one')).metrics
      assert.deepEqual(
        {
          sample_size: m.sample_size,
          avg_views: m.avg_views,
          avg_likes: m.avg_likes,
          avg_saves: m.avg_saves,
          median_views: m.median_views,
          engagement_rate: m.engagement_rate,
          engagement_rate_followers: m.engagement_rate_followers,
          viral_ratio: m.viral_ratio,
          posts_per_week: m.posts_per_week,
          creator_score: m.creator_score,
          score: m.score,
          estimated_sponsorship_value: m.estimated_sponsorship_value,
        },
        {
          sample_size: 1,
          avg_views: 2_000,
          avg_likes: 150,
          avg_saves: 4,
          median_views: 2_000,
          // 100 × (150 + 9 + 3) / 2000 = 8.1
          engagement_rate: 8.1,
          // 100 × 162 / 8000 = 2.025 → 2.03
          engagement_rate_followers: 2.03,
          viral_ratio: 0,
          posts_per_week: null,
          creator_score: 'N/A',
          score: null,
          // no niche: CPM 10 → 2000 / 1000 × 10 = 20, × 20 = 40
          estimated_sponsorship_value: '$20 - $40',
        },
      )
    })

    it('two sample videos two days apart: 3.5 posts a week, still no grade', async () => {
      await ingest(
        creator('7100000000000000002', 'duo.two', 20_000, [
          {
            id: '7300000000000000002',
            plays: 300,
            likes: 30,
            comments: 0,
            shares: 0,
            postedAt: T,
            hashtags: ['fyp'],
          },
          {
            id: '7300000000000000003',
            plays: 500,
            likes: 20,
            comments: 0,
            shares: 0,
            postedAt: T - 2 * DAY,
            hashtags: ['fyp'],
          },
        ]),
      )
      const m = (await creatorOf('duo.two')).metrics
      // (2 − 1) × 7 / 2 = 3.5; median (300 + 500) / 2 = 400; likes only: 100 × 50 / 800 = 6.25
      assert.equal(m.posts_per_week, 3.5)
      assert.equal(m.median_views, 400)
      assert.equal(m.engagement_rate, 6.25)
      assert.equal(m.creator_score, 'N/A')
    })

    it('a comedian with one #fitness post is not a fitness creator anywhere', async () => {
      // Comedian: 6 comedy videos + 1 fitness video → fitness 1 of 7 classified pairs (< 1/4).
      const comedy = [0, 1, 2, 3, 4, 5].map((d) =>
        tagged(`73100000000000000${10 + d}`, d, ['comedy', 'funny', 'fyp']),
      )
      await ingest(
        creator('7100000000000000003', 'dadana.comedy', 300_000, [
          ...comedy,
          tagged('7310000000000000020', 6, ['fitness', 'fyp'], 50_000),
        ]),
      )
      // A fitness creator: 4 videos, gym and workout tags.
      await ingest(
        creator(
          '7100000000000000004',
          'fit.real',
          150_000,
          [0, 2, 4, 6].map((d) => tagged(`73200000000000000${10 + d}`, d, ['gym', 'workout'])),
        ),
      )
      const names = (page: Page<{ username: string }>) => page.data.map((c) => c.username).sort()
      assert.deepEqual(names(await ok('/creators/search?niche=fitness')), ['fit.real'])
      assert.deepEqual(names(await ok('/creators/search?q=fitness')), ['fit.real'])
      assert.deepEqual(names(await ok('/creators/search?niche=%23GymTok')), ['fit.real'])
      assert.deepEqual(names(await ok('/creators/search?niche=comedy')), ['dadana.comedy'])
      const report = await ok<{
        data: { creators_analyzed: number; top_creators: { username: string }[] }
      }>('/analytics/niche-report?niche=fitness&min_followers=0')
      assert.equal(report.data.creators_analyzed, 1)
      assert.deepEqual(
        report.data.top_creators.map((c) => c.username),
        ['fit.real'],
      )
      const plan = await ok<{ data: { explanation: { niche_members: number } } }>(
        '/analytics/campaign-planner?budget=20000&niche=fitness&min_engagement_rate=0',
      )
      assert.equal(plan.data.explanation.niche_members, 1)
    })

    it('filters by grade and sorts by engagement rate, unmeasured creators last', async () => {
      const ungraded = await ok<Page<{ username: string }>>('/creators/search?grade=N/A')
      assert.deepEqual(ungraded.data.map((c) => c.username).sort(), [
        'duo.two',
        'solo.one',
        'zg.520',
      ])
      // Rates: comedian 10 (likes = plays / 10), fit.real 10, solo 8.1, duo 6.25, zg.520 none.
      const byRate = await ok<Page<{ username: string; metrics: { engagement_rate: unknown } }>>(
        '/creators/search?sort=engagement_rate&order=desc',
      )
      assert.deepEqual(
        byRate.data.map((c) => [c.username, c.metrics.engagement_rate]),
        [
          // equal rates: by id
          ['dadana.comedy', 10],
          ['fit.real', 10],
          ['solo.one', 8.1],
          ['duo.two', 6.25],
          ['zg.520', null],
        ],
      )
      const asc = await ok<Page<{ username: string }>>(
        '/creators/search?sort=engagement_rate&order=asc&min_engagement_rate=7',
      )
      assert.deepEqual(
        asc.data.map((c) => c.username),
        ['solo.one', 'dadana.comedy', 'fit.real'],
      )
    })
  })
}
