/**
 * Cached read answers: a GET is answered from memory while nothing was written since it was
 * computed (db/data-version.ts) and for at most a minute (windows such as "last 7 days" move
 * with the clock). With Redis, instances also share what they computed: the key holds the data
 * version, so a write makes every earlier answer unreachable everywhere at once. Each answer
 * still carries its own request id, and an ETag for 304s. Concurrent misses of one URL at one
 * data version compute it once: the others wait for that answer (`x-cache: coalesced`).
 *
 * Entity reads (a creator, a video, a comparison: cache-policy.ts) are `entity`: the queries
 * note what they read (queries/read-set.ts), every write records what it changed (db/
 * change-keys.ts), and an answer is dropped only when something it read changed — a write to
 * creator A leaves creator B's answers in place.
 *
 * Aggregates (trending, hashtag and sound pages, niche reports, plans, platform totals:
 * cache-policy.ts) are `bounded`:
 * their answer is served until it is `aggregateMaxAgeMs` old whatever was written meanwhile,
 * with an `Age` header, so that live ingestion does not make every one of them a fresh scan.
 * Their `meta.data_as_of` says when they were computed.
 */
import { createHash } from 'node:crypto'
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify'
import type { Redis } from 'ioredis'
import { LRUCache } from 'lru-cache'
import { z } from 'zod'
import type { DataVersion } from '../db/data-version.js'
import { collectReads } from '../queries/read-set.js'

export interface ResponseCacheOptions {
  version: DataVersion
  /** Memory for the answers (their JSON text). */
  maxBytes: number
  /** Longest an answer is served without recomputing it. */
  ttlMs: number
  /** Longest a `bounded` (aggregate) answer is served after it was computed, writes or not. */
  aggregateMaxAgeMs: number
  /** A cache shared by every instance; answers are also kept there (for `ttlMs`). */
  shared?: { redis: Redis; prefix: string; log: FastifyBaseLogger }
}

/**
 * How fresh an answer must be: `current` — computed since the last write; `entity` — computed
 * since the last write to what it read; `bounded` — at most `aggregateMaxAgeMs` old.
 */
export type Freshness = 'current' | 'entity' | 'bounded'

export interface ResponseCache {
  /** onRequest hook: answers a GET from the cache when it holds a fresh enough answer. */
  serve(
    req: FastifyRequest,
    reply: FastifyReply,
    freshness: Freshness,
  ): Promise<FastifyReply | undefined>
  /** Runs the handler, sends its answer as JSON, and keeps it for the next identical GET. */
  store(
    req: FastifyRequest,
    reply: FastifyReply,
    compute: () => Promise<object>,
    freshness: Freshness,
  ): Promise<FastifyReply>
}

/** A computed answer without its request id: `head + JSON(request id) + tail` is the body. */
const SharedEntry = z.object({
  head: z.string(),
  tail: z.string(),
  etag: z.string(),
  /** Epoch ms of the computation. */
  computedAt: z.number(),
  /** The data version it was computed at ('bounded' for aggregates). */
  stamp: z.string(),
  /** The change keys it read (entity answers); absent: it is stale after any write. */
  reads: z.array(z.string()).optional(),
})
type Entry = z.infer<typeof SharedEntry>

