/** The response cache's single flight, and the bounded age of aggregate answers. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import Fastify from 'fastify'
import { responseCache } from './response-cache.js'

/** A server with one cached route whose computations are counted and held until released. */
async function server() {
  let computes = 0
  let release: () => void = () => {}
  const gate = new Promise<void>((resolve) => (release = resolve))
  // The data version never changes here: only the coalescing of misses is under test.
  const cache = responseCache({
    version: { stamp: async () => '1', noteLocalWrite: () => {}, onChanges: () => {} },
    maxBytes: 1_000_000,
    ttlMs: 60_000,
    aggregateMaxAgeMs: 30_000,
  })
  const app = Fastify({ genReqId: (req) => String(req.headers['x-request-id']) })
  app.get('/answer', {
    onRequest: (req, reply) => cache.serve(req, reply, 'current'),
    handler: (req, reply) =>
      cache.store(
        req,
        reply,
        async () => {
          computes += 1
          await gate
          if ((req.query as { fail?: string }).fail === 'yes') throw new Error('no answer')
          return { data: { answer: 42 }, meta: { request_id: req.id } }
        },
        'current',
      ),
  })
  await app.ready()
  return { app, computes: () => computes, release }
}

describe('response cache: single flight', () => {
  it('computes a cold URL once for 16 concurrent requests, each answered with its own id', async () => {
    const { app, computes, release } = await server()
    const pending = Array.from({ length: 16 }, (_, i) =>
      app.inject({ method: 'GET', url: '/answer', headers: { 'x-request-id': `r${i}` } }),
    )
    // Every request reaches the cache while the first computation is held.
    await sleep(300)
    release()
    const answers = await Promise.all(pending)
    assert.equal(computes(), 1)
    const how = answers.map((a) => a.headers['x-cache'])
    assert.equal(how.filter((h) => h === 'miss').length, 1)
    assert.equal(how.filter((h) => h === 'coalesced').length, 15)
    answers.forEach((a, i) => {
      assert.equal(a.statusCode, 200)
      assert.deepEqual(a.json(), { data: { answer: 42 }, meta: { request_id: `r${i}` } })
    })
    // And the next one is a plain hit.
    const later = await app.inject({
      method: 'GET',
      url: '/answer',
      headers: { 'x-request-id': 'x' },
    })
    assert.equal(later.headers['x-cache'], 'hit')
    assert.equal(computes(), 1)
    await app.close()
  })

  it('shares no failure: each waiting request computes its own answer instead', async () => {
    const { app, computes, release } = await server()
    const pending = Array.from({ length: 3 }, (_, i) =>
      app.inject({ method: 'GET', url: '/answer?fail=yes', headers: { 'x-request-id': `f${i}` } }),
    )
    await sleep(300)
    release()
    const answers = await Promise.all(pending)
    assert.ok(answers.every((a) => a.statusCode === 500))
    assert.equal(computes(), 3)
    await app.close()
  })
})

describe('response cache: bounded answers (aggregates)', () => {
  it('serves a bounded answer after a write until it is aggregateMaxAgeMs old, with its Age', async () => {
    let version = 1
    let computes = 0
    const cache = responseCache({
      version: {
        stamp: async () => String(version),
        noteLocalWrite: () => {},
        onChanges: () => {},
      },
      maxBytes: 1_000_000,
      ttlMs: 60_000,
      aggregateMaxAgeMs: 1_500,
    })
    const app = Fastify({ genReqId: (req) => String(req.headers['x-request-id'] ?? 'id') })
    for (const [url, freshness] of [
      ['/trending', 'bounded'],
      ['/entity', 'current'],
    ] as const) {
      app.get(url, {
        onRequest: (req, reply) => cache.serve(req, reply, freshness),
        handler: (req, reply) =>
          cache.store(
            req,
            reply,
            async () => ({ data: { computes: ++computes }, meta: { request_id: req.id } }),
            freshness,
          ),
      })
    }
    await app.ready()
    const get = (url: string) => app.inject({ method: 'GET', url })
    const first = await get('/trending')
    assert.equal(first.headers['x-cache'], 'miss')
    const entity = await get('/entity')
    version += 1 // a write commits
    const after = await get('/trending')
    assert.equal(after.headers['x-cache'], 'hit', 'an aggregate survives the write')
    assert.equal(after.headers.age, '0')
    assert.deepEqual(after.json(), first.json())
    const entityAfter = await get('/entity')
    assert.equal(entityAfter.headers['x-cache'], 'miss', 'an entity read never does')
    assert.notDeepEqual(entityAfter.json(), entity.json())
    await sleep(1_700)
    const old = await get('/trending')
    assert.equal(old.headers['x-cache'], 'miss', 'past its bound it is computed again')
    assert.notDeepEqual(old.json(), first.json())
    await app.close()
  })
})
