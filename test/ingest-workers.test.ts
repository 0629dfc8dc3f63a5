/** Ingestion on worker threads stores exactly what inline ingestion stores, drops included. */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import type { Database } from '../src/db/open.js'
import { generateDemoCaptures } from '../src/demo/demo-captures.js'
import { ingestBatch, prepareInline } from '../src/ingest/pipeline.js'
import { createPreparePool } from '../src/ingest/prepare-pool.js'
import { readFixture } from './fixtures.js'
import { testDatabases } from './support/databases.js'

const NOW = Date.parse('2026-11-25T12:00:00Z')

/** A batch with every path: demo captures as text and as objects, real fixtures, bad captures. */
function batch(): unknown[] {
  const demo = [...generateDemoCaptures({ creators: 6, seed: 3, now: NOW / 1000 })].flat()
  return [
    ...demo.map((c, i) => (i % 2 === 0 ? { ...c, body: JSON.stringify(c.body) } : c)),
    {
      url: 'https://www.tiktok.com/api/user/detail/?uniqueId=x',
      observed_at: NOW - 5000,
      body: readFixture('user_detail.sample1.json'),
    },
    {
      url: 'https://www.tiktok.com/api/comment/list/',
      observed_at: NOW - 5000,
      body: readFixture('comment_list.sample1.json'),
    },
    { url: 'nope', observed_at: NOW, body: {} },
    { url: 'https://www.tiktok.com/api/post/item_list/', observed_at: NOW, body: '{"itemList": [' },
    {
      url: 'https://www.tiktok.com/api/user/detail/?uniqueId=x',
      observed_at: NOW - 5000,
      body: readFixture('user_detail.sample1.json'),
    },
  ]
}

async function dump(database: Database) {
  const { db } = database
  return {
    creators: await db.selectFrom('creators').selectAll().orderBy('id').execute(),
    videos: await db.selectFrom('videos').selectAll().orderBy('id').execute(),
    hashtags: await db.selectFrom('hashtags').selectAll().orderBy('name').execute(),
    sounds: await db.selectFrom('sounds').selectAll().orderBy('id').execute(),
    captures: (
      await db
        .selectFrom('captures')
        .select(['content_hash', 'url', 'kind', 'body'])
        .orderBy('content_hash')
        .execute()
    ).map((c) => ({ ...c, body: Buffer.from(c.body).toString('base64') })),
  }
}

for (const target of testDatabases()) {
  describe(`ingestion worker threads on ${target.name}`, () => {
    after(() => target.cleanup())

    it('give the same summary and the same stored rows as inline preparation', async () => {
      const inlineDb = await target.open()
      const pooledDb = await target.open()
      const pool = createPreparePool(2, prepareInline)
      try {
        const captures = batch()
        const inline = await ingestBatch(
          { database: inlineDb, now: () => NOW },
          { captures, contributor: 'c' },
        )
        const pooled = await ingestBatch(
          { database: pooledDb, now: () => NOW, preparer: pool.prepare },
          { captures, contributor: 'c' },
        )
        assert.deepEqual(pooled, inline)
        assert.ok(inline.accepted > 20)
        assert.equal(inline.duplicates, 1)
        assert.deepEqual(
          inline.dropped.map((d) => [d.index, d.reason]),
          [
            [captures.length - 4, 'unsupported_kind'],
            [captures.length - 3, 'invalid_url'],
            [captures.length - 2, 'invalid_json'],
          ],
        )
        assert.deepEqual(await dump(pooledDb), await dump(inlineDb))
      } finally {
        await pool.close()
        await inlineDb.close()
        await pooledDb.close()
      }
    })
  })
}
