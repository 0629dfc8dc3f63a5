/**
 * Provenance of served counters (metrics.md §1.2) end to end, on every database: which
 * observation the served followers / plays come from, exact or rounded, and how many distinct
 * contributors stand behind a creator or video — through ingestion out of order, a disputed
 * outlier, reprocess, a contributor purge, demo removal, creator erasure and the HTTP API.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { eraseCreator, resolveCreator } from '../src/admin/erase-creator.js'
import { purgeContributor } from '../src/admin/purge-contributor.js'
import { removeDemo } from '../src/admin/remove-demo.js'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { reprocessAll } from '../src/ingest/reprocess.js'
import { createApp } from '../src/server/app.js'
import { listAt, objectAt } from './fixtures.js'
import { testDatabases } from './support/databases.js'
import {
  FIXTURE_CREATOR_ID as CREATOR,
  capture,
  FIXTURE_FOLLOWERS,
  itemListBody,
  listUrl,
  userDetailBody,
  userUrl,
  FIXTURE_VIDEO_ID as VIDEO,
} from './support/fixture-captures.js'

const NOW = Date.parse('2026-11-25T12:00:00Z')
const HOUR = 3_600_000
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')

/** The real post list with its item's statsV2 removed: TikTok's rounded `stats` only. */
function roundedListBody(plays: number): Record<string, unknown> {
  const body = itemListBody({ id: VIDEO, plays })
  for (const item of listAt(body, 'itemList')) delete objectAt(item).statsV2
  return body
}

interface Provenance {
  observed_at: string | null
  contributors: number | null
  counts_source: 'exact' | 'rounded' | null
}

