/** Cached read answers: own request ids, ETags, and never stale after a write in any process. */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../src/config.js'
import { type Database, openDatabase } from '../src/db/open.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { createApp } from '../src/server/app.js'
import { testDatabases } from './support/databases.js'
import { itemListBody, listUrl, userDetailBody, userUrl } from './support/fixture-captures.js'

const TOKEN = 'cache-test-token'
const NOW = Date.parse('2026-11-25T12:00:00Z')
const PATH = '/api/v1/creators/zg.520'

const capture = (followers: number, minutesAgo: number) => ({
  url: userUrl(),
  observed_at: new Date(NOW - minutesAgo * 60_000).toISOString(),
  body: userDetailBody({ followers }),
})

/** Two instances on one database sharing answers through Redis; null without a test Redis. */
async function twoAppsSharingRedis(
  database: Database,
): Promise<[FastifyInstance, FastifyInstance] | null> {
  const redisUrl = process.env.TOKLYTICS_TEST_REDIS_URL
  if (redisUrl === undefined) return null
  const env = {
    LOG_LEVEL: 'silent',
    TOKLYTICS_INGEST_TOKEN: TOKEN,
    TOKLYTICS_RATE_LIMIT: 'off',
    REDIS_URL: redisUrl,
    // Own keys per run, so that parallel runs never share answers.
    TOKLYTICS_REDIS_PREFIX: `test-rc-${process.pid}-${Date.now()}-${Math.random()}:`,
  }
  const app = () => createApp({ config: loadConfig(env), database, now: () => NOW })
  return Promise.all([app(), app()])
}

interface CreatorAnswer {
  data: { username: string; followers: number }
  meta: { request_id: string }
}

for (const target of testDatabases()) {
  describe(`response cache (${target.name})`, () => {
    let database: Database
    let app: FastifyInstance
    const get = async (headers: Record<string, string> = {}) =>
      app.inject({ method: 'GET', url: PATH, headers })
    const ingest = async (followers: number, minutesAgo: number) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/ingest',
        headers: { authorization: `Bearer ${TOKEN}` },
        payload: { captures: [capture(followers, minutesAgo)] },
      })
      assert.equal(res.statusCode, 200, res.body)
    }

    before(async () => {
      database = await target.open()
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        TOKLYTICS_INGEST_TOKEN: TOKEN,
        TOKLYTICS_RATE_LIMIT: 'off',
      })
      app = await createApp({ config, database, now: () => NOW })
    })
    after(async () => {
      await app.close()
      await database.close()
      await target.cleanup()
    })

    it('never keeps an error: a 404 becomes a 200 once the creator is ingested', async () => {
      assert.equal((await get()).statusCode, 404)
      assert.equal((await get()).statusCode, 404)
      await ingest(1000, 30)
      const res = await get()
      assert.equal(res.statusCode, 200)
      assert.equal((res.json() as CreatorAnswer).data.followers, 1000)
    })

    it('serves a repeated read from memory with its own request id', async () => {
      const first = await get()
      const second = await get({ 'x-request-id': 'second-read' })
      assert.equal(second.headers['x-cache'], 'hit')
      const a = first.json() as CreatorAnswer
      const b = second.json() as CreatorAnswer
      assert.equal(b.meta.request_id, 'second-read')
      assert.equal(second.headers['x-request-id'], 'second-read')
      assert.deepEqual(b.data, a.data)
      assert.match(String(second.headers['content-type']), /^application\/json/)
      assert.equal(second.headers['cache-control'], 'public, no-cache')
    })

    it('answers 304 to a matching If-None-Match, hit or miss', async () => {
      const res = await get()
      const etag = String(res.headers.etag)
      assert.match(etag, /^W\/"[\w-]+"$/)
      const revalidated = await get({ 'if-none-match': etag })
      assert.equal(revalidated.statusCode, 304)
      assert.equal(revalidated.body, '')
      assert.equal((await get({ 'if-none-match': 'W/"other"' })).statusCode, 200)
    })

    it("shows this process's write on the next read", async () => {
      assert.equal(((await get()).json() as CreatorAnswer).data.followers, 1000)
      await ingest(2000, 20)
      const res = await get()
      assert.equal(res.headers['x-cache'], 'miss')
      assert.equal((res.json() as CreatorAnswer).data.followers, 2000)
    })

    it('leaves the cache alone when a batch changes nothing (a re-sent capture)', async () => {
      const before = await get()
      await ingest(2000, 20)
      const res = await get()
      assert.equal(res.headers['x-cache'], 'hit')
      assert.equal(res.headers.etag, before.headers.etag)
    })

    it("shows another process's write within the poll interval", async () => {
      assert.equal(((await get()).json() as CreatorAnswer).data.followers, 2000)
      // A second connection to the same database, as a CLI import or another server would be.
      const other = await openDatabase(target.url())
      try {
        await ingestBatch(
          { database: other, now: () => NOW },
          { contributor: 'other-process', captures: [capture(3000, 10)] },
        )
      } finally {
        await other.close()
      }
      await sleep(1100)
      assert.equal(((await get()).json() as CreatorAnswer).data.followers, 3000)
    })

    it('shares answers between instances through Redis, per data version', async (t) => {
      const apps = await twoAppsSharingRedis(database)
      if (apps === null) return t.skip('TOKLYTICS_TEST_REDIS_URL is not set')
      const [a, b] = apps
      try {
        const url = `${PATH}?shared=1`
        assert.equal((await a.inject(url)).headers['x-cache'], 'miss')
        const fromB = await b.inject(url)
        assert.equal(fromB.headers['x-cache'], 'hit')
        assert.equal((fromB.json() as CreatorAnswer).data.followers, 3000)
        // A write through A: B's next answer is computed anew, from the new data.
        const res = await a.inject({
          method: 'POST',
          url: '/api/v1/ingest',
          headers: { authorization: `Bearer ${TOKEN}` },
          payload: { captures: [capture(4000, 5)] },
        })
        assert.equal(res.statusCode, 200)
        await sleep(1100)
        const after = await b.inject(url)
        assert.equal(after.headers['x-cache'], 'miss')
        assert.equal((after.json() as CreatorAnswer).data.followers, 4000)
      } finally {
        await Promise.all([a.close(), b.close()])
      }
    })

    it('can be switched off', async () => {
      const config = loadConfig({ LOG_LEVEL: 'silent', TOKLYTICS_RESPONSE_CACHE_MB: '0' })
      const uncached = await createApp({ config, database, now: () => NOW })
      try {
        await uncached.inject({ method: 'GET', url: PATH })
        const res = await uncached.inject({ method: 'GET', url: PATH })
        assert.equal(res.statusCode, 200)
        assert.equal(res.headers['x-cache'], undefined)
        assert.equal(res.headers.etag, undefined)
      } finally {
        await uncached.close()
      }
    })

    it('keeps platform stats (an aggregate) through a write, saying how old they are', async () => {
      const first = await app.inject({ method: 'GET', url: '/api/v1/analytics/platform-stats' })
      assert.equal(first.statusCode, 200)
      const asOf = (first.json() as { meta: { data_as_of?: string } }).meta.data_as_of
      assert.equal(asOf, new Date(NOW).toISOString().replace('.000Z', 'Z'))
      await ingest(3100, 1)
      const after = await app.inject({ method: 'GET', url: '/api/v1/analytics/platform-stats' })
      assert.equal(after.headers['x-cache'], 'hit')
      assert.match(String(after.headers.age), /^\d+$/)
      assert.equal((after.json() as { meta: { data_as_of?: string } }).meta.data_as_of, asOf)
      // The creator itself is current at once.
      const creator = (await get()).json() as CreatorAnswer
      assert.equal(creator.data.followers, 3100)
    })
  })
}

