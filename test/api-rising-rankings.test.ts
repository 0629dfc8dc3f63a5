/**
 * Rising lists and rank tables (metrics.md §8) over REST on both databases: a hand-built history
 * (snapshots inserted with known values) plus hashtag and sound pages ingested as real captures,
 * every expected figure worked out by hand in the comments.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { createApp } from '../src/server/app.js'
import { objectAt, readFixture } from './fixtures.js'
import { apiCalls } from './support/api-calls.js'
import { testDatabases } from './support/databases.js'
import { API_NOW, API_NOW_MS, PUBLIC_BASE_URL } from './support/seeded-api.js'

const N = API_NOW
const D = 86_400
const iso = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z')

interface Ranked {
  rank: number
  previous_rank: number | null
  rank_change: number | null
  new: boolean
}
interface RisingItem extends Ranked {
  score: number
  velocity: {
    start: { observed_at: string; value: number }
    end: { observed_at: string; value: number }
    span_days: number
    per_day: number
  }
}
interface HashtagItem extends RisingItem {
  name: string
  tracked_videos_in_period: number
  tracked_videos_per_day: number
}
interface SoundItem extends RisingItem {
  id: string
  tracked_videos_in_period: number
}
interface CreatorItem extends RisingItem {
  id: string
  username: string
}
interface RankedCreator extends Ranked {
  id: string
  value: number
  velocity: RisingItem['velocity'] | null
}
interface List<T> {
  data: {
    period: string
    region: string | null
    window: { from: string; to: string }
    previous_window: { from: string; to: string }
    items: T[]
  }
}
type Row = [
  key: string,
  rank: number,
  previous: number | null,
  change: number | null,
  isNew: boolean,
]
const rows = <T extends Ranked>(items: T[], key: (t: T) => string): Row[] =>
  items.map((i) => [key(i), i.rank, i.previous_rank, i.rank_change, i.new])

// ---- the history ----

/** hashtag → (seconds before N, TikTok video count). */
const TAG_HISTORY: Record<string, Array<[number, number]>> = {
  // current 5,000 → 8,500 over 5 days: 700/day, 100 × 700 / 5,000 = 14; previous 4,000 → 4,500
  // over 5 days: 100/day, 100 × 100 / 4,000 = 2.5.
  alpha: [
    [6 * D, 5000],
    [1 * D, 8500],
    [13 * D, 4000],
    [8 * D, 4500],
  ],
  // current 20,000 → 22,000 over 2 days: 1,000/day → 5; previous 10,000 → 16,000 over 3 days:
  // 2,000/day → 20.
  beta: [
    [5 * D, 20000],
    [3 * D, 22000],
    [12 * D, 10000],
    [9 * D, 16000],
  ],
  // zero base: 0 → 300 over 2 days: 150/day, 100 × 150 / max(0, 1,000) = 15.
  gamma: [
    [4 * D, 0],
    [2 * D, 300],
  ],
  // 10,000 → 17,000 over 5 days: 1,400/day → 14, tied with alpha.
  delta: [
    [6 * D, 10000],
    [1 * D, 17000],
  ],
  // seen once: no velocity.
  once: [[2 * D, 100]],
  // twice the same day (1 hour apart): no velocity.
  sameday: [
    [2 * D, 1000],
    [2 * D - 3600, 5000],
  ],
  // shrinking: not rising.
  shrinking: [
    [5 * D, 5000],
    [1 * D, 4000],
  ],
  // N − 7 days exactly is the previous period's end, not the current one's start: one
  // observation in the current period, none rising.
  edge: [
    [7 * D, 100],
    [1 * D, 9000],
  ],
}

const S1 = '7000000000000000001'
const S2 = '7000000000000000002'
const S_ONCE = '7000000000000000003'
/** sound → (seconds before N, TikTok user count). */
const SOUND_HISTORY: Record<string, Array<[number, number]>> = {
  // 2,000 → 3,000 over 5 days: 200/day, 100 × 200 / 2,000 = 10; previous 1,000 → 1,500 over
  // 5 days: 100/day → 100 × 100 / 1,000 = 10.
  [S1]: [
    [6 * D, 2000],
    [1 * D, 3000],
    [13 * D, 1000],
    [8 * D, 1500],
  ],
  // 500 → 800 over 3 days: 100/day, below the floor: 100 × 100 / 1,000 = 10 (tie with S1).
  [S2]: [
    [5 * D, 500],
    [2 * D, 800],
  ],
  [S_ONCE]: [[3 * D, 50_000]],
}