for (const target of testDatabases()) {
  describe(`provenance of served counters on ${target.name}`, () => {
    let database: Database
    let app: FastifyInstance

    const send = (contributor: string, captures: unknown[], isDemo = false) =>
      ingestBatch({ database, now: () => NOW }, { contributor, captures, isDemo })

    async function answer(url: string): Promise<{ data: unknown }> {
      const res = await app.inject({ url: `/api/v1${url}` })
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
      return res.json<{ data: unknown }>()
    }
    const creatorProvenance = async () =>
      objectAt((await answer('/creators/zg.520')).data).provenance as Provenance
    const videoProvenance = async () =>
      objectAt((await answer(`/videos/${VIDEO}`)).data).provenance as Provenance

    async function pairs(entity: 'creator' | 'video', id: string): Promise<string[]> {
      const rows = await database.db
        .selectFrom('entity_contributors')
        .select('contributor')
        .where('entity', '=', entity)
        .where('entity_id', '=', id)
        .orderBy('contributor')
        .execute()
      return rows.map((r) => r.contributor)
    }

    before(async () => {
      database = await target.open()
      // No response cache: the reprocess test edits rows behind the data version's back.
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        TOKLYTICS_RATE_LIMIT: 'off',
        TOKLYTICS_RESPONSE_CACHE_MB: '0',
      })
      app = await createApp({ config, database, now: () => NOW })
      // alpha: the exact profile and an exact video count, ten hours ago.
      await send('alpha', [
        capture(userUrl(), NOW - 10 * HOUR, userDetailBody({ followers: FIXTURE_FOLLOWERS })),
        capture(listUrl(), NOW - 10 * HOUR, itemListBody({ id: VIDEO, plays: 1_000_000 })),
      ])
      // beta: a newer, rounded count (stats only) two hours ago.
      await send('beta', [capture(listUrl(), NOW - 2 * HOUR, roundedListBody(1_100_000))])
      // alpha again, late: an exact count from five hours ago, older than beta's.
      await send('alpha', [
        capture(listUrl('a', 1), NOW - 5 * HOUR, itemListBody({ id: VIDEO, plays: 1_050_000 })),
      ])
      // mallory, a new token: 9M followers against 427,682 is an outlier, disputed.
      await send('mallory', [
        capture(userUrl(), NOW - 1 * HOUR, userDetailBody({ followers: 9_000_000 })),
      ])
    })

    after(async () => {
      await app.close()
      await database.close()
      await target.cleanup()
    })

    it('follows the newest observation of the counter, whatever the arrival order', async () => {
      // Served plays: beta's 1,100,000 of two hours ago, read from the rounded stats block;
      // alpha's later-arriving exact 1,050,000 is older and does not win.
      const video = objectAt((await answer(`/videos/${VIDEO}`)).data)
      assert.equal(video.plays, 1_100_000)
      assert.deepEqual(video.provenance, {
        observed_at: iso(NOW - 2 * HOUR),
        contributors: 2,
        counts_source: 'rounded',
      })
      // Served followers: alpha's profile (statsV2 "427682"); mallory's outlier changed nothing.
      const creator = objectAt((await answer('/creators/zg.520')).data)
      assert.equal(creator.followers, FIXTURE_FOLLOWERS)
      assert.deepEqual(creator.provenance, {
        observed_at: iso(NOW - 10 * HOUR),
        contributors: 2,
        counts_source: 'exact',
      })
    })

    it('counts distinct contributors: the same one twice is one, a disputed outlier none', async () => {
      // alpha sent the video twice; beta's list also carried the creator's author block.
      assert.deepEqual(await pairs('video', VIDEO), ['alpha', 'beta'])
      assert.deepEqual(await pairs('creator', CREATOR), ['alpha', 'beta'])
      const disputed = await database.db
        .selectFrom('implausible_observations')
        .select(['contributor', 'resolution'])
        .where('entity_id', '=', CREATOR)
        .execute()
      assert.deepEqual(disputed, [{ contributor: 'mallory', resolution: null }])
    })

    it('serves the object in lists as in details', async () => {
      const list = (await answer('/creators/zg.520/videos')).data as Array<Record<string, unknown>>
      assert.deepEqual(list.find((v) => v.video_id === VIDEO)?.provenance, await videoProvenance())
      const search = (await answer('/creators/search?q=zg')).data as Array<Record<string, unknown>>
      assert.deepEqual(search[0]?.provenance, await creatorProvenance())
    })

    it('rebuilds provenance from the stored captures on reprocess', async () => {
      const before = { creator: await creatorProvenance(), video: await videoProvenance() }
      // Rows as migration 025 leaves them: nothing recorded.
      await database.db.deleteFrom('entity_contributors').execute()
      for (const table of ['creators', 'videos'] as const) {
        await database.db
          .updateTable(table)
          .set({ contributors: null, counts_exact: null, counts_observed_at: null })
          .execute()
      }
      const unknown = { observed_at: null, contributors: null, counts_source: null }
      assert.deepEqual(await videoProvenance(), unknown)
      await reprocessAll(database)
      assert.deepEqual(
        { creator: await creatorProvenance(), video: await videoProvenance() },
        before,
      )
      assert.deepEqual(await pairs('video', VIDEO), ['alpha', 'beta'])
    })

    it('drops a demo contribution to a real row with the demo', async () => {
      await send(
        'demo',
        [capture(listUrl('d'), NOW - 3 * HOUR, itemListBody({ id: VIDEO, plays: 1_080_000 }))],
        true,
      )
      assert.deepEqual(await pairs('video', VIDEO), ['alpha', 'beta', 'demo'])
      assert.equal((await videoProvenance()).contributors, 3)
      await removeDemo(database)
      assert.deepEqual(await pairs('video', VIDEO), ['alpha', 'beta'])
      assert.equal((await videoProvenance()).contributors, 2)
    })

    it('forgets a purged contributor: its rows go and the counts drop', async () => {
      await purgeContributor(database, 'beta')
      assert.deepEqual(await pairs('video', VIDEO), ['alpha'])
      assert.deepEqual(await pairs('creator', CREATOR), ['alpha'])
      // Without beta, the served plays are alpha's exact 1,050,000 of five hours ago.
      const video = objectAt((await answer(`/videos/${VIDEO}`)).data)
      assert.equal(video.plays, 1_050_000)
      assert.deepEqual(video.provenance, {
        observed_at: iso(NOW - 5 * HOUR),
        contributors: 1,
        counts_source: 'exact',
      })
      assert.equal((await creatorProvenance()).contributors, 1)
    })

    it('erases the rows of an erased creator and of their videos', async () => {
      const found = await resolveCreator(database.db, 'zg.520')
      assert.ok(found)
      await eraseCreator(database, found, 'test', NOW / 1000)
      const left = await database.db
        .selectFrom('entity_contributors')
        .select(['entity', 'entity_id'])
        .where('entity_id', 'in', [CREATOR, VIDEO])
        .execute()
      assert.deepEqual(left, [])
    })
  })
}
