/**
 * Creator erasure and opt-out on every database (issue #17): an erased creator is gone from every
 * table, every stored capture body and every answer, and stays gone after a re-upload of the same
 * captures and a reprocess; private and under-18 accounts are never stored.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { brotliDecompressSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { createApiKey } from '../src/admin/api-keys.js'
import { eraseCreator, listTombstones, resolveCreator } from '../src/admin/erase-creator.js'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { enqueueBatch } from '../src/ingest/enqueue.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { processQueuedBatch } from '../src/ingest/queue-worker.js'
import { reprocessAll } from '../src/ingest/reprocess.js'
import { createApp } from '../src/server/app.js'
import { objectAt } from './fixtures.js'
import { contractAnswers } from './support/contract-answers.js'
import { testDatabases } from './support/databases.js'
import {
  capture,
  FIXTURE_CREATOR_ID,
  itemListBody,
  listUrl,
  userDetailBody,
  userUrl,
} from './support/fixture-captures.js'

const T0 = Date.parse('2026-11-20T12:00:00Z')
const VICTIM = '7000000000000000001'
const VICTIM_NAME = 'victim.one'
const PRIVATE_ID = '7000000000000000002'
const MINOR_ID = '7000000000000000003'
const V_OWN = '7400000000000000001'
const V_SHARED = '7400000000000000002'
const V_OTHER = '7400000000000000003'
const V_PRIVATE = '7400000000000000004'
const victim = { id: VICTIM, username: VICTIM_NAME }

/** The captures: the victim's profile and post list, a feed shared with the fixture creator. */
function captures(): ReturnType<typeof capture>[] {
  const privateProfile = userDetailBody({ followers: 10, id: PRIVATE_ID, username: 'priv.one' })
  objectAt(privateProfile, 'userInfo', 'user').privateAccount = true
  const minorProfile = userDetailBody({ followers: 10, id: MINOR_ID, username: 'minor.one' })
  objectAt(minorProfile, 'userInfo', 'user').isUnderAge18 = true
  const feed = itemListBody(
    { id: V_SHARED, plays: 500, author: victim, hashtags: ['erasetag'] },
    { id: V_OTHER, plays: 700, hashtags: ['erasetag'] },
    { id: V_PRIVATE, plays: 900, author: { id: PRIVATE_ID, username: 'priv.one' } },
  )
  // The third item's author says the account is private.
  const items = feed.itemList as Record<string, unknown>[]
  objectAt(items[2], 'author').privateAccount = true
  return [
    capture(userUrl(VICTIM_NAME), T0 - 3_600_000, userDetailBody({ followers: 1000, ...victim })),
    capture(
      listUrl(`sec-${VICTIM}`),
      T0 - 3_500_000,
      itemListBody({ id: V_OWN, plays: 100, author: victim }),
    ),
    capture(listUrl('feed'), T0 - 3_400_000, feed),
    capture(userUrl(), T0 - 3_300_000, userDetailBody({ followers: 5000 })),
    capture(userUrl('priv.one'), T0 - 3_200_000, privateProfile),
    capture(userUrl('minor.one'), T0 - 3_100_000, minorProfile),
  ]
}

