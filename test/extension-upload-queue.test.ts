/** The collector's upload queue and uploader: pure rules, then against a real Toklytics server. */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { postIngest } from '../extension/src/ingest-request.js'
import {
  ingestUrl,
  readSettings,
  type Settings,
  serverUrlProblem,
} from '../extension/src/settings.js'
import {
  CaptureQueue,
  type KeyValueStore,
  localDay,
  type QueuedCapture,
  STORAGE_KEYS,
} from '../extension/src/upload-queue.js'
import {
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  backoffDelay,
  judgeReply,
  Uploader,
} from '../extension/src/uploader.js'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { createApp } from '../src/server/app.js'
import { readFixture } from './fixtures.js'
import { testDatabases } from './support/databases.js'

const TOKEN = 'queue-test-token'

/** `chrome.storage.local` semantics: values are stored as JSON copies. */
class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, string>()

  async get(keys: string[]): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {}
    for (const key of keys) {
      const value = this.data.get(key)
      if (value !== undefined) out[key] = JSON.parse(value)
    }
    return out
  }

  async set(items: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(items)) this.data.set(key, JSON.stringify(value))
  }

  async remove(keys: string[]): Promise<void> {
    for (const key of keys) this.data.delete(key)
  }
}

const capture = (n: number, size = 10): QueuedCapture => ({
  url: `https://www.tiktok.com/api/user/detail/?uniqueId=u${n}`,
  observed_at: '2026-11-25T10:00:00.000Z',
  body: { pad: 'x'.repeat(size) },
})

const fixtureCapture = (path: string, fixture: string): QueuedCapture => ({
  url: `https://www.tiktok.com${path}`,
  observed_at: new Date().toISOString(),
  body: readFixture(fixture),
})

/** Queues a real profile answer and a real video list answer, as browsing a profile does. */
async function enqueueProfileAndList(queue: CaptureQueue): Promise<void> {
  await queue.enqueue(
    fixtureCapture('/api/user/detail/?uniqueId=zg.520', 'user_detail.sample1.json'),
    'user_detail',
  )
  await queue.enqueue(
    fixtureCapture('/api/post/item_list/?secUid=x', 'post_item_list.sample1.json'),
    'item_list',
  )
}

