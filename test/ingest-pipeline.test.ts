/** The ingestion pipeline on real databases: fixtures land, idempotency, order, privacy, metrics. */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { brotliDecompressSync } from 'node:zlib'
import type { Database } from '../src/db/open.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { readFixture } from './fixtures.js'
import { testDatabases } from './support/databases.js'

const NOW = Date.parse('2026-11-25T12:00:00Z')
const deps = (database: Database) => ({ database, now: () => NOW })
const api = (path: string) => `https://www.tiktok.com${path}`

/** Deep copy, so a test can vary a fixture without touching the shared parsed object. */
const copy = <T>(v: T): T => structuredClone(v)

type Json = Record<string, unknown>
const obj = (v: unknown): Json => v as Json

async function counts(database: Database) {
  const out: Record<string, number> = {}
  for (const t of [
    'creators',
    'videos',
    'hashtags',
    'sounds',
    'video_hashtags',
    'creator_snapshots',
    'video_snapshots',
    'captures',
  ] as const) {
    const r = await database.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    out[t] = Number(r.n)
  }
  return out
}

for (const target of testDatabases()) {
  describe(`ingestion pipeline on ${target.name}`, () => {
    after(() => target.cleanup())

    it('takes followers from statsV2 (427682), not the rounded stats (427700)', async () => {
      const database = await target.open()
      try {
        const s = await ingestBatch(deps(database), {
          contributor: 'c1',
          captures: [
            {
              url: api('/api/user/detail/?uniqueId=x&msToken=secret'),
              observed_at: '2026-11-20T10:00:00Z',
              body: readFixture('user_detail.sample1.json'),
            },
          ],
        })
        assert.equal(s.accepted, 1)
        assert.deepEqual(s.dropped, [])
        const user = obj(obj(obj(readFixture('user_detail.sample1.json')).userInfo).user)
        const row = await database.db
          .selectFrom('creators')
          .selectAll()
          .where('id', '=', String(user.id))
          .executeTakeFirstOrThrow()
        assert.equal(row.followers, 427682)
        assert.equal(row.username, user.uniqueId)
        assert.equal(row.profile_observed_at, Date.parse('2026-11-20T10:00:00Z') / 1000)
      } finally {
        await database.close()
      }
    })

    it('posting the same batch twice changes nothing the second time', async () => {
      const database = await target.open()
      try {
        const batch = {
          contributor: 'c1',
          captures: [
            {
              url: api('/api/post/item_list/?secUid=abc&count=30&cursor=0'),
              observed_at: NOW - 3_600_000,
              body: readFixture('post_item_list.popular.sample2.json'),
            },
            {
              url: api('/api/recommend/item_list/?count=30'),
              observed_at: NOW - 7_200_000,
              body: readFixture('recommend_item_list.sample1.json'),
            },
            {
              url: api('/api/user/detail/?uniqueId=x'),
              observed_at: NOW - 100_000,
              body: readFixture('user_detail.sample1.json'),
            },
          ],
        }
        const first = await ingestBatch(deps(database), batch)
        assert.equal(first.accepted, 3)
        const afterFirst = await counts(database)
        const creatorsFirst = await database.db
          .selectFrom('creators')
          .selectAll()
          .orderBy('id')
          .execute()
        const hashtagsFirst = await database.db
          .selectFrom('hashtags')
          .selectAll()
          .orderBy('name')
          .execute()
        const second = await ingestBatch(deps(database), batch)
        assert.equal(second.accepted, 0)
        assert.equal(second.duplicates, 3)
        assert.deepEqual(await counts(database), afterFirst)
        assert.deepEqual(
          await database.db.selectFrom('creators').selectAll().orderBy('id').execute(),
          creatorsFirst,
        )
        assert.deepEqual(
          await database.db.selectFrom('hashtags').selectAll().orderBy('name').execute(),
          hashtagsFirst,
        )
      } finally {
        await database.close()
      }
    })

    it('two observations in reverse order: the newer values stay current, both snapshots kept', async () => {
      const database = await target.open()
      try {
        const older = copy(readFixture('user_detail.sample1.json'))
        const newer = copy(older)
        const newerStats = obj(obj(obj(newer).userInfo).statsV2)
        newerStats.followerCount = '430001'
        const user = obj(obj(obj(older).userInfo).user)
        const url = api('/api/user/detail/?uniqueId=x')
        // The newer observation arrives first.
        await ingestBatch(deps(database), {
          contributor: 'c1',
          captures: [{ url, observed_at: '2026-11-22T00:00:00Z', body: newer }],
        })
        await ingestBatch(deps(database), {
          contributor: 'c2',
          captures: [{ url, observed_at: '2026-11-21T00:00:00Z', body: older }],
        })
        const row = await database.db
          .selectFrom('creators')
          .select(['followers', 'profile_observed_at'])
          .where('id', '=', String(user.id))
          .executeTakeFirstOrThrow()
        assert.equal(row.followers, 430001)
        assert.equal(row.profile_observed_at, Date.parse('2026-11-22T00:00:00Z') / 1000)
        const snaps = await database.db
          .selectFrom('creator_snapshots')
          .select(['observed_at', 'followers'])
          .where('creator_id', '=', String(user.id))
          .orderBy('observed_at')
          .execute()
        assert.deepEqual(snaps, [
          { observed_at: Date.parse('2026-11-21T00:00:00Z') / 1000, followers: 427682 },
          { observed_at: Date.parse('2026-11-22T00:00:00Z') / 1000, followers: 430001 },
        ])
      } finally {
        await database.close()
      }
    })

    it('video counters: newest wins in either order, and every observation is a snapshot', async () => {
      const database = await target.open()
      try {
        const base = readFixture('post_item_list.popular.sample2.json')
        const item = obj((obj(base).itemList as unknown[])[0])
        const id = String(item.id)
        const bump = (plays: string) => {
          const body = copy(base)
          const first = obj((obj(body).itemList as unknown[])[0])
          obj(first.statsV2).playCount = plays
          return body
        }
        const url = api('/api/post/item_list/?secUid=abc')
        await ingestBatch(deps(database), {
          contributor: 'c',
          captures: [
            { url, observed_at: '2026-11-24T00:00:00Z', body: bump('900000000') },
            { url, observed_at: '2026-11-23T00:00:00Z', body: bump('800000000') },
          ],
        })
        await ingestBatch(deps(database), {
          contributor: 'c',
          captures: [{ url, observed_at: '2026-11-22T00:00:00Z', body: bump('700000000') }],
        })
        const v = await database.db
          .selectFrom('videos')
          .select(['plays'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
        assert.equal(v.plays, 900000000)
        const snaps = await database.db
          .selectFrom('video_snapshots')
          .select('plays')
          .where('video_id', '=', id)
          .orderBy('observed_at')
          .execute()
        assert.deepEqual(
          snaps.map((s) => s.plays),
          [700000000, 800000000, 900000000],
        )
        // Tracked totals follow the current plays: every hashtag of the video counts it once.
        const tags = await database.db
          .selectFrom('video_hashtags')
          .innerJoin('hashtags', 'hashtags.name', 'video_hashtags.hashtag')
          .select(['hashtags.name', 'hashtags.tracked_video_count', 'hashtags.tracked_views'])
          .where('video_hashtags.video_id', '=', id)
          .execute()
        for (const t of tags) {
          const expected = await database.db
            .selectFrom('video_hashtags')
            .innerJoin('videos', 'videos.id', 'video_hashtags.video_id')
            .select((eb) => [
              eb.fn.countAll<number>().as('n'),
              eb.fn.sum<number>('videos.plays').as('views'),
            ])
            .where('video_hashtags.hashtag', '=', t.name)
            .executeTakeFirstOrThrow()
          assert.equal(t.tracked_video_count, Number(expected.n))
          assert.equal(t.tracked_views, Number(expected.views))
        }
      } finally {
        await database.close()
      }
    })

    it('stores no private data: URL tokens, viewer flags and the app-context scope are removed', async () => {
      const database = await target.open()
      try {
        const user = copy(obj(readFixture('ssr_user_detail.userInfo.sample1.json')))
        obj(user.user).relation = 1
        const page = {
          __DEFAULT_SCOPE__: {
            'webapp.app-context': {
              region: 'DE',
              user: { uid: '123', uniqueId: 'the_viewer' },
              wid: '999',
            },
            'webapp.user-detail': { userInfo: user, statusCode: 0 },
          },
        }
        const list = copy(readFixture('post_item_list.popular.sample2.json'))
        for (const it of obj(list).itemList as unknown[]) {
          obj(it).digged = true
          obj(it).collected = true
        }
        const s = await ingestBatch(deps(database), {
          contributor: 'c',
          captures: [
            {
              url: 'https://www.tiktok.com/@someone?lang=en&msToken=SECRET1&X-Bogus=SECRET2&X-Gnarly=SECRET3&verifyFp=SECRET4&device_id=SECRET5',
              observed_at: NOW - 1000,
              body: page,
            },
            {
              url: api(
                '/api/post/item_list/?secUid=abc&msToken=SECRET1&X-Bogus=SECRET2&device_id=SECRET5&odinId=SECRET6&cursor=0',
              ),
              observed_at: NOW - 1000,
              body: list,
            },
          ],
        })
        assert.equal(s.accepted, 2)
        const rows = await database.db.selectFrom('captures').select(['url', 'body']).execute()
        const everything = rows
          .map((r) => `${r.url}\n${brotliDecompressSync(r.body).toString('utf8')}`)
          .join('\n')
        for (const secret of [
          'msToken',
          'X-Bogus',
          'X-Gnarly',
          'verifyFp',
          'device_id',
          'odinId',
          'SECRET',
        ]) {
          assert.ok(!everything.includes(secret), `${secret} must not be stored`)
        }
        for (const key of [
          '"digged"',
          '"collected"',
          '"relation"',
          'webapp.app-context',
          'the_viewer',
        ]) {
          assert.ok(!everything.includes(key), `${key} must not be stored`)
        }
        assert.ok(
          rows.some(
            (r) => r.url === 'https://www.tiktok.com/api/post/item_list/?secUid=abc&cursor=0',
          ),
        )
        const viewer = await database.db
          .selectFrom('creators')
          .select('id')
          .where('username', '=', 'the_viewer')
          .execute()
        assert.deepEqual(viewer, [])
      } finally {
        await database.close()
      }
    })

    it('a bad capture is dropped with its reason while the rest of the batch lands', async () => {
      const database = await target.open()
      try {
        const s = await ingestBatch(deps(database), {
          contributor: 'c',
          captures: [
            {
              url: api('/api/user/detail/?uniqueId=x'),
              observed_at: NOW - 1,
              body: readFixture('user_detail.sample1.json'),
            },
            { url: 'not a url', observed_at: NOW - 1, body: {} },
            { url: api('/api/user/detail/'), observed_at: 'yesterday-ish', body: {} },
            {
              url: api('/api/comment/list/?aweme_id=1'),
              observed_at: NOW - 1,
              body: readFixture('comment_list.sample1.json'),
            },
            { url: api('/api/post/item_list/'), observed_at: NOW - 1, body: '' },
            { url: api('/api/post/item_list/'), observed_at: NOW - 1, body: '{not json' },
            {
              url: api('/api/user/detail/'),
              observed_at: NOW - 1,
              body: { statusCode: 10221, status_code: 0, userInfo: {} },
            },
            {
              url: api('/api/user/detail/'),
              observed_at: NOW + 86_400_000,
              body: readFixture('user_detail.sample1.json'),
            },
            'just a string',
          ],
        })
        assert.equal(s.received, 9)
        assert.equal(s.accepted, 1)
        assert.deepEqual(
          s.dropped.map((d) => [d.index, d.reason]),
          [
            [1, 'invalid_url'],
            [2, 'invalid_observed_at'],
            [3, 'unsupported_kind'],
            [4, 'empty_body'],
            [5, 'invalid_json'],
            [6, 'tiktok_error'],
            [7, 'invalid_observed_at'],
            [8, 'invalid_capture'],
          ],
        )
        for (const d of s.dropped) assert.ok(d.detail.length > 0)
        assert.equal((await counts(database)).captures, 1)
      } finally {
        await database.close()
      }
    })

    it('refreshes the creator metrics in the same transaction', async () => {
      const database = await target.open()
      try {
        const body = readFixture('recommend_item_list.sample1.json')
        await ingestBatch(deps(database), {
          contributor: 'c',
          captures: [{ url: api('/api/recommend/item_list/'), observed_at: NOW - 1000, body }],
        })
        // Independent computation over the first author's non-pinned items (statsV2 preferred).
        const all = (obj(body).itemList as unknown[]).map(obj)
        const firstAuthor = String(obj(all[0]?.author).id)
        const items = all.filter(
          (i) => i.isPinnedItem !== true && String(obj(i.author).id) === firstAuthor,
        )
        const n = (i: Json, k: string) => Number(obj(i.statsV2 ?? i.stats)[k] ?? obj(i.stats)[k])
        const plays = items.reduce((a, i) => a + n(i, 'playCount'), 0)
        const eng = items.reduce(
          (a, i) => a + n(i, 'diggCount') + n(i, 'commentCount') + n(i, 'shareCount'),
          0,
        )
        const authorId = firstAuthor
        assert.ok(items.length > 0)
        const row = await database.db
          .selectFrom('creators')
          .select(['sample_size', 'engagement_rate', 'avg_views', 'grade'])
          .where('id', '=', authorId)
          .executeTakeFirstOrThrow()
        assert.equal(row.sample_size, items.length)
        assert.equal(row.engagement_rate, Math.round((100 * eng * 100) / plays) / 100)
        assert.equal(row.avg_views, Math.round(plays / items.length))
        if (items.length < 3) assert.equal(row.grade, 'N/A')
      } finally {
        await database.close()
      }
    })
  })
}
