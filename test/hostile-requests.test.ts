/**
 * The security probe's requests as regression tests (issue #14): none is a 500. Bad static paths
 * are 404, other methods on served paths are 405 with `Allow`.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { createApp } from '../src/server/app.js'
import { testDatabases } from './support/databases.js'

for (const target of testDatabases()) {
  describe(`hostile requests on ${target.name}`, () => {
    let database: Database
    let app: FastifyInstance
    before(async () => {
      database = await target.open()
      app = await createApp({
        config: loadConfig({ LOG_LEVEL: 'silent', TOKLYTICS_RATE_LIMIT: 'off' }),
        database,
      })
    })
    after(async () => {
      await app.close()
      await database.close()
      await target.cleanup()
    })

    it('a static path with a NUL or climbing out of the assets is a 404 in the Error format', async () => {
      for (const url of [
        '/assets/%00',
        '/assets/..%5c..%5cpackage.json',
        '/assets/..%2f..%2fpackage.json',
      ]) {
        const res = await app.inject(url)
        assert.equal(res.statusCode, 404, url)
        assert.equal(res.json().error.code, 'not_found', url)
        assert.doesNotMatch(res.body, /"name":\s*"toklytics"/, 'nothing of package.json')
      }
    })

    it('numbers in any form but plain decimal, or beyond 2^53, are a 400 naming the parameter', async () => {
      const cases: Array<[string, string]> = [
        ['/api/v1/creators/search?limit=0x10', 'limit'],
        ['/api/v1/creators/search?min_followers=1e400', 'min_followers'],
        ['/api/v1/creators/search?min_followers=1e3', 'min_followers'],
        ['/api/v1/creators/search?min_engagement_rate=Infinity', 'min_engagement_rate'],
        ['/api/v1/creators/search?min_engagement_rate=-Infinity', 'min_engagement_rate'],
        ['/api/v1/creators/search?min_followers=99999999999999999999', 'min_followers'],
        ['/api/v1/videos/search?limit=%2B5', 'limit'],
        ['/api/v1/analytics/campaign-planner?niche=fitness&budget=1e9', 'budget'],
      ]
      for (const [url, name] of cases) {
        const res = await app.inject(url)
        assert.equal(res.statusCode, 400, url)
        assert.match(
          res.json().error.message,
          new RegExp(`^Invalid query parameter '${name}': `),
          url,
        )
      }
      const fine = await app.inject('/api/v1/creators/search?limit=5&min_engagement_rate=2.5')
      assert.equal(fine.statusCode, 200)
    })

    it('a search text is bounded: 200 characters and 12 words, said in the 400', async () => {
      const words = (n: number, w = 'w') =>
        encodeURIComponent(Array.from({ length: n }, (_, i) => `${w}${i}`).join(' '))
      for (const path of ['creators', 'videos', 'hashtags', 'sounds']) {
        const long = await app.inject(`/api/v1/${path}/search?q=${words(499)}`)
        assert.equal(long.statusCode, 400, path)
        assert.match(long.json().error.message, /^Invalid query parameter 'q': .*200 characters/)
        const many = await app.inject(`/api/v1/${path}/search?q=${words(13, '')}`)
        assert.equal(many.statusCode, 400, path)
        assert.equal(
          many.json().error.message,
          "Invalid query parameter 'q': must be at most 200 characters and 12 words, without NUL.",
        )
        assert.equal(
          (await app.inject(`/api/v1/${path}/search?q=${words(12, '')}`)).statusCode,
          200,
        )
      }
    })

    it('the contract states the bounds the server enforces', async () => {
      const doc = (await app.inject('/api/v1/openapi.json')).json()
      const param = (path: string, name: string) =>
        doc.paths[path].get.parameters.find((p: { name: string }) => p.name === name).schema
      assert.deepEqual(
        [
          param('/analytics/campaign-planner', 'budget').exclusiveMinimum,
          param('/analytics/campaign-planner', 'budget').minimum,
        ],
        [true, 0],
      )
      assert.equal(param('/creators/search', 'q').maxLength, 200)
      assert.match(param('/analytics/creator-comparison', 'usernames').description, /2 to 10/)
      const envelope = doc.components.schemas.IngestEnvelope.properties.collector.properties
      assert.deepEqual([envelope.name.minLength, envelope.version.minLength], [1, 1])
      assert.equal(
        (await app.inject('/api/v1/analytics/campaign-planner?niche=fitness&budget=0')).statusCode,
        400,
      )
    })

    it('a path that is not valid percent-encoded UTF-8 is a 400 in the Error format', async () => {
      for (const url of [
        '/api/v1/creators/%FF',
        '/api/v1/videos/%C3%28',
        '/api/v1/hashtags/%E0%A4%A',
      ]) {
        const res = await app.inject(url)
        assert.equal(res.statusCode, 400, url)
        assert.equal(res.json().error.code, 'invalid_request', url)
        assert.match(res.json().error.message, /is not valid percent-encoded UTF-8/)
      }
    })

    it('another method on a served path is a 405 naming the methods in Allow', async () => {
      const cases: Array<[string, string, string]> = [
        ['TRACE', '/api/v1/creators/search', 'GET, HEAD'],
        ['PUT', '/api/v1/creators/zg.520', 'GET, HEAD'],
        ['DELETE', '/api/v1/videos/7498337886933191943', 'GET, HEAD'],
        ['DELETE', '/api/v1/ingest', 'POST'],
        ['POST', '/api/v1/analytics/niche-report', 'GET, HEAD'],
      ]
      for (const [method, url, allow] of cases) {
        const res = await app.inject({ method: method as 'GET', url })
        assert.equal(res.statusCode, 405, `${method} ${url}`)
        assert.equal(res.headers.allow, allow, `${method} ${url}`)
        const error = res.json().error
        assert.equal(error.code, 'method_not_allowed')
        assert.match(error.message, new RegExp(`^${method} is not served on `))
      }
      // A path nobody serves stays a 404.
      assert.equal((await app.inject({ method: 'PUT', url: '/api/v1/nothing' })).statusCode, 404)
    })
  })
}