describe('CaptureQueue', () => {
  it('counts responses seen and not collected by path, keeping only the path', async () => {
    const store = new MemoryStore()
    const queue = new CaptureQueue(store)
    await queue.recordSeen({
      url: 'https://www.tiktok.com/api/a/?count=1',
      reason: 'unknown_shape',
    })
    await queue.recordSeen({
      url: 'https://www.tiktok.com/api/a/?count=2',
      reason: 'unknown_shape',
    })
    await queue.recordSeen({ url: 'https://www.tiktok.com/api/user/detail/', reason: 'not_json' })
    for (let n = 0; n < 30; n++) {
      await queue.recordSeen({ url: `https://www.tiktok.com/api/p${n}/`, reason: 'unknown_shape' })
    }
    const { stats, length } = await queue.status()
    assert.equal(length, 0)
    assert.equal(stats.captured, 0)
    assert.equal(stats.seen, 33)
    assert.equal(stats.seenPaths['/api/a/ (no content)'], 2)
    assert.equal(stats.seenPaths['/api/user/detail/ (not JSON)'], 1)
    // Bounded: the most frequent paths are kept.
    assert.equal(Object.keys(stats.seenPaths).length, 20)
    assert.ok(!JSON.stringify([...store.data.values()]).includes('count='))
  })

  it('keeps captures in order and hands out batches by count and size', async () => {
    const queue = new CaptureQueue(new MemoryStore())
    for (let n = 1; n <= 5; n++) await queue.enqueue(capture(n, n * 100), 'user_detail')
    const size = (n: number) => JSON.stringify(capture(n, n * 100)).length
    const byCount = await queue.peek(2, Number.MAX_SAFE_INTEGER)
    assert.deepEqual(byCount.ids, [1, 2])
    assert.deepEqual(byCount.captures, [capture(1, 100), capture(2, 200)])
    const bySize = await queue.peek(10, size(1) + size(2) + size(3) - 1)
    assert.deepEqual(bySize.ids, [1, 2])
    // The first capture always goes, however large, or the queue would stall.
    assert.deepEqual((await queue.peek(10, 1)).ids, [1])
    assert.equal((await queue.status()).length, 5)
  })

  it('removes exactly the settled captures and counts what the server said', async () => {
    const store = new MemoryStore()
    const queue = new CaptureQueue(store)
    for (let n = 1; n <= 4; n++)
      await queue.enqueue(capture(n), n === 4 ? 'item_list' : 'user_detail')
    await queue.settle([1, 2, 3], {
      received: 3,
      accepted: 1,
      duplicates: 1,
      dropped: [{ index: 2, reason: 'tiktok_error' }],
    })
    const status = await queue.status()
    assert.equal(status.length, 1)
    assert.deepEqual((await queue.peek(10, 1e9)).ids, [4])
    assert.ok(!store.data.has('capture:1') && store.data.has('capture:4'))
    assert.deepEqual(
      { ...status.stats, day: '' },
      {
        day: '',
        captured: 4,
        byKind: { user_detail: 3, item_list: 1 },
        accepted: 1,
        duplicates: 1,
        dropped: 1,
        dropReasons: { tiktok_error: 1 },
        seen: 0,
        seenPaths: {},
      },
    )
    assert.deepEqual(
      status.recent.map((r) => [r.id, r.waiting]),
      [
        [4, true],
        [3, false],
        [2, false],
        [1, false],
      ],
    )
  })

  it('records the upload success before the settled captures leave the queue', async () => {
    // A store that, whenever the queue index is rewritten, notes what the upload state says.
    class WatchingStore extends MemoryStore {
      readonly failuresWhenIndexChanged: number[] = []
      override async set(items: Record<string, unknown>): Promise<void> {
        await super.set(items)
        if (STORAGE_KEYS.index in items) {
          const upload = (await queue.status()).upload
          this.failuresWhenIndexChanged.push(upload.failures)
        }
      }
    }
    const store = new WatchingStore()
    const queue = new CaptureQueue(store)
    await queue.enqueue(capture(1), 'user_detail')
    await queue.updateUploadState((s) => ({ ...s, failures: 3, retryAt: 1 }))
    store.failuresWhenIndexChanged.length = 0
    await queue.settle([1], { received: 1, accepted: 1, duplicates: 0, dropped: [] }, (s) => ({
      ...s,
      failures: 0,
      retryAt: null,
    }))
    const status = await queue.status()
    assert.equal(status.length, 0)
    assert.equal(status.upload.failures, 0)
    assert.equal(status.upload.retryAt, null)
    assert.deepEqual(store.failuresWhenIndexChanged, [0], 'the queue shrank only after the reset')
  })

  it('starts a new day of counts at local midnight, keeping the queue', async () => {
    let now = new Date(2026, 10, 25, 23, 59).getTime()
    const queue = new CaptureQueue(new MemoryStore(), () => now)
    await queue.enqueue(capture(1), 'user_detail')
    assert.equal((await queue.status()).stats.captured, 1)
    now = new Date(2026, 10, 26, 0, 1).getTime()
    const status = await queue.status()
    assert.equal(status.stats.day, localDay(now))
    assert.equal(status.stats.captured, 0)
    assert.equal(status.length, 1)
  })

  it('serialises concurrent changes so that none is lost', async () => {
    const queue = new CaptureQueue(new MemoryStore())
    await Promise.all(Array.from({ length: 20 }, (_, i) => queue.enqueue(capture(i + 1), 'k')))
    const status = await queue.status()
    assert.equal(status.length, 20)
    assert.equal(status.stats.captured, 20)
    const { captures } = await queue.peek(100, 1e9)
    assert.deepEqual(new Set(captures.map((c) => c.url)).size, 20)
  })
})