interface CreatorSpec {
  id: string
  region: string | null
  followers: number | null
  engagement: number | null
  niches: string[]
  history: Array<[number, number]>
}
const CREATORS: CreatorSpec[] = [
  // current 50,000 → 60,000 over 5 days: 2,000/day, 100 × 2,000 / 50,000 = 4; previous 40,000 →
  // 48,000 over 4 days: 2,000/day → 5.
  {
    id: 'c1',
    region: 'US',
    followers: 60_000,
    engagement: 5.5,
    niches: ['fitness'],
    history: [
      [6 * D, 50_000],
      [1 * D, 60_000],
      [12 * D, 40_000],
      [8 * D, 48_000],
    ],
  },
  // 100 → 1,100 over 2 days: 500/day, floor: 100 × 500 / 10,000 = 5.
  {
    id: 'c2',
    region: 'GB',
    followers: 1_100,
    engagement: null,
    niches: [],
    history: [
      [5 * D, 100],
      [3 * D, 1_100],
    ],
  },
  // 1,000,000 → 1,030,000 over 3 days: 10,000/day → 1; previous 900,000 → 940,000 over 4 days:
  // 10,000/day → 100 × 10,000 / 900,000 = 1.11.
  {
    id: 'c3',
    region: 'US',
    followers: 1_030_000,
    engagement: 2.1,
    niches: ['fitness'],
    history: [
      [4 * D, 1_000_000],
      [1 * D, 1_030_000],
      [13 * D, 900_000],
      [9 * D, 940_000],
    ],
  },
  // flat: velocity 0, not rising (but ranked by growth).
  {
    id: 'c4',
    region: 'US',
    followers: 5_000,
    engagement: 5.5,
    niches: [],
    history: [
      [6 * D, 5_000],
      [1 * D, 5_000],
    ],
  },
  {
    id: 'c5',
    region: null,
    followers: 20_000,
    engagement: null,
    niches: [],
    history: [[2 * D, 20_000]],
  },
  { id: 'c6', region: 'US', followers: null, engagement: null, niches: [], history: [] },
  // tied with c5 on followers; ranked second in the previous period (50,000 at N − 10 days).
  {
    id: 'c7',
    region: 'GB',
    followers: 20_000,
    engagement: null,
    niches: [],
    history: [[10 * D, 50_000]],
  },
]

/** Videos (id, region, seconds before N posted, hashtags, sound). */
const VIDEOS: Array<[string, string | null, number, string[], string | null]> = [
  ['v1', 'US', 2 * D, ['beta', 'gamma'], S2],
  ['v2', 'GB', 3 * D, ['alpha'], S1],
  ['v3', 'US', 10 * D, ['alpha'], S1],
  ['v4', null, 1 * D, ['alpha'], null],
]

