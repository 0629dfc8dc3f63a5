/** `/metrics`: Prometheus text with request latency by route pattern (never by raw URL). */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { createApp } from '../src/server/app.js'
import { testDatabases } from './support/databases.js'

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
      const config = loadConfig({ LOG_LEVEL: 'silent', TOKLYTICS_RATE_LIMIT: 'off' })
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
  })
}