describe('judgeReply and backoff', () => {
  const reply = (status: number, json: unknown, retryAfterSeconds: number | null = null) => ({
    status,
    json,
    retryAfterSeconds,
  })
  const data = {
    received: 2,
    accepted: 1,
    duplicates: 0,
    dropped: [{ index: 1, reason: 'x', detail: 'y' }],
  }

  it('settles a 200 only when it names every capture', () => {
    assert.deepEqual(judgeReply(reply(200, { data }), 2), {
      type: 'settled',
      summary: { received: 2, accepted: 1, duplicates: 0, dropped: [{ index: 1, reason: 'x' }] },
    })
    for (const odd of [
      { data: { ...data, received: 3 } },
      { data: { ...data, accepted: 0 } },
      { data: { ...data, dropped: 'none' } },
      {},
      null,
    ]) {
      assert.equal(judgeReply(reply(200, odd), 2).type, 'retry', JSON.stringify(odd))
    }
  })

  it('settles a 202 of a queue-mode server, which says queued rather than accepted', () => {
    const queued = { received: 3, queued: 2, duplicates: 1, dropped: [], capture_ids: ['a', 'b'] }
    assert.deepEqual(judgeReply(reply(202, { data: queued }), 3), {
      type: 'settled',
      summary: { received: 3, accepted: 2, duplicates: 1, dropped: [] },
    })
    assert.equal(judgeReply(reply(202, { data: { ...queued, queued: 1 } }), 3).type, 'retry')
  })

  it('splits on 413, isolates on 400, retries the rest with the server message', () => {
    const error = (message: string) => ({ error: { code: 'c', message, docs: '' } })
    assert.equal(judgeReply(reply(413, error('too big')), 5).type, 'split')
    assert.equal(judgeReply(reply(400, error('too deep')), 5).type, 'refused')
    assert.deepEqual(judgeReply(reply(401, error('The contributor token is not valid.')), 5), {
      type: 'retry',
      message: 'HTTP 401: The contributor token is not valid.',
      retryAfterMs: null,
    })
    assert.deepEqual(judgeReply(reply(429, error('slow down'), 12), 5), {
      type: 'retry',
      message: 'HTTP 429: slow down',
      retryAfterMs: 12_000,
    })
    assert.deepEqual(judgeReply(reply(502, null), 1), {
      type: 'retry',
      message: 'HTTP 502',
      retryAfterMs: null,
    })
  })

  it('doubles the delay with each failure, with ±20 % jitter, up to a cap', () => {
    assert.equal(
      backoffDelay(1, () => 0.5),
      BACKOFF_BASE_MS,
    )
    assert.equal(
      backoffDelay(2, () => 0.5),
      BACKOFF_BASE_MS * 2,
    )
    assert.equal(
      backoffDelay(4, () => 0.5),
      BACKOFF_BASE_MS * 8,
    )
    assert.equal(
      backoffDelay(1, () => 0),
      BACKOFF_BASE_MS * 0.8,
    )
    assert.equal(
      backoffDelay(1, () => 1),
      BACKOFF_BASE_MS * 1.2,
    )
    assert.equal(
      backoffDelay(40, () => 0.5),
      BACKOFF_MAX_MS,
    )
    assert.equal(
      backoffDelay(10_000, () => 0.5),
      BACKOFF_MAX_MS,
    )
  })
})