/** Change keys remembered with the version that changed them; older ones count as "all". */
const CHANGES_REMEMBERED = 200_000

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
  // Entity answers: the version each recently written key changed at, and the version before
  // which nothing is known (this process's first reading, a gap in the change records).
  let knownSince = Number.POSITIVE_INFINITY
  const changedAt = new LRUCache<string, number>({
    max: CHANGES_REMEMBERED,
    dispose: (version, _key, reason) => {
      if (reason === 'evict') knownSince = Math.max(knownSince, version)
    },
  })
  options.version.onChanges(({ version, keys }) => {
    if (keys === 'all') {
      knownSince = version
      changedAt.clear()
    } else for (const k of keys) changedAt.set(k, version)
  })
  const sharedKey = (stamp: string, url: string, f: Freshness) =>
    `${shared?.prefix ?? ''}${f === 'entity' ? 'e' : stamp}:${url}`
  const maxAge = (f: Freshness) => (f === 'bounded' ? options.aggregateMaxAgeMs : options.ttlMs)
  /** What an answer is valid for: the data version, or for a bounded answer only its age. */
  const stampFor = async (f: Freshness) => (f === 'bounded' ? 'bounded' : options.version.stamp())
  /** No key it read was written after it was computed, and this process knows since when. */
  const unchangedSince = (e: Entry) => {
    const version = Number(e.stamp)
    if (e.reads === undefined || !(version >= knownSince)) return false
    return e.reads.every((k) => (changedAt.get(k) ?? Number.NEGATIVE_INFINITY) <= version)
  }
  const fresh = (e: Entry, stamp: string, f: Freshness, now: number) =>
    now - e.computedAt <= maxAge(f) && (e.stamp === stamp || (f === 'entity' && unchangedSince(e)))

  /** The answer another instance computed for this stamp, if Redis has it (and is up). */
  async function fromShared(stamp: string, url: string, f: Freshness): Promise<Entry | undefined> {
    if (shared === undefined) return undefined
    try {
      const text = await shared.redis.get(sharedKey(stamp, url, f))
      if (text === null) return undefined
      const parsed = SharedEntry.safeParse(JSON.parse(text))
      return parsed.success ? parsed.data : undefined
    } catch (err) {
      shared.log.warn({ err }, 'shared response cache unavailable')
      return undefined
    }
  }

  function toShared(url: string, entry: Entry, freshness: Freshness): void {
    if (shared === undefined) return
    shared.redis
      .set(sharedKey(entry.stamp, url, freshness), JSON.stringify(entry), 'PX', maxAge(freshness))
      .catch((err: unknown) => shared.log.warn({ err }, 'shared response cache unavailable'))
  }

  /** Sends a kept answer with this request's id (and its age, when it may be older than data). */
  function sendKept(req: FastifyRequest, reply: FastifyReply, entry: Entry, how: string) {
    reply.header('x-cache', how)
    if (entry.stamp === 'bounded') {
      reply.header('age', String(Math.max(0, Math.floor((Date.now() - entry.computedAt) / 1000))))
    }
    return send(req, reply, entry.etag, entry.head + JSON.stringify(req.id) + entry.tail)
  }

  return {
    async serve(req, reply, freshness) {
      if (req.method !== 'GET') return undefined
      const stamp = await stampFor(freshness)
      const now = Date.now()
      let entry = entries.get(req.url)
      if (entry !== undefined && !fresh(entry, stamp, freshness, now)) {
        entries.delete(req.url)
        entry = undefined
      }
      if (entry === undefined) {
        const found = await fromShared(stamp, req.url, freshness)
        if (found !== undefined && fresh(found, stamp, freshness, now)) entry = found
      }
      if (entry === undefined) return undefined
      entries.set(req.url, entry)
      return sendKept(req, reply, entry, 'hit')
    },
    async store(req, reply, compute, freshness) {
      // Taken before computing: a write that commits meanwhile makes this answer stale at once.
      const stamp = await stampFor(freshness)
      const key = `${stamp}\0${req.url}`
      const pending = inflight.get(key)
      if (pending !== undefined) {
        const entry = await pending
        if (entry !== null) return sendKept(req, reply, entry, 'coalesced')
        // Nothing to share (an error, say): compute this one as if alone.
      }
      let settle: (entry: Entry | null) => void = () => {}
      if (pending === undefined) {
        inflight.set(key, new Promise((resolve) => (settle = resolve)))
      }
      let entry: Entry | null = null
      try {
        const computedAt = Date.now()
        const { result, reads } =
          freshness === 'entity'
            ? await collectReads(compute)
            : { result: await compute(), reads: undefined }
        const json = JSON.stringify(result)
        const marker = REQUEST_ID_KEY + JSON.stringify(req.id)
        const at = json.lastIndexOf(marker)
        const head = at < 0 ? json : json.slice(0, at + REQUEST_ID_KEY.length)
        const tail = at < 0 ? '' : json.slice(at + marker.length)
        const digest = createHash('sha1').update(head).update('\0').update(tail).digest('base64url')
        const etag = `W/"${digest}"`
        if (at >= 0) {
          entry = { stamp, head, tail, etag, computedAt }
          // An answer that noted no read (none should) is stale after any write, as `current`.
          if (reads !== undefined && reads.size > 0) entry.reads = [...reads]
          entries.set(req.url, entry)
          toShared(req.url, entry, freshness)
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
