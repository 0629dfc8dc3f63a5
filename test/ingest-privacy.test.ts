/**
 * Bodies are sanitised like URLs (src/contract/capture-privacy.ts): a hostile body full of
 * session, device and viewer values, in every spelling and at every depth, is stored without any
 * of them — checked on the decompressed stored rows, synchronous and queued, on both databases —
 * and captures stored under older rules are cleaned when the database is next opened.
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { PRIVACY_VERSION, rescrubIfStale } from '../src/ingest/rescrub-captures.js'
import { createApp } from '../src/server/app.js'
import { readFixture } from './fixtures.js'
import { testDatabases } from './support/databases.js'
import { capture, itemListBody, listUrl } from './support/fixture-captures.js'

const TOKEN = 'privacy-test-token'

/** Every private value the hostile body carries contains this marker. */
const MARK = 'PRIVATE'

/** A real item list with private values added where proxies, scrapers and the app put them. */
function hostileBody(): unknown {
  const body = readFixture('post_item_list.sample1.json') as {
    itemList: Array<Record<string, unknown>>
  } & Record<string, unknown>
  const item = body.itemList[0]
  assert.ok(item !== undefined)
  Object.assign(item, {
    is_liked: `${MARK}-1`,
    user_liked: `${MARK}-2`,
    viewer_follows: `${MARK}-3`,
    isLiked: `${MARK}-4`,
    share_url: `https://m.tiktok.com/v/1.html?u_code=${MARK}-5&language=en&_d=${MARK}-6`,
  })
  Object.assign(item.author as Record<string, unknown>, { deviceId: `${MARK}-7` })
  return {
    ...body,
    'X-Bogus': `${MARK}-8`,
    _signature: `${MARK}-9`,
    device_id: `${MARK}-10`,
    odinId: `${MARK}-11`,
    Cookie: `sessionid=${MARK}-12`,
    cookies: [{ name: 'ttwid', value: `${MARK}-13` }],
    request: {
      url: `https://www.tiktok.com/api/post/item_list/?secUid=x&msToken=${MARK}-14&X-Bogus=${MARK}-15`,
      headers: { cookie: `sid_tt=${MARK}-16`, 'user-agent': 'kept' },
    },
  }
}

async function storedBodies(database: Database): Promise<string[]> {
  const rows = await database.db.selectFrom('captures').select(['body', 'url']).execute()
  return rows.map((r) => `${r.url}\n${brotliDecompressSync(r.body).toString('utf8')}`)
}

function assertClean(stored: readonly string[]): void {
  assert.ok(stored.length > 0)
  for (const text of stored) {
    assert.ok(!text.includes(MARK), text.slice(text.indexOf(MARK) - 80, text.indexOf(MARK) + 20))
    for (const key of ['X-Bogus', '_signature', 'odinId', 'Cookie', 'cookies', 'deviceId']) {
      assert.ok(!text.includes(`"${key}"`), key)
    }
  }
  // The content itself is all there: the item, its author, the kept header.
  assert.ok(stored.some((t) => t.includes('"user-agent":"kept"')))
}