describe('settings', () => {
  it('reads whatever storage holds into valid settings', () => {
    assert.deepEqual(readSettings(undefined), { serverUrl: '', token: '', paused: false })
    assert.deepEqual(readSettings({ serverUrl: 3, token: 't', paused: 'yes' }), {
      serverUrl: '',
      token: 't',
      paused: false,
    })
  })

  it('finds the ingest endpoint under the server URL, keeping a path prefix', () => {
    assert.equal(ingestUrl('http://127.0.0.1:8080'), 'http://127.0.0.1:8080/api/v1/ingest')
    assert.equal(
      ingestUrl('https://example.org/toklytics/'),
      'https://example.org/toklytics/api/v1/ingest',
    )
    assert.equal(
      ingestUrl('https://example.org/toklytics?x=1'),
      'https://example.org/toklytics/api/v1/ingest',
    )
    assert.equal(serverUrlProblem('http://127.0.0.1:8080'), null)
    assert.match(serverUrlProblem('127.0.0.1:8080') ?? '', /http/)
    assert.match(serverUrlProblem('ftp://example.org') ?? '', /http/)
    assert.match(serverUrlProblem('https://me:secret@example.org') ?? '', /token/)
  })
})

/** A real Toklytics server on a port of its own; `stop()` and `start()` again simulate an outage. */
async function serverOn(database: Database, port = 0, mode: 'sync' | 'queue' = 'sync') {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    TOKLYTICS_INGEST_TOKEN: TOKEN,
    TOKLYTICS_RATE_LIMIT: 'off',
    TOKLYTICS_INGEST_MODE: mode,
  })
  const app: FastifyInstance = await createApp({ config, database })
  await app.listen({ port, host: '127.0.0.1' })
  const address = app.server.address()
  assert.ok(address !== null && typeof address === 'object')
  return { app, port: address.port, url: `http://127.0.0.1:${address.port}` }
}