async function insertHistory(database: Database): Promise<void> {
  const { db } = database
  for (const [name, history] of Object.entries(TAG_HISTORY)) {
    const newest = [...history].sort((a, b) => a[0] - b[0])[0] as [number, number]
    await db
      .insertInto('hashtags')
      .values({
        name,
        tiktok_id: null,
        description: null,
        tiktok_video_count: newest[1],
        tiktok_view_count: null,
        tiktok_observed_at: N - newest[0],
        tracked_video_count: 0,
        tracked_views: 0,
        first_seen_at: N - 20 * D,
        is_demo: 0,
      })
      .execute()
    for (const [ago, count] of history) {
      await db
        .insertInto('hashtag_snapshots')
        .values({ hashtag: name, observed_at: N - ago, video_count: count, view_count: null })
        .execute()
    }
  }
  for (const [id, history] of Object.entries(SOUND_HISTORY)) {
    await db
      .insertInto('sounds')
      .values({
        id,
        title: `sound ${id.slice(-1)}`,
        title_lower: `sound ${id.slice(-1)}`,
        author_name: null,
        original: null,
        duration: null,
        album: null,
        tiktok_user_count: null,
        observed_at: N - D,
        tracked_video_count: 0,
        tracked_views: 0,
        first_seen_at: N - 20 * D,
        is_demo: 0,
      })
      .execute()
    for (const [ago, count] of history) {
      await db
        .insertInto('sound_snapshots')
        .values({ sound_id: id, observed_at: N - ago, user_count: count })
        .execute()
    }
  }
  for (const c of CREATORS) {
    await db
      .insertInto('creators')
      .values({
        id: c.id,
        username: `user_${c.id}`,
        username_lower: `user_${c.id}`,
        sec_uid: null,
        nickname: null,
        bio: null,
        verified: 0,
        region: c.region,
        avatar_url: null,
        private_account: 0,
        followers: c.followers,
        following: null,
        total_likes: null,
        video_count: null,
        profile_observed_at: N - D,
        identity_observed_at: N - D,
        first_seen_at: N - 20 * D,
        last_updated: N - D,
        is_demo: 0,
        engagement_rate: c.engagement,
      })
      .execute()
    for (const niche of c.niches) {
      await db.insertInto('creator_niches').values({ niche, creator_id: c.id }).execute()
    }
    for (const [ago, followers] of c.history) {
      await db
        .insertInto('creator_snapshots')
        .values({
          creator_id: c.id,
          observed_at: N - ago,
          followers,
          following: null,
          total_likes: null,
          video_count: null,
        })
        .execute()
    }
  }
  for (const [id, region, ago, tags, sound] of VIDEOS) {
    await db
      .insertInto('videos')
      .values({
        id,
        creator_id: null,
        description: id,
        search_text: id,
        posted_at: N - ago,
        duration: 15,
        content_type: 'video',
        is_pinned: 0,
        is_ad: 0,
        music_id: sound,
        plays: 100,
        likes: 1,
        comments: 1,
        shares: 1,
        saves: null,
        reposts: null,
        region,
        details: '{}',
        observed_at: N - ago,
        first_seen_at: N - ago,
        is_demo: 0,
      })
      .execute()
    for (const [position, hashtag] of tags.entries()) {
      await db.insertInto('video_hashtags').values({ video_id: id, hashtag, position }).execute()
    }
  }
}

const MUSIC_ID = '6767362751674189825'

/** A hashtag page (#olympian) and a sound page, each observed twice through ingestion. */
async function ingestPages(database: Database): Promise<void> {
  const challenge = (users: number) => {
    const body = objectAt(readFixture('aweme_challenge_detail.sample1.json'))
    objectAt(body, 'ch_info').user_count = users
    return body
  }
  const music = (users: number) => {
    const body = objectAt(readFixture('aweme_music_detail.sample1.json'))
    objectAt(body, 'music_info').user_count = users
    return body
  }
  const at = (ago: number) => (N - ago) * 1000
  await ingestBatch(
    { database, now: () => API_NOW_MS },
    {
      contributor: 'test',
      captures: [
        // olympian: 9,572 → 12,572 over 4 days: 750/day, 100 × 750 / 9,572 = 7.8353… → 7.84.
        {
          url: 'https://api16-normal.tiktokv.com/aweme/v1/challenge/detail/?ch_id=2087230',
          observed_at: at(5 * D),
          body: challenge(9572),
        },
        {
          url: 'https://api16-normal.tiktokv.com/aweme/v1/challenge/detail/?ch_id=2087230',
          observed_at: at(1 * D),
          body: challenge(12572),
        },
        // the sound: 481,284 → 500,000 over 4 days: 4,679/day, 100 × 4,679 / 481,284 =
        // 0.97219… → 0.97.
        {
          url: `https://api16-normal.tiktokv.com/aweme/v1/music/detail/?music_id=${MUSIC_ID}`,
          observed_at: at(6 * D),
          body: music(481_284),
        },
        {
          url: `https://api16-normal.tiktokv.com/aweme/v1/music/detail/?music_id=${MUSIC_ID}`,
          observed_at: at(2 * D),
          body: music(500_000),
        },
      ],
    },
  )
}