const OTHER_ID = '7000000000000000001'
const OTHER_VIDEO = '7000000000000000101'

for (const target of testDatabases()) {
  describe(`response cache: a write drops only the answers that read what it changed (${target.name})`, () => {
    let database: Database
    let app: FastifyInstance
    const cacheOf = async (url: string) => {
      const res = await app.inject({ method: 'GET', url })
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
      return String(res.headers['x-cache'])
    }
    const post = async (target: FastifyInstance, captures: unknown[]) => {
      const res = await target.inject({
        method: 'POST',
        url: '/api/v1/ingest',
        headers: { authorization: `Bearer ${TOKEN}` },
        payload: { captures },
      })
      assert.equal(res.statusCode, 200, res.body)
    }
    const creatorA = (followers: number, minutesAgo: number) => capture(followers, minutesAgo)
    const otherVideo = (plays: number, minutesAgo: number, username = 'other.creator') => ({
      url: listUrl(`sec-${OTHER_ID}`),
      observed_at: new Date(NOW - minutesAgo * 60_000).toISOString(),
      body: itemListBody({
        id: OTHER_VIDEO,
        plays,
        author: { id: OTHER_ID, username },
        hashtags: ['cachetest'],
      }),
    })
    const A = '/api/v1/creators/zg.520'
    const B = '/api/v1/creators/other.creator'
    const entityUrls = [
      B,
      `${B}/videos`,
      `${B}/top-content`,
      `${B}/history`,
      `/api/v1/videos/${OTHER_VIDEO}`,
      `/api/v1/videos/${OTHER_VIDEO}/history`,
    ]

    before(async () => {
      database = await target.open()
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        TOKLYTICS_INGEST_TOKEN: TOKEN,
        TOKLYTICS_RATE_LIMIT: 'off',
      })
      app = await createApp({ config, database, now: () => NOW })
      await post(app, [creatorA(1000, 60), otherVideo(5000, 60)])
    })
    after(async () => {
      await app.close()
      await database.close()
      await target.cleanup()
    })

    it("keeps creator B's and B's video's answers through a write to creator A", async () => {
      for (const url of [A, ...entityUrls]) await cacheOf(url)
      for (const url of [A, ...entityUrls]) assert.equal(await cacheOf(url), 'hit', url)
      await post(app, [creatorA(1100, 50)])
      assert.equal(await cacheOf(A), 'miss')
      for (const url of entityUrls) assert.equal(await cacheOf(url), 'hit', url)
      // A search reads every creator: any write drops it.
      await cacheOf('/api/v1/creators/search?q=zg')
      await post(app, [creatorA(1200, 40)])
      assert.equal(await cacheOf('/api/v1/creators/search?q=zg'), 'miss')
    })

    it("drops B's answers, and its video's, when B's video is seen again", async () => {
      for (const url of [A, ...entityUrls]) await cacheOf(url)
      await post(app, [otherVideo(6000, 30)])
      for (const url of entityUrls) assert.equal(await cacheOf(url), 'miss', url)
      assert.equal(await cacheOf(A), 'hit')
      const video = await app.inject({ method: 'GET', url: `/api/v1/videos/${OTHER_VIDEO}` })
      assert.equal((video.json() as { data: { plays: number } }).data.plays, 6000)
    })

    it('never serves a handle its creator gave up', async () => {
      assert.equal(await cacheOf(B), 'hit')
      await post(app, [otherVideo(6100, 20, 'renamed.creator')])
      const gone = await app.inject({ method: 'GET', url: B })
      assert.equal(gone.statusCode, 404)
      assert.equal(await cacheOf('/api/v1/creators/renamed.creator'), 'miss')
    })

    it("sees another process's write to one creator within the poll interval, and keeps the rest", async () => {
      const renamed = '/api/v1/creators/renamed.creator'
      await cacheOf(renamed)
      await cacheOf(A)
      const other = await openDatabase(target.url())
      try {
        await ingestBatch(
          { database: other, now: () => NOW },
          { contributor: 'static', captures: [otherVideo(6200, 10, 'renamed.creator')] },
        )
      } finally {
        await other.close()
      }
      await sleep(1100)
      assert.equal(await cacheOf(renamed), 'miss')
      assert.equal(await cacheOf(A), 'hit')
    })

    it('shares entity answers through Redis and drops them there by what changed', async (t) => {
      const apps = await twoAppsSharingRedis(database)
      if (apps === null) return t.skip('TOKLYTICS_TEST_REDIS_URL is not set')
      const [a, b] = apps
      try {
        const video = `/api/v1/videos/${OTHER_VIDEO}?shared=1`
        const creator = `${A}?shared=1`
        for (const url of [video, creator])
          assert.equal((await a.inject(url)).headers['x-cache'], 'miss', url)
        for (const url of [video, creator])
          assert.equal((await b.inject(url)).headers['x-cache'], 'hit', url)
        // A write to creator A through instance a: b keeps the video's answer, drops A's.
        await post(a, [creatorA(1300, 5)])
        await sleep(1100)
        assert.equal((await b.inject(video)).headers['x-cache'], 'hit')
        const fresh = await b.inject(creator)
        assert.equal(fresh.headers['x-cache'], 'miss')
        assert.equal((fresh.json() as CreatorAnswer).data.followers, 1300)
      } finally {
        await Promise.all([a.close(), b.close()])
      }
    })
  })
}