for (const target of testDatabases()) {
  describe(`Uploader against a real server on ${target.name}`, () => {
    after(() => target.cleanup())

    function uploaderFor(queue: CaptureQueue, settings: () => Settings, requests: string[] = []) {
      return new Uploader({
        queue,
        settings: async () => settings(),
        send: (url, token, json) => {
          requests.push(json)
          return postIngest(url, token, json)
        },
        collector: { name: 'toklytics-extension', version: 'test' },
        random: () => 0.5,
      })
    }

    it('delivers, keeps through an outage, and never doubles a capture', async () => {
      const database = await target.open()
      let server = await serverOn(database)
      try {
        const queue = new CaptureQueue(new MemoryStore())
        const settings: Settings = { serverUrl: server.url, token: TOKEN, paused: false }
        const requests: string[] = []
        const uploader = uploaderFor(queue, () => settings, requests)

        await enqueueProfileAndList(queue)
        // Two flushes at once: one request, not two.
        const [first, second] = await Promise.all([uploader.flush(), uploader.flush()])
        assert.deepEqual(first, second)
        assert.deepEqual(first, { sent: 2, remaining: 0, retryInMs: null })
        assert.equal(requests.length, 1)
        let status = await queue.status()
        assert.equal(status.stats.accepted, 2)
        assert.equal(status.stats.duplicates, 0)

        // The server goes away: the capture stays, the error is recorded, a retry is scheduled.
        await server.app.close()
        await queue.enqueue(
          fixtureCapture('/api/recommend/item_list/', 'recommend_item_list.sample1.json'),
          'item_list',
        )
        const failed = await uploader.flush()
        assert.equal(failed.sent, 0)
        assert.equal(failed.remaining, 1)
        assert.equal(failed.retryInMs, BACKOFF_BASE_MS)
        status = await queue.status()
        assert.equal(status.length, 1)
        assert.equal(status.upload.failures, 1)
        assert.match(
          status.upload.lastError?.message ?? '',
          /^Could not reach http:\/\/127\.0\.0\.1:\d+ /,
        )
        // Inside the backoff nothing is attempted.
        const before = requests.length
        assert.equal((await uploader.flush()).sent, 0)
        assert.equal(requests.length, before)

        // Back on the same port: "Send now" delivers it.
        server = await serverOn(database, server.port)
        assert.deepEqual(await uploader.retryNow(), { sent: 1, remaining: 0, retryInMs: null })
        status = await queue.status()
        assert.equal(status.upload.failures, 0)
        assert.equal(status.stats.accepted, 3)

        // The same capture again is a duplicate on the server, and still leaves the queue.
        await queue.enqueue(
          fixtureCapture('/api/recommend/item_list/', 'recommend_item_list.sample1.json'),
          'item_list',
        )
        await uploader.flush()
        status = await queue.status()
        assert.equal(status.length, 0)
        assert.equal(status.stats.duplicates, 1)
        const stored = await database.db.selectFrom('captures').select('url').execute()
        assert.equal(stored.length, 3)
      } finally {
        await server.app.close()
        await database.close()
      }
    })

    it('empties the queue against a queue-mode server (202), once', {
      skip: target.name === 'sqlite' ? 'queue mode needs PostgreSQL' : false,
    }, async () => {
      const database = await target.open()
      const server = await serverOn(database, 0, 'queue')
      try {
        const queue = new CaptureQueue(new MemoryStore())
        const settings: Settings = { serverUrl: server.url, token: TOKEN, paused: false }
        const requests: string[] = []
        const uploader = uploaderFor(queue, () => settings, requests)
        await enqueueProfileAndList(queue)
        assert.deepEqual(await uploader.flush(), { sent: 2, remaining: 0, retryInMs: null })
        // A second flush has nothing left to send: the 202 cleared both.
        assert.deepEqual(await uploader.flush(), { sent: 0, remaining: 0, retryInMs: null })
        assert.equal(requests.length, 1)
        const status = await queue.status()
        assert.equal(status.stats.accepted, 2)
        assert.equal(status.upload.lastError, null)
        const stored = await database.db.selectFrom('captures').select('url').execute()
        assert.equal(stored.length, 2)
      } finally {
        await server.app.close()
        await database.close()
      }
    })

    it('keeps everything on a refused token, and isolates a capture the server refuses', async () => {
      const database = await target.open()
      const server = await serverOn(database)
      try {
        const queue = new CaptureQueue(new MemoryStore())
        const settings: Settings = { serverUrl: server.url, token: 'wrong', paused: false }
        const uploader = uploaderFor(queue, () => settings)
        let deep: unknown = 1
        for (let i = 0; i < 80; i++) deep = [deep]
        await queue.enqueue(
          fixtureCapture('/api/user/detail/?uniqueId=zg.520', 'user_detail.sample1.json'),
          'user_detail',
        )
        await queue.enqueue({ ...capture(2), body: { deep } }, 'user_detail')
        await queue.enqueue(
          fixtureCapture('/api/post/item_list/?secUid=x', 'post_item_list.sample1.json'),
          'item_list',
        )

        const refused = await uploader.flush()
        assert.equal(refused.remaining, 3)
        assert.match((await queue.status()).upload.lastError?.message ?? '', /^HTTP 401: /)

        settings.token = TOKEN
        const result = await uploader.retryNow({ resetFailures: true })
        assert.deepEqual(result, { sent: 2, remaining: 0, retryInMs: null })
        const status = await queue.status()
        assert.equal(status.stats.accepted, 2)
        assert.deepEqual(status.stats.dropReasons, { refused_by_server: 1 })
        assert.match(status.upload.lastError?.message ?? '', /^A capture was refused: HTTP 400: /)
      } finally {
        await server.app.close()
        await database.close()
      }
    })

    it('sends nothing while paused or not set up', async () => {
      const database = await target.open()
      const server = await serverOn(database)
      try {
        const queue = new CaptureQueue(new MemoryStore())
        const settings: Settings = { serverUrl: server.url, token: TOKEN, paused: true }
        const requests: string[] = []
        const uploader = uploaderFor(queue, () => settings, requests)
        await queue.enqueue(capture(1), 'user_detail')
        assert.deepEqual(await uploader.flush(), { sent: 0, remaining: 1, retryInMs: null })
        settings.paused = false
        settings.token = ''
        assert.deepEqual(await uploader.flush(), { sent: 0, remaining: 1, retryInMs: null })
        assert.match((await queue.status()).upload.lastError?.message ?? '', /options/)
        assert.equal(requests.length, 0)
      } finally {
        await server.app.close()
        await database.close()
      }
    })
  })
}
