/** `/metrics`: Prometheus text with request latency by route pattern (never by raw URL). */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { createApp } from '../src/server/app.js'
import { readFixture } from './fixtures.js'
import { testDatabases } from './support/databases.js'

const TOKEN = 'metrics-test-token'

/** The value of the sample `name{labels}` in a Prometheus text exposition, if present. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`)
  for (const line of text.split('\n')) {
    const m = /^(\w+)\{([^}]*)\} (\S+)$/.exec(line)
    if (m?.[1] !== name) continue
    const have = (m[2] ?? '').split(',')
    if (wanted.every((w) => have.includes(w))) return Number(m[3])
  }
  return undefined
}

const [target] = testDatabases()
if (target !== undefined) {
  describe('metrics', () => {
    let database: Database
    let app: FastifyInstance
    before(async () => {
      database = await target.open()
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        TOKLYTICS_RATE_LIMIT: 'off',
        TOKLYTICS_INGEST_TOKEN: TOKEN,
      })
      app = await createApp({ config, database })
    })
    after(async () => {
      await app.close()
      await database.close()
      await target.cleanup()
    })

    it('counts requests by method, route pattern and status', async () => {
      for (const name of ['alice', 'bob', 'carol']) {
        assert.equal((await app.inject(`/api/v1/creators/${name}`)).statusCode, 404)
      }
      assert.equal((await app.inject('/api/v1/creators/search?q=x')).statusCode, 200)
      const res = await app.inject('/metrics')
      assert.equal(res.statusCode, 200)
      assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/)
      const count = 'toklytics_http_request_duration_seconds_count'
      assert.equal(
        sample(res.body, count, { route: '/api/v1/creators/:username', status: '404' }),
        3,
      )
      assert.equal(sample(res.body, count, { route: '/api/v1/creators/search', status: '200' }), 1)
      assert.doesNotMatch(res.body, /alice|bob|carol/)
      assert.match(res.body, /^toklytics_process_cpu_seconds_total /m)
    })

    it('times every step of the write path, once per batch', async () => {
      const captures = [
        {
          url: 'https://www.tiktok.com/api/user/detail/?uniqueId=zg.520',
          observed_at: new Date().toISOString(),
          body: readFixture('user_detail.sample1.json'),
        },
        {
          url: 'https://www.tiktok.com/api/post/item_list/?secUid=x',
          observed_at: new Date().toISOString(),
          body: readFixture('post_item_list.sample1.json'),
        },
      ]
      for (let batch = 0; batch < 2; batch++) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/ingest',
          headers: { authorization: `Bearer ${TOKEN}` },
          // The second batch repeats the first: everything but the entity steps still runs.
          payload: { collector: { name: 'test', version: '1' }, captures },
        })
        assert.equal(res.statusCode, 200, res.body)
      }
      const text = (await app.inject('/metrics')).body
      const count = 'toklytics_ingest_step_seconds_count'
      for (const step of ['decode', 'screen', 'parse', 'seal', 'dedupe', 'store']) {
        assert.equal(sample(text, count, { step }), 2, step)
      }
      // A batch of duplicates writes no entity: those steps ran for the first batch only.
      for (const step of ['normalise', 'merge_write', 'refresh']) {
        assert.equal(sample(text, count, { step }), 1, step)
      }
      assert.ok((sample(text, 'toklytics_ingest_step_seconds_sum', { step: 'parse' }) ?? 0) > 0)
    })
  })
}