for (const target of testDatabases()) {
  describe(`creator erasure on ${target.name}`, () => {
    let database: Database
    let app: FastifyInstance

    const ingestAll = () =>
      ingestBatch({ database, now: () => T0 }, { contributor: 'test', captures: captures() })
    const reuploadQueued = async () => {
      await enqueueBatch(
        { database, now: () => T0 },
        {
          contributor: 'queue',
          captures: captures().map((c) => ({
            ...c,
            observed_at: new Date(T0 - 60_000).toISOString(),
          })),
        },
      )
      while (
        (await processQueuedBatch(database, { limit: 500, worker: 'w1', now: () => T0 })) !== null
      ) {}
      assert.deepEqual(
        await leftovers(
          [VICTIM, PRIVATE_ID, MINOR_ID],
          [VICTIM_NAME, 'priv.one', 'minor.one'],
          [V_OWN, V_SHARED, V_PRIVATE],
        ),
        [],
      )
    }
    const status = async (url: string) => (await app.inject({ url: `/api/v1${url}` })).statusCode

    /** Rows anywhere that name an id or handle which must not be stored. */
    async function leftovers(
      ids: readonly string[],
      names: readonly string[],
      videoIds: readonly string[],
    ): Promise<string[]> {
      const db = database.db
      const found: string[] = []
      const check = (table: string, n: number) => {
        if (n > 0) found.push(`${table}: ${n}`)
      }
      check(
        'creators',
        (
          await db
            .selectFrom('creators')
            .select('id')
            .where((eb) => eb.or([eb('id', 'in', ids), eb('username_lower', 'in', names)]))
            .execute()
        ).length,
      )
      check(
        'videos',
        (
          await db
            .selectFrom('videos')
            .select('id')
            .where((eb) => eb.or([eb('creator_id', 'in', ids), eb('id', 'in', videoIds)]))
            .execute()
        ).length,
      )
      check(
        'video_snapshots',
        (
          await db
            .selectFrom('video_snapshots')
            .select('video_id')
            .where('video_id', 'in', videoIds)
            .execute()
        ).length,
      )
      check(
        'video_hashtags',
        (
          await db
            .selectFrom('video_hashtags')
            .select('video_id')
            .where('video_id', 'in', videoIds)
            .execute()
        ).length,
      )
      for (const table of [
        'creator_snapshots',
        'creator_hashtags',
        'creator_terms',
        'creator_niches',
      ] as const) {
        check(
          table,
          (await db.selectFrom(table).select('creator_id').where('creator_id', 'in', ids).execute())
            .length,
        )
      }
      for (const table of [
        'counter_anchors',
        'implausible_observations',
        'dispute_verdicts',
      ] as const) {
        check(
          table,
          (
            await db
              .selectFrom(table)
              .select('entity_id')
              .where('entity_id', 'in', [...ids, ...videoIds])
              .execute()
          ).length,
        )
      }
      for (const row of await db.selectFrom('captures').select(['id', 'body']).execute()) {
        const text = brotliDecompressSync(row.body).toString('utf8')
        for (const needle of [...ids, ...names, ...videoIds]) {
          if (text.includes(needle)) found.push(`capture ${row.id} mentions ${needle}`)
        }
      }
      return found
    }

    before(async () => {
      database = await target.open()
      app = await createApp({
        config: loadConfig({ LOG_LEVEL: 'silent', TOKLYTICS_RATE_LIMIT: 'off' }),
        database,
        now: () => T0,
      })
      await ingestAll()
    })
    after(async () => {
      await app.close()
      await database.close()
      await target.cleanup()
    })

    it('never stores private or under-18 accounts, nor their videos', async () => {
      assert.deepEqual(
        await leftovers([PRIVATE_ID, MINOR_ID], ['priv.one', 'minor.one'], [V_PRIVATE]),
        [],
      )
      // Only the private author's item went: the victim and the fixture creator are stored.
      assert.equal(await status(`/creators/${VICTIM_NAME}`), 200)
      assert.equal(await status(`/videos/${V_SHARED}`), 200)
    })

    it('erases the creator from every table, capture and answer', async () => {
      const found = await resolveCreator(database.db, 'Victim.One')
      assert.deepEqual(found, { id: VICTIM, username: VICTIM_NAME, secUid: `sec-${VICTIM}` })
      const summary = await eraseCreator(database, found, 'opt-out request', T0 / 1000)
      assert.equal(summary.removed.creators, 1)
      // Two videos: V_OWN (their post list) and V_SHARED (the shared feed).
      assert.equal(summary.removed.videos, 2)
      // Profile and post list were only about them; the feed keeps the fixture creator's item.
      assert.deepEqual(summary.captures, { deleted: 2, rewritten: 1 })
      assert.deepEqual(await leftovers([VICTIM], [VICTIM_NAME], [V_OWN, V_SHARED]), [])
      assert.equal(await status(`/creators/${VICTIM_NAME}`), 404)
      assert.equal(await status(`/videos/${V_SHARED}`), 404)
      assert.equal(await status(`/videos/${V_OWN}`), 404)
      // Lists and pages that could name them: searches, trending, the shared hashtag's page.
      const answers: string[] = []
      for (const url of [
        '/creators/search?q=victim',
        '/creators/search',
        '/videos/search?hashtag=erasetag',
        '/videos/search',
        '/videos/trending',
        '/hashtags/erasetag',
        '/hashtags/trending',
        '/rankings/creators',
      ]) {
        answers.push((await app.inject({ url: `/api/v1${url}` })).body)
      }
      for (const needle of [VICTIM, VICTIM_NAME, V_OWN, V_SHARED]) {
        assert.ok(!answers.some((a) => a.includes(needle)), `an answer names ${needle}`)
      }
      // The same lists still answer the fixture creator's video (so they were not just empty).
      assert.ok(answers.some((a) => a.includes(V_OTHER)))
      const tombstones = await listTombstones(database.db)
      assert.deepEqual(
        tombstones.map((t) => [t.tiktok_id, t.username, t.reason]),
        [[VICTIM, VICTIM_NAME, 'opt-out request']],
      )
    })

    it('keeps the other creator of the shared capture, and recounts the shared hashtag', async () => {
      assert.equal(await status('/creators/zg.520'), 200)
      assert.equal(await status(`/videos/${V_OTHER}`), 200)
      const tag = await database.db
        .selectFrom('hashtags')
        .select(['tracked_video_count', 'tracked_views'])
        .where('name', '=', 'erasetag')
        .executeTakeFirstOrThrow()
      // By hand: only V_OTHER (700 plays) is left of V_SHARED (500) and V_OTHER.
      assert.deepEqual([Number(tag.tracked_video_count), Number(tag.tracked_views)], [1, 700])
      const other = await database.db
        .selectFrom('videos')
        .select('creator_id')
        .where('id', '=', V_OTHER)
        .executeTakeFirstOrThrow()
      assert.equal(other.creator_id, FIXTURE_CREATOR_ID)
    })

    it('stays gone after a re-upload of the same captures and a reprocess', async () => {
      await ingestAll()
      assert.deepEqual(
        await leftovers(
          [VICTIM, PRIVATE_ID, MINOR_ID],
          [VICTIM_NAME, 'priv.one', 'minor.one'],
          [V_OWN, V_SHARED, V_PRIVATE],
        ),
        [],
      )
      // Queue mode (PostgreSQL only: SQLite refuses it): stored first, then a worker derives
      // and rewrites the stored rows.
      if (target.name === 'postgres') await reuploadQueued()
      await reprocessAll(database)
      assert.deepEqual(
        await leftovers(
          [VICTIM, PRIVATE_ID, MINOR_ID],
          [VICTIM_NAME, 'priv.one', 'minor.one'],
          [V_OWN, V_SHARED, V_PRIVATE],
        ),
        [],
      )
      assert.equal(await status(`/creators/${VICTIM_NAME}`), 404)
      assert.equal(await status(`/videos/${V_OTHER}`), 200)
    })

    it('erases over the admin API: 401 anonymous, 403 for other keys, the counts for an admin', async () => {
      const conforms = contractAnswers()
      const key = async (tier: 'pro' | 'admin') =>
        (await createApiKey(database.db, { name: tier, tier, now: T0 / 1000 })).key
      const erase = async (k: string | null) => {
        const res = await app.inject({
          method: 'DELETE',
          url: '/api/v1/admin/creators/ZG.520?reason=test',
          headers: k === null ? {} : { 'x-toklytics-key': k },
        })
        conforms('delete', '/admin/creators/{username}', res.statusCode, res.json())
        return res
      }
      assert.equal((await erase(null)).statusCode, 401)
      assert.equal((await erase(await key('pro'))).statusCode, 403)
      assert.equal(await status('/creators/zg.520'), 200)
      const done = await erase(await key('admin'))
      assert.equal(done.statusCode, 200)
      const data = done.json().data
      assert.equal(data.id, FIXTURE_CREATOR_ID)
      // Their one stored video is V_OTHER; the feed (only V_OTHER left in it) and their
      // profile are the two captures still stored, both only about them now.
      assert.equal(data.removed.creators, 1)
      assert.equal(data.removed.videos, 1)
      assert.deepEqual(data.captures, { deleted: 2, rewritten: 0 })
      assert.equal(await status('/creators/zg.520'), 404)
      assert.equal(await status(`/videos/${V_OTHER}`), 404)
      assert.deepEqual(await leftovers([FIXTURE_CREATOR_ID], ['zg.520'], [V_OTHER]), [])
    })
  })
}
