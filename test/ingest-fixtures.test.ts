/** Every real fixture, in the envelope the extension sends, lands in the store with exact values. */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { readFixture } from './fixtures.js'
import { testDatabases } from './support/databases.js'

const NOW = Date.parse('2026-11-25T12:00:00Z')
const web = (path: string) => `https://www.tiktok.com${path}`
const app = (path: string) => `https://api16-normal-c-useast1a.tiktokv.com${path}`

/** Each fixture with the URL it came from and the body as TikTok sent it (fragments re-wrapped). */
const CAPTURES = [
  {
    url: web('/api/post/item_list/?secUid=x&cursor=0'),
    body: readFixture('post_item_list.sample1.json'),
  },
  {
    url: web('/api/post/item_list/?secUid=x&cursor=31865'),
    body: readFixture('post_item_list.popular.sample2.json'),
  },
  { url: web('/api/user/detail/?uniqueId=x'), body: readFixture('user_detail.sample1.json') },
  {
    url: web('/api/recommend/item_list/?count=30'),
    body: readFixture('recommend_item_list.sample1.json'),
  },
  {
    url: web('/api/search/general/full/?keyword=tiktok'),
    body: readFixture('search_general_full.sample1.json'),
  },
  {
    url: web('/@someone'),
    body: {
      __DEFAULT_SCOPE__: {
        'webapp.user-detail': {
          userInfo: readFixture('ssr_user_detail.userInfo.sample1.json'),
          statusCode: 0,
        },
      },
    },
  },
  {
    url: web('/@someone-else'),
    body: {
      __DEFAULT_SCOPE__: {
        'webapp.user-detail': {
          userInfo: readFixture('ssr_user_detail.userInfo.sample2.json'),
          statusCode: 0,
        },
      },
    },
  },
  {
    url: web('/@x/video/1'),
    body: {
      __DEFAULT_SCOPE__: {
        'webapp.video-detail': {
          itemInfo: {
            itemStruct: readFixture('ssr_video_detail.itemStruct_projected.sample1.json'),
          },
          statusCode: 0,
        },
      },
    },
  },
  {
    url: web('/@x/video/2'),
    body: (() => {
      const item = readFixture('sigi_state.ItemModule_item.sample1.json') as Record<string, unknown>
      return { ItemModule: { [String(item.id)]: item } }
    })(),
  },
  {
    url: web('/api/item/detail/?itemId=1'),
    body: {
      itemInfo: { itemStruct: readFixture('legacy2021_item_struct.sample1.json') },
      statusCode: 0,
    },
  },
  {
    url: web('/api/challenge/detail/?challengeName=fyp'),
    body: { challengeInfo: readFixture('legacy2020_challenge_info.sample1.json'), statusCode: 0 },
  },
  {
    url: app('/aweme/v1/challenge/detail/?ch_id=1'),
    body: readFixture('aweme_challenge_detail.sample1.json'),
  },
  {
    url: app('/aweme/v1/music/detail/?music_id=1'),
    body: readFixture('aweme_music_detail.sample1.json'),
  },
  {
    url: app('/aweme/v1/challenge/aweme/?ch_id=1'),
    body: readFixture('aweme_challenge_aweme_list.sample1.json'),
  },
]

for (const target of testDatabases()) {
  describe(`every fixture ingests on ${target.name}`, () => {
    after(() => target.cleanup())

    it('accepts all of them in one batch and stores their exact values', async () => {
      const database = await target.open()
      try {
        const s = await ingestBatch(
          { database, now: () => NOW },
          {
            contributor: 'c',
            captures: CAPTURES.map((c, i) => ({ ...c, observed_at: NOW - 1000 * (i + 1) })),
          },
        )
        assert.deepEqual(s.dropped, [])
        assert.equal(s.accepted, CAPTURES.length)
        const { db } = database
        // user_detail.sample1: statsV2 says 427682, stats the rounded 427700.
        const detail = await db
          .selectFrom('creators')
          .select('followers')
          .where('followers', '=', 427682)
          .execute()
        assert.equal(detail.length, 1)
        // post_item_list.popular.sample2: statsV2 collectCount "59149", stats 59100.
        const popular = await db
          .selectFrom('videos')
          .select(['saves', 'is_pinned'])
          .where('id', '=', '7498337886933191943')
          .executeTakeFirstOrThrow()
        assert.deepEqual(popular, { saves: 59149, is_pinned: 1 })
        // aweme_music_detail: the id is taken from id_str, not the lossy JSON number.
        const sound = await db
          .selectFrom('sounds')
          .select(['tiktok_user_count'])
          .where('id', '=', '6767362751674189825')
          .executeTakeFirstOrThrow()
        assert.equal(sound.tiktok_user_count, 481284)
        // legacy2020 challengeInfo: TikTok's own view count for #fyp.
        const fyp = await db
          .selectFrom('hashtags')
          .select(['tiktok_view_count'])
          .where('name', '=', 'fyp')
          .executeTakeFirstOrThrow()
        assert.equal(fyp.tiktok_view_count, 5314600000000)
        // The For You items of 2022 carry no collectCount: saves unknown, never 0.
        const unknownSaves = await db
          .selectFrom('videos')
          .select('id')
          .where('saves', 'is', null)
          .execute()
        assert.ok(unknownSaves.length >= 6)
      } finally {
        await database.close()
      }
    })
  })
}
