/** The description text index follows every write: new, changed, removed and rebuilt videos. */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { reprocessAll } from '../src/ingest/reprocess.js'
import { createApp } from '../src/server/app.js'
import { readFixture } from './fixtures.js'
import { testDatabases } from './support/databases.js'

const NOW = Date.parse('2026-11-25T12:00:00Z')

interface ItemList {
  itemList: { id: string; desc: string }[]
}

/** The real post item list (one video, by @zg.520) with its description replaced. */
function itemList(desc: string): ItemList {
  const body = structuredClone(readFixture('post_item_list.sample1.json')) as ItemList
  for (const item of body.itemList) item.desc = desc
  return body
}

for (const target of testDatabases()) {
  describe(`description text index (${target.name})`, () => {
    let database: Database
    let app: FastifyInstance
    const found = async (q: string) => {
      const res = await app.inject(`/api/v1/videos/search?q=${encodeURIComponent(q)}`)
      assert.equal(res.statusCode, 200, res.body)
      return (res.json() as { data: { video_id: string }[] }).data.map((v) => v.video_id)
    }
    const observe = (desc: string, minutesAgo: number) =>
      ingestBatch(
        { database, now: () => NOW },
        {
          contributor: 'test',
          captures: [
            {
              url: 'https://www.tiktok.com/api/post/item_list/?secUid=x&cursor=0',
              observed_at: NOW - minutesAgo * 60_000,
              body: itemList(desc),
            },
          ],
        },
      )

    before(async () => {
      database = await target.open()
      const config = loadConfig({ LOG_LEVEL: 'silent', TOKLYTICS_RATE_LIMIT: 'off' })
      app = await createApp({ config, database, now: () => NOW })
    })
    after(async () => {
      await app.close()
      await database.close()
      await target.cleanup()
    })

    it('finds a new video by any part of its description, short words included', async () => {
      await observe('Sunrise over the Meizhou Bay bridge #china', 30)
      const id = (itemList('x').itemList[0] as { id: string }).id
      assert.deepEqual(await found('meizhou'), [id])
      assert.deepEqual(await found('IZHOU BA'), [id])
      assert.deepEqual(await found('ov'), [id])
      assert.deepEqual(await found('sunset'), [])
    })

    it('follows a changed description, and ignores an older one arriving late', async () => {
      const id = (itemList('x').itemList[0] as { id: string }).id
      await observe('High-speed train crossing the viaduct', 10)
      assert.deepEqual(await found('viaduct'), [id])
      assert.deepEqual(await found('meizhou'), [])
      await observe('An outdated caption about lighthouses', 60)
      assert.deepEqual(await found('lighthouse'), [])
      assert.deepEqual(await found('viaduct'), [id])
    })

    it('stays whole when every video is rebuilt from the raw captures', async () => {
      const id = (itemList('x').itemList[0] as { id: string }).id
      await reprocessAll(database)
      assert.deepEqual(await found('viaduct'), [id])
      assert.deepEqual(await found('lighthouse'), [])
      assert.deepEqual(await found('meizhou'), [])
    })
  })
}