for (const target of testDatabases()) {
  describe(`private values in bodies never reach storage, on ${target.name}`, () => {
    after(() => target.cleanup())

    const modes = target.name === 'postgres' ? (['sync', 'queue'] as const) : (['sync'] as const)
    for (const mode of modes) {
      it(`${mode} ingestion stores the hostile body without any of them`, async () => {
        const database = await target.open()
        const config = loadConfig({
          LOG_LEVEL: 'silent',
          TOKLYTICS_RATE_LIMIT: 'off',
          TOKLYTICS_INGEST_TOKEN: TOKEN,
          TOKLYTICS_INGEST_MODE: mode,
        })
        const app = await createApp({ config, database })
        try {
          for (const body of [hostileBody(), JSON.stringify(hostileBody())]) {
            const res = await app.inject({
              method: 'POST',
              url: '/api/v1/ingest',
              headers: { authorization: `Bearer ${TOKEN}` },
              payload: {
                collector: { name: 'test', version: '1' },
                captures: [
                  {
                    url: `https://www.tiktok.com/api/post/item_list/?secUid=x&device_id=${MARK}`,
                    observed_at: new Date().toISOString(),
                    body,
                  },
                ],
              },
            })
            assert.equal(res.statusCode, mode === 'queue' ? 202 : 200, res.body)
          }
          assertClean(await storedBodies(database))
        } finally {
          await app.close()
          await database.close()
        }
      })
    }

    it('cleans captures stored under older rules once, on the next open', async () => {
      const database = await target.open()
      try {
        const dirty = JSON.stringify(hostileBody())
        await database.db
          .insertInto('captures')
          .values({
            content_hash: 'a'.repeat(64),
            url: 'https://www.tiktok.com/api/post/item_list/?secUid=x',
            kind: 'item_list',
            observed_at: 1_760_000_000,
            received_at: 1_760_000_000,
            body: brotliCompressSync(Buffer.from(dirty)),
            parser_version: 1,
            status: 'parsed',
            drop_reason: null,
            contributor: null,
            collector: null,
            is_demo: 0,
          })
          .execute()
        // As a database of an older version would be: no privacy stamp yet.
        await database.db
          .deleteFrom('derived_state')
          .where('name', '=', 'capture_privacy')
          .execute()
        assert.ok((await storedBodies(database))[0]?.includes(MARK))
        assert.equal(await rescrubIfStale(database), 1)
        assertClean(await storedBodies(database))
        const stamp = await database.db
          .selectFrom('derived_state')
          .select('version')
          .where('name', '=', 'capture_privacy')
          .executeTakeFirstOrThrow()
        assert.equal(stamp.version, PRIVACY_VERSION)
        assert.equal(await rescrubIfStale(database), 0)
      } finally {
        await database.close()
      }
    })

    it('takes out accounts flagged under 18 or private that older rules stored, and all derived from them', async () => {
      const database = await target.open()
      try {
        const ADULT = { id: '7100000000000000001', username: 'adult.baker' }
        const MINOR = { id: '7100000000000000002', username: 'young.baker' }
        const at = Date.parse('2026-11-01T10:00:00Z')
        // One list by both (a feed), one list only by the minor: stored while no rule read the
        // flag, which the bodies are given below as an older database would hold them.
        await ingestBatch(
          { database, now: () => at },
          {
            contributor: 'test',
            captures: [
              capture(
                listUrl('feed'),
                at,
                itemListBody(
                  { id: '7400000000000000101', plays: 500, author: ADULT, hashtags: ['bread'] },
                  { id: '7400000000000000102', plays: 900, author: MINOR, hashtags: ['bread'] },
                ),
              ),
              capture(
                listUrl('minor'),
                at + 1000,
                itemListBody({ id: '7400000000000000103', plays: 700, author: MINOR }),
              ),
            ],
          },
        )
        const stored = await database.db
          .selectFrom('captures')
          .select(['id', 'url', 'body'])
          .orderBy('id')
          .execute()
        assert.equal(stored.length, 2)
        for (const row of stored) {
          const body = JSON.parse(brotliDecompressSync(row.body).toString('utf8')) as {
            itemList: { author: { id: string; isUnderAge18?: boolean } }[]
          }
          for (const item of body.itemList) {
            if (item.author.id === MINOR.id) item.author.isUnderAge18 = true
          }
          await database.db
            .updateTable('captures')
            .set({ body: brotliCompressSync(Buffer.from(JSON.stringify(body))) })
            .where('id', '=', row.id)
            .execute()
        }
        await database.db
          .updateTable('derived_state')
          .set({ version: 2 })
          .where('name', '=', 'capture_privacy')
          .execute()
        const creators = async () =>
          (await database.db.selectFrom('creators').select('id').orderBy('id').execute()).map(
            (c) => c.id,
          )
        assert.deepEqual(await creators(), [ADULT.id, MINOR.id])

        // One capture rewritten without the minor's video, the other deleted.
        assert.equal(await rescrubIfStale(database), 2)
        const left = await database.db.selectFrom('captures').select(['url', 'body']).execute()
        assert.equal(left.length, 1)
        const text = brotliDecompressSync(left[0]?.body ?? new Uint8Array()).toString('utf8')
        assert.ok(!text.includes(MINOR.id) && text.includes(ADULT.id), 'only the adult remains')
        assert.deepEqual(await creators(), [ADULT.id])
        const videos = await database.db.selectFrom('videos').select('id').execute()
        assert.deepEqual(
          videos.map((v) => v.id),
          ['7400000000000000101'],
        )
        const tag = await database.db
          .selectFrom('hashtags')
          .select(['tracked_video_count', 'tracked_views'])
          .where('name', '=', 'bread')
          .executeTakeFirstOrThrow()
        assert.deepEqual(
          { videos: Number(tag.tracked_video_count), views: Number(tag.tracked_views) },
          { videos: 1, views: 500 },
        )
        assert.equal(await rescrubIfStale(database), 0)
      } finally {
        await database.close()
      }
    })
  })
}