for (const target of testDatabases()) {
  describe(`read replica (${target.name})`, () => {
    after(async () => target.cleanup())

    it('reads from DATABASE_READ_URL and writes to DATABASE_URL', async () => {
      // Two separate databases stand for a primary and a replica that has not caught up.
      const primary = await target.open()
      const primaryUrl = target.url()
      const replica = await target.open()
      const replicaUrl = target.url()
      await ingestBatch(
        { database: replica, now: () => NOW },
        { contributor: 'test', captures: [capture(1111, 30)] },
      )
      await Promise.all([primary.close(), replica.close()])

      const database = await openDatabase(primaryUrl, { readUrl: replicaUrl })
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        TOKLYTICS_INGEST_TOKEN: TOKEN,
        TOKLYTICS_RATE_LIMIT: 'off',
      })
      const app = await createApp({ config, database, now: () => NOW })
      try {
        const read = await app.inject(PATH)
        assert.equal(read.statusCode, 200)
        assert.equal((read.json() as CreatorAnswer).data.followers, 1111)
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/ingest',
          headers: { authorization: `Bearer ${TOKEN}` },
          payload: { captures: [capture(2222, 20)] },
        })
        assert.equal(res.statusCode, 200)
        const stored = (db: Database) =>
          db.db
            .selectFrom('creators')
            .select('followers')
            .where('username_lower', '=', 'zg.520')
            .executeTakeFirst()
        assert.equal((await stored({ ...database, db: database.db }))?.followers, 2222)
        assert.equal((await stored({ ...database, db: database.readDb }))?.followers, 1111)
      } finally {
        await app.close()
        await database.close()
      }
    })
  })
}