for (const target of testDatabases()) {
  describe(`rising lists and rank tables on ${target.name}`, () => {
    let database: Database
    let app: FastifyInstance
    const { ok, failing, get } = apiCalls(() => app)

    before(async () => {
      database = await target.open()
      await insertHistory(database)
      await ingestPages(database)
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        PUBLIC_BASE_URL,
        TOKLYTICS_RATE_LIMIT: 'off',
      })
      app = await createApp({ config, database, now: () => API_NOW_MS })
    })
    after(async () => {
      await app.close()
      await database.close()
      await target.cleanup()
    })

    it('records each observed TikTok total once at ingestion', async () => {
      const tags = await database.db
        .selectFrom('hashtag_snapshots')
        .select(['observed_at', 'video_count', 'view_count'])
        .where('hashtag', '=', 'olympian')
        .orderBy('observed_at')
        .execute()
      assert.deepEqual(
        tags.map((t) => [Number(t.observed_at), Number(t.video_count), Number(t.view_count)]),
        [
          [N - 5 * D, 9572, 345523145],
          [N - D, 12572, 345523145],
        ],
      )
      const sounds = await database.db
        .selectFrom('sound_snapshots')
        .select(['observed_at', 'user_count'])
        .where('sound_id', '=', MUSIC_ID)
        .orderBy('observed_at')
        .execute()
      assert.deepEqual(
        sounds.map((s) => [Number(s.observed_at), Number(s.user_count)]),
        [
          [N - 6 * D, 481_284],
          [N - 2 * D, 500_000],
        ],
      )
    })

    it('ranks rising hashtags by score with ties, rank change and new entrants', async () => {
      const { data } = await ok<List<HashtagItem>>('/hashtags/rising')
      assert.equal(data.period, '7d')
      assert.equal(data.region, null)
      assert.deepEqual(data.window, { from: iso(N - 7 * D), to: iso(N) })
      assert.deepEqual(data.previous_window, { from: iso(N - 14 * D), to: iso(N - 7 * D) })
      // gamma 15; alpha and delta 14 (tie, by name); olympian 7.84; beta 5. Previous period:
      // beta 20 (1), alpha 2.5 (2). Seen once, same day, shrinking, edge: absent.
      assert.deepEqual(
        rows(data.items, (h) => h.name),
        [
          ['gamma', 1, null, null, true],
          ['alpha', 2, 2, 0, false],
          ['delta', 2, null, null, true],
          ['olympian', 4, null, null, true],
          ['beta', 5, 1, -4, false],
        ],
      )
      assert.deepEqual(
        data.items.map((h) => h.score),
        [15, 14, 14, 7.84, 5],
      )
      const alpha = data.items[1] as HashtagItem
      assert.deepEqual(alpha.velocity, {
        start: { observed_at: iso(N - 6 * D), value: 5000 },
        end: { observed_at: iso(N - D), value: 8500 },
        span_days: 5,
        per_day: 700,
      })
      // alpha: v2 (N − 3 days) and v4 (N − 1 day) in the period, v3 before it: 2; 2 / 7 = 0.2857.
      assert.equal(alpha.tracked_videos_in_period, 2)
      assert.equal(alpha.tracked_videos_per_day, 0.29)
      // olympian: 750/day exactly; (N−1d) − (N−5d) = 4 days.
      const olympian = data.items[3] as HashtagItem
      assert.equal(olympian.velocity.per_day, 750)
      assert.equal(olympian.velocity.span_days, 4)
      assert.equal(olympian.tracked_videos_in_period, 0)
    })

    it('filters rising hashtags by the region of the tracked videos of each period', async () => {
      const { data } = await ok<List<HashtagItem>>('/hashtags/rising?region=us')
      assert.equal(data.region, 'US')
      // US videos: v1 (current: beta, gamma), v3 (previous: alpha). Current: gamma 15, beta 5;
      // previous: alpha alone, so both are new.
      assert.deepEqual(
        rows(data.items, (h) => h.name),
        [
          ['gamma', 1, null, null, true],
          ['beta', 2, null, null, true],
        ],
      )
      // One US video each: 1 / 7 = 0.1428… → 0.14.
      assert.deepEqual(
        data.items.map((h) => [h.tracked_videos_in_period, h.tracked_videos_per_day]),
        [
          [1, 0.14],
          [1, 0.14],
        ],
      )
      const none = await ok<List<HashtagItem>>('/hashtags/rising?region=FR')
      assert.deepEqual(none.data.items, [])
    })

    it('cuts the list at limit after ranking everything', async () => {
      const { data } = await ok<List<HashtagItem>>('/hashtags/rising?limit=2')
      assert.deepEqual(
        rows(data.items, (h) => h.name),
        [
          ['gamma', 1, null, null, true],
          ['alpha', 2, 2, 0, false],
        ],
      )
    })

    it('ranks rising sounds, ties sharing a rank', async () => {
      const { data } = await ok<List<SoundItem>>('/sounds/rising')
      // S1 10 and S2 10 (tie, by id); the ingested sound 0.97. Previous: S1 10 (1).
      assert.deepEqual(
        rows(data.items, (s) => s.id),
        [
          [S1, 1, 1, 0, false],
          [S2, 1, null, null, true],
          [MUSIC_ID, 3, null, null, true],
        ],
      )
      assert.deepEqual(
        data.items.map((s) => [s.score, s.velocity.per_day, s.tracked_videos_in_period]),
        // S1: v2 in the period (v3 before it); S2: v1. The ingested sound: (500,000 − 481,284)
        // / 4 = 4,679.
        [
          [10, 200, 1],
          [10, 100, 1],
          [0.97, 4679, 0],
        ],
      )
      const us = await ok<List<SoundItem>>('/sounds/rising?region=US')
      // US: v1 uses S2 (current); v3 uses S1 but was posted in the previous period.
      assert.deepEqual(
        rows(us.data.items, (s) => s.id),
        [[S2, 1, null, null, true]],
      )
    })

    it('ranks rising creators by follower growth against their size', async () => {
      const { data } = await ok<List<CreatorItem>>('/creators/rising')
      // c2 5 (new), c1 4, c3 1. Previous: c1 5 (1), c3 1.11 (2). c4 flat, c5 once: absent.
      assert.deepEqual(
        rows(data.items, (c) => c.id),
        [
          ['c2', 1, null, null, true],
          ['c1', 2, 1, -1, false],
          ['c3', 3, 2, -1, false],
        ],
      )
      assert.deepEqual(
        data.items.map((c) => [c.username, c.score, c.velocity.per_day]),
        [
          ['user_c2', 5, 500],
          ['user_c1', 4, 2000],
          ['user_c3', 1, 10000],
        ],
      )
      const us = await ok<List<CreatorItem>>('/creators/rising?region=US')
      // US: c1 4 and c3 1, the same order in the previous period: no change.
      assert.deepEqual(
        rows(us.data.items, (c) => c.id),
        [
          ['c1', 1, 1, 0, false],
          ['c3', 2, 2, 0, false],
        ],
      )
    })

    it('measures a 30-day period from its own first and last observation', async () => {
      const { data } = await ok<List<CreatorItem>>('/creators/rising?period=30d')
      const c1 = data.items.find((c) => c.id === 'c1') ?? assert.fail('c1 rising over 30 days')
      // N − 12 days 40,000 → N − 1 day 60,000: 20,000 / 11 = 1,818.1818…/day;
      // 100 × 1,818.18… / 40,000 = 4.5454… → 4.55.
      assert.deepEqual(c1.velocity, {
        start: { observed_at: iso(N - 12 * D), value: 40_000 },
        end: { observed_at: iso(N - D), value: 60_000 },
        span_days: 11,
        per_day: 1818.18,
      })
      assert.equal(c1.score, 4.55)
      // No observation in the 30 days before that: everyone is new.
      assert.ok(data.items.every((c) => c.new && c.rank_change === null))
    })

    it('ranks creators by followers with ties and the previous period rank', async () => {
      const { data } = await ok<List<RankedCreator>>('/rankings/creators')
      // Now: c3 1,030,000; c1 60,000; c5 = c7 20,000; c4 5,000; c2 1,100 (c6 unknown: not
      // ranked). Previous (last count in the previous period): c3 940,000 (1), c7 50,000 (2),
      // c1 48,000 (3).
      assert.deepEqual(
        rows(data.items, (c) => c.id),
        [
          ['c3', 1, 1, 0, false],
          ['c1', 2, 3, 1, false],
          ['c5', 3, null, null, true],
          ['c7', 3, 2, -1, false],
          ['c4', 5, null, null, true],
          ['c2', 6, null, null, true],
        ],
      )
      assert.deepEqual(
        data.items.map((c) => c.value),
        [1_030_000, 60_000, 20_000, 20_000, 5_000, 1_100],
      )
      assert.ok(data.items.every((c) => c.velocity === null))
    })

    it('filters rank tables by niche and region', async () => {
      const fitness = await ok<List<RankedCreator>>('/rankings/creators?niche=fitness')
      assert.deepEqual(
        rows(fitness.data.items, (c) => c.id),
        [
          ['c3', 1, 1, 0, false],
          ['c1', 2, 2, 0, false],
        ],
      )
      const us = await ok<List<RankedCreator>>('/rankings/creators?region=US')
      // US: c3, c1, c4 (c6 unknown). Previous US: c3 1, c1 2.
      assert.deepEqual(
        rows(us.data.items, (c) => c.id),
        [
          ['c3', 1, 1, 0, false],
          ['c1', 2, 2, 0, false],
          ['c4', 3, null, null, true],
        ],
      )
    })

    it('ranks creators by growth, losses and flat last, with the previous period growth', async () => {
      const { data } = await ok<List<RankedCreator>>('/rankings/creators?by=growth')
      // Per day: c3 10,000; c1 2,000; c2 500; c4 0. Previous: c3 10,000 (1), c1 2,000 (2).
      assert.deepEqual(
        rows(data.items, (c) => c.id),
        [
          ['c3', 1, 1, 0, false],
          ['c1', 2, 2, 0, false],
          ['c2', 3, null, null, true],
          ['c4', 4, null, null, true],
        ],
      )
      assert.deepEqual(
        data.items.map((c) => [c.value, c.velocity?.per_day]),
        [
          [10_000, 10_000],
          [2_000, 2_000],
          [500, 500],
          [0, 0],
        ],
      )
    })

    it('ranks creators by engagement rate, with no rank change (no history)', async () => {
      const { data } = await ok<List<RankedCreator>>('/rankings/creators?by=engagement&limit=3')
      // c1 5.5 and c4 5.5 share rank 1, c3 2.1 is third.
      assert.deepEqual(
        rows(data.items, (c) => c.id),
        [
          ['c1', 1, null, null, false],
          ['c4', 1, null, null, false],
          ['c3', 3, null, null, false],
        ],
      )
    })

    it('keeps /hashtags/rising and /sounds/rising apart from a tag or sound page', async () => {
      const tag = await get<{ data: { name: string } }>('/hashtags/alpha')
      assert.equal(tag.status, 200)
      assert.equal(tag.body.data.name, 'alpha')
      const sound = await get<{ data: { id: string } }>(`/sounds/${S1}`)
      assert.equal(sound.status, 200)
      const rising = await ok<List<SoundItem>>('/sounds/rising?limit=1')
      assert.equal(rising.data.items.length, 1)
    })

    it('answers invalid parameters with 400 naming them', async () => {
      await failing('/hashtags/rising?period=14d', 400, 'period')
      await failing('/sounds/rising?region=USA', 400, 'region')
      await failing('/creators/rising?limit=0', 400, 'limit')
      await failing('/creators/rising?limit=101', 400, 'limit')
      await failing('/rankings/creators?by=views', 400, 'by')
      await failing('/rankings/creators?niche=cooking', 400, 'niche')
      await failing('/rankings/creators?region=1', 400, 'region')
    })
  })
}
