/** Forged captures on real databases: implausible numbers never become current, and the reply says why. */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import type { Database } from '../src/db/open.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { reprocessAll } from '../src/ingest/reprocess.js'
import { testDatabases } from './support/databases.js'
import {
  FIXTURE_CREATOR_ID as CREATOR,
  capture,
  itemListBody,
  listUrl,
  userDetailBody,
  userUrl,
  FIXTURE_VIDEO_ID as VIDEO_1,
} from './support/fixture-captures.js'

const NOW = Date.parse('2026-11-25T12:00:00Z')
const DAY_MS = 86_400_000
const T0 = NOW - 3 * DAY_MS
const deps = (database: Database) => ({ database, now: () => NOW })

const USER_URL = userUrl()
const LIST_URL = listUrl()
const VIDEO_2 = '7498337886933191999'
const userDetail = (followers: number) => userDetailBody({ followers })
const itemList = itemListBody

/** Everything a forged capture could try to change: current rows, snapshots, totals, metrics. */
async function numbers(database: Database) {
  const { db } = database
  return {
    videos: await db.selectFrom('videos').selectAll().orderBy('id').execute(),
    creator: await db
      .selectFrom('creators')
      .select([
        'followers',
        'following',
        'total_likes',
        'video_count',
        'profile_observed_at',
        'sample_size',
        'avg_views',
        'avg_likes',
        'median_views',
        'engagement_rate',
        'score',
        'grade',
      ])
      .where('id', '=', CREATOR)
      .executeTakeFirstOrThrow(),
    videoSnapshots: await db
      .selectFrom('video_snapshots')
      .selectAll()
      .orderBy('video_id')
      .orderBy('observed_at')
      .execute(),
    creatorSnapshots: await db
      .selectFrom('creator_snapshots')
      .selectAll()
      .orderBy('observed_at')
      .execute(),
    hashtags: await db
      .selectFrom('hashtags')
      .select(['name', 'tracked_video_count', 'tracked_views'])
      .orderBy('name')
      .execute(),
  }
}

async function setAside(database: Database) {
  return database.db
    .selectFrom('implausible_observations')
    .select(['entity', 'entity_id', 'observed_at', 'reason', 'field', 'detail'])
    .orderBy('entity')
    .orderBy('entity_id')
    .orderBy('observed_at')
    .orderBy('field')
    .execute()
}

for (const target of testDatabases()) {
  describe(`plausibility at ingest on ${target.name}`, () => {
    after(() => target.cleanup())

    it('a forged capture does not change the current numbers, and the reply names the reason', async () => {
      const database = await target.open()
      try {
        const honest = await ingestBatch(deps(database), {
          contributor: 'honest',
          captures: [
            capture(USER_URL, T0, userDetail(427_682)),
            capture(
              LIST_URL,
              T0,
              itemList({ id: VIDEO_1, plays: 1_000_000 }, { id: VIDEO_2, plays: 2_000_000 }),
            ),
          ],
        })
        assert.equal(honest.accepted, 2)
        assert.deepEqual(honest.flagged, [])
        const before = await numbers(database)
        assert.equal(before.creator.followers, 427_682)
        assert.deepEqual(
          before.videos.map((v) => [v.id, v.plays]),
          [
            [VIDEO_1, 1_000_000],
            [VIDEO_2, 2_000_000],
          ],
        )

        const forged = await ingestBatch(deps(database), {
          contributor: 'forger',
          captures: [
            capture(LIST_URL, T0 + DAY_MS, itemList({ id: VIDEO_1, plays: 10 })),
            capture(USER_URL, T0 + DAY_MS, userDetail(-5)),
            capture(
              LIST_URL,
              T0 + DAY_MS,
              itemList({ id: VIDEO_2, plays: 2_100_000, likes: 1e14 }),
            ),
            capture(USER_URL, T0 + DAY_MS + 1000, userDetail(1000)),
          ],
        })
        // The captures are stored (they are evidence); their numbers are not applied.
        assert.equal(forged.accepted, 4)
        assert.deepEqual(forged.dropped, [])
        assert.deepEqual(
          forged.flagged.map((f) => [f.index, f.entity, f.id, f.reason]),
          [
            [0, 'video', VIDEO_1, 'implausible_drop'],
            [1, 'creator', CREATOR, 'implausible_counter'],
            [2, 'video', VIDEO_2, 'implausible_counter'],
            [3, 'creator', CREATOR, 'implausible_drop'],
          ],
        )
        const [plays, negative, huge, followers] = forged.flagged.map((f) => f.detail)
        assert.match(plays ?? '', /plays would go from 1000000 .* to 10 /)
        assert.match(negative ?? '', /followers -5 is negative/)
        assert.match(huge ?? '', /likes 100000000000000 is above 1e\+13/)
        assert.match(followers ?? '', /followers would go from 427682 .* to 1000 /)
        assert.deepEqual(await numbers(database), before)

        const kept = await setAside(database)
        assert.deepEqual(
          kept.map((k) => [k.entity, k.entity_id, k.reason, k.field]),
          [
            ['creator', CREATOR, 'implausible_counter', 'followers'],
            ['creator', CREATOR, 'implausible_drop', 'followers'],
            ['video', VIDEO_1, 'implausible_drop', 'plays'],
            ['video', VIDEO_2, 'implausible_counter', 'likes'],
          ],
        )

        // Real growth after the forgery is applied as usual: newest wins.
        const later = await ingestBatch(deps(database), {
          contributor: 'honest',
          captures: [
            capture(LIST_URL, T0 + 2 * DAY_MS, itemList({ id: VIDEO_1, plays: 1_100_000 })),
          ],
        })
        assert.deepEqual(later.flagged, [])
        const grown = await numbers(database)
        assert.equal(grown.videos.find((v) => v.id === VIDEO_1)?.plays, 1_100_000)

        // Reprocess judges the stored captures the same way, in the same order.
        const summary = await reprocessAll(database)
        assert.deepEqual(summary, { captures: 7, parsed: 7, failed: 0 })
        assert.deepEqual(await numbers(database), grown)
        assert.deepEqual(await setAside(database), kept)
      } finally {
        await database.close()
      }
    })
  })
}
