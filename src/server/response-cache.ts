/**
 * Cached read answers: a GET is answered from memory while nothing was written since it was
 * computed (db/data-version.ts) and for at most a minute (windows such as "last 7 days" move
 * with the clock). With Redis, instances also share what they computed: the key holds the data
 * version, so a write makes every earlier answer unreachable everywhere at once. Each answer
 * still carries its own request id, and an ETag for 304s. Concurrent misses of one URL at one
 * data version compute it once: the others wait for that answer (`x-cache: coalesced`).
 */
import { createHash } from 'node:crypto'
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify'
import type { Redis } from 'ioredis'
import { LRUCache } from 'lru-cache'
import { z } from 'zod'
import type { DataVersion } from '../db/data-version.js'

export interface ResponseCacheOptions {
  version: DataVersion
  /** Memory for the answers (their JSON text). */
  maxBytes: number
  /** Longest an answer is served without recomputing it. */
  ttlMs: number
  /** A cache shared by every instance; answers are also kept there (for `ttlMs`). */
  shared?: { redis: Redis; prefix: string; log: FastifyBaseLogger }
}

export interface ResponseCache {
  /** onRequest hook: answers a GET from the cache when it holds a current answer. */
  serve(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>
  /** Runs the handler, sends its answer as JSON, and keeps it for the next identical GET. */
  store(
    req: FastifyRequest,
    reply: FastifyReply,
    compute: () => Promise<object>,
  ): Promise<FastifyReply>
}

/** A computed answer without its request id: `head + JSON(request id) + tail` is the body. */
const SharedEntry = z.object({ head: z.string(), tail: z.string(), etag: z.string() })
type Entry = z.infer<typeof SharedEntry> & { stamp: string }

const REQUEST_ID_KEY = '"request_id":'
const JSON_TYPE = 'application/json; charset=utf-8'

function send(req: FastifyRequest, reply: FastifyReply, etag: string, body: string) {
  // Data changes with every ingested capture: clients (and proxies) revalidate every time.
  reply.header('cache-control', 'public, no-cache')
  reply.header('etag', etag)
  // Dashboards revalidate with If-None-Match; the weak tag ignores the request id.
  if (req.headers['if-none-match'] === etag) return reply.code(304).send()
  return reply.type(JSON_TYPE).send(body)
}

export function responseCache(options: ResponseCacheOptions): ResponseCache {
  const entries = new LRUCache<string, Entry>({
    maxSize: Math.max(1, options.maxBytes),
    // UTF-16 code units; close enough to the memory held for a bound.
    sizeCalculation: (e) => Math.max(1, 2 * (e.head.length + e.tail.length)),
    ttl: options.ttlMs,
  })
  // Answers being computed, by data version and URL: a cold key asked 16 times at once is
  // computed once (null: that computation gave nothing to share, e.g. an error).
  const inflight = new Map<string, Promise<Entry | null>>()
  const { shared } = options
  const sharedKey = (stamp: string, url: string) => `${shared?.prefix ?? ''}${stamp}:${url}`

  /** The answer another instance computed for this data version, if Redis has it (and is up). */
  async function fromShared(stamp: string, url: string): Promise<Entry | undefined> {
    if (shared === undefined) return undefined
    try {
      const text = await shared.redis.get(sharedKey(stamp, url))
      if (text === null) return undefined
      const parsed = SharedEntry.safeParse(JSON.parse(text))
      return parsed.success ? { ...parsed.data, stamp } : undefined
    } catch (err) {
      shared.log.warn({ err }, 'shared response cache unavailable')
      return undefined
    }
  }

  function toShared(url: string, entry: Entry): void {
    if (shared === undefined) return
    const { head, tail, etag } = entry
    shared.redis
      .set(sharedKey(entry.stamp, url), JSON.stringify({ head, tail, etag }), 'PX', options.ttlMs)
      .catch((err: unknown) => shared.log.warn({ err }, 'shared response cache unavailable'))
  }

  return {
    async serve(req, reply) {
      if (req.method !== 'GET') return undefined
      const stamp = await options.version.stamp()
      let entry = entries.get(req.url)
      if (entry !== undefined && entry.stamp !== stamp) {
        entries.delete(req.url)
        entry = undefined
      }
      entry ??= await fromShared(stamp, req.url)
      if (entry === undefined) return undefined
      entries.set(req.url, entry)
      reply.header('x-cache', 'hit')
      return send(req, reply, entry.etag, entry.head + JSON.stringify(req.id) + entry.tail)
    },
    async store(req, reply, compute) {
      // Taken before computing: a write that commits meanwhile makes this answer stale at once.
      const stamp = await options.version.stamp()
      const key = `${stamp}\0${req.url}`
      const pending = inflight.get(key)
      if (pending !== undefined) {
        const entry = await pending
        if (entry !== null) {
          reply.header('x-cache', 'coalesced')
          return send(req, reply, entry.etag, entry.head + JSON.stringify(req.id) + entry.tail)
        }
        // Nothing to share (an error, say): compute this one as if alone.
      }
      let settle: (entry: Entry | null) => void = () => {}
      if (pending === undefined) {
        inflight.set(key, new Promise((resolve) => (settle = resolve)))
      }
      let entry: Entry | null = null
      try {
        const json = JSON.stringify(await compute())
        const marker = REQUEST_ID_KEY + JSON.stringify(req.id)
        const at = json.lastIndexOf(marker)
        const head = at < 0 ? json : json.slice(0, at + REQUEST_ID_KEY.length)
        const tail = at < 0 ? '' : json.slice(at + marker.length)
        const digest = createHash('sha1').update(head).update('\0').update(tail).digest('base64url')
        const etag = `W/"${digest}"`
        if (at >= 0) {
          entry = { stamp, head, tail, etag }
          entries.set(req.url, entry)
          toShared(req.url, entry)
        }
        reply.header('x-cache', 'miss')
        return send(req, reply, etag, json)
      } finally {
        if (pending === undefined) {
          inflight.delete(key)
          settle(entry)
        }
      }
    },
  }
}
