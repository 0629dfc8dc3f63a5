/**
 * Hostile input for `POST /api/v1/ingest` over real HTTP: over a thousand captures mutated from
 * the real TikTok fixtures (truncated, retyped, huge numbers, deep nesting, NUL bytes, prototype
 * keys, broken Unicode, junk envelopes), and requests broken as a whole (invalid UTF-8, gzip that
 * lies, truncated or oversized bodies). Never a 5xx; a refused request writes nothing; in an
 * accepted batch the valid captures land and every stored capture is accounted for.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { createApp } from '../src/server/app.js'
import { readFixture } from './fixtures.js'
import { testDatabases } from './support/databases.js'
import {
  contentHash,
  itemListBody,
  listUrl,
  userDetailBody,
  userUrl,
  withoutViewerKeys,
} from './support/fixture-captures.js'

const TOKEN = 'hostile-test-token'
const SEED = 20261125
/** Batches of mutated captures per database, and mutants per batch. */
const BATCHES = 21
const MUTANTS_PER_BATCH = 50

const web = (path: string) => `https://www.tiktok.com${path}`
const appApi = (path: string) => `https://api16-normal-c-useast1a.tiktok.com${path}`

/** The real fixtures, each with the URL it came from (fragments wrapped as TikTok sends them). */
const BASES: Array<{ url: string; body: unknown }> = [
  { url: web('/api/post/item_list/?secUid=x'), body: readFixture('post_item_list.sample1.json') },
  {
    url: web('/api/post/item_list/?secUid=y'),
    body: readFixture('post_item_list.popular.sample2.json'),
  },
  { url: web('/api/user/detail/?uniqueId=x'), body: readFixture('user_detail.sample1.json') },
  { url: web('/api/recommend/item_list/'), body: readFixture('recommend_item_list.sample1.json') },
  {
    url: web('/api/search/general/full/?keyword=tiktok'),
    body: readFixture('search_general_full.sample1.json'),
  },
  {
    url: web('/@someone'),
    body: {
      __DEFAULT_SCOPE__: {
        'webapp.user-detail': {
          userInfo: readFixture('ssr_user_detail.userInfo.sample2.json'),
          statusCode: 0,
        },
      },
    },
  },
  {
    url: web('/@x/video/1'),
    body: {
      __DEFAULT_SCOPE__: {
        'webapp.video-detail': {
          itemInfo: {
            itemStruct: readFixture('ssr_video_detail.itemStruct_projected.sample1.json'),
          },
          statusCode: 0,
        },
      },
    },
  },
  {
    url: web('/@x/video/2'),
    body: (() => {
      const item = readFixture('sigi_state.ItemModule_item.sample1.json') as { id: string }
      return { ItemModule: { [item.id]: item } }
    })(),
  },
  {
    url: web('/api/item/detail/?itemId=1'),
    body: {
      itemInfo: { itemStruct: readFixture('legacy2021_item_struct.sample1.json') },
      statusCode: 0,
    },
  },
  {
    url: web('/api/challenge/detail/?challengeName=fyp'),
    body: { challengeInfo: readFixture('legacy2020_challenge_info.sample1.json'), statusCode: 0 },
  },
  { url: web('/api/comment/list/?aweme_id=1'), body: readFixture('comment_list.sample1.json') },
  {
    url: appApi('/aweme/v1/challenge/detail/?ch_id=1'),
    body: readFixture('aweme_challenge_detail.sample1.json'),
  },
  {
    url: appApi('/aweme/v1/music/detail/?music_id=1'),
    body: readFixture('aweme_music_detail.sample1.json'),
  },
  {
    url: appApi('/aweme/v1/challenge/aweme/?ch_id=1'),
    body: readFixture('aweme_challenge_aweme_list.sample1.json'),
  },
]

type Path = ReadonlyArray<string | number>

/** Every node of a JSON value, by path (the root first). */
function pathsOf(value: unknown): Path[] {
  const out: Path[] = []
  const stack: Array<[unknown, Path]> = [[value, []]]
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [unknown, Path]
    out.push(path)
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        stack.push([v, [...path, i]])
      })
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) stack.push([v, [...path, k]])
    }
  }
  return out
}

const PATHS = BASES.map((b) => pathsOf(b.body))
const NUMERIC_PATHS = BASES.map((b, i) =>
  (PATHS[i] ?? []).filter((p) => {
    const v = get(b.body, p)
    return typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v))
  }),
)
const STRING_PATHS = BASES.map((b, i) =>
  (PATHS[i] ?? []).filter((p) => typeof get(b.body, p) === 'string'),
)

function get(value: unknown, path: Path): unknown {
  let node = value
  for (const step of path) node = (node as Record<string | number, unknown>)[step]
  return node
}

/** A copy of `root` with the node at `path` replaced by `f(node)`; the root itself when empty. */
function replaced(root: unknown, path: Path, f: (node: unknown) => unknown): unknown {
  if (path.length === 0) return f(root)
  const copy = structuredClone(root)
  const parent = get(copy, path.slice(0, -1)) as Record<string | number, unknown>
  const key = path[path.length - 1] as string | number
  Object.defineProperty(parent, key, {
    value: f(parent[key]),
    enumerable: true,
    writable: true,
    configurable: true,
  })
  return copy
}

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T

/** JSON values without generated keys (a generated `__proto__` would refuse the whole request). */
const junk = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 4 }),
  fc.dictionary(fc.stringMatching(/^[a-zA-Z]{1,8}$/), fc.oneof(fc.string(), fc.integer()), {
    maxKeys: 3,
  }),
)

const HUGE = [
  1e14,
  -1,
  -1e20,
  1.5,
  0.1,
  1e300,
  Number.MAX_VALUE,
  2 ** 63,
  2 ** 53 + 1,
  -0,
  '99999999999999999999999',
  '-5',
  '1e400',
  '0x10',
  '٣',
]

/** By name, so that a failing batch prints short. */
const STRANGE_TEXT: Record<string, () => string> = {
  loneHigh: () => '\ud800',
  reversedPair: () => '\udfff\ud800x',
  bom: () => '\ufeff',
  rtl: () => '\u202eevil',
  long: () => 'a'.repeat(200_000),
  emoji: () => '😀'.repeat(2_000),
  nuls: () => '\u0000\u0000',
  html: () => '<script>alert(1)</script>',
  sql: () => "'; drop table captures; --",
  percent: () => '%00%ff',
}

const fixture = fc.nat({ max: BASES.length - 1 })

/** One mutation, as a small description (what fast-check prints when a batch fails). */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate'), fixture, at: fc.nat() }),
  fc.record({
    kind: fc.constant('retype'),
    fixture,
    path: fc.nat(),
    value: junk,
    text: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('number'),
    fixture,
    path: fc.nat(),
    value: fc.constantFrom(...HUGE),
    text: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('nest'),
    fixture,
    path: fc.nat(),
    depth: fc.integer({ min: 50, max: 3000 }),
    array: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('nul'), fixture, path: fc.nat(), at: fc.nat(), raw: fc.boolean() }),
  fc.record({
    kind: fc.constant('proto'),
    fixture,
    path: fc.nat(),
    key: fc.constantFrom('__proto__', 'constructor', 'prototype'),
  }),
  fc.record({
    kind: fc.constant('unicode'),
    fixture,
    path: fc.nat(),
    value: fc.constantFrom(...Object.keys(STRANGE_TEXT)),
    text: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('delete'), fixture, path: fc.nat(), text: fc.boolean() }),
  fc.record({
    kind: fc.constant('envelope'),
    fixture,
    field: fc.constantFrom('url', 'observed_at', 'body', 'capture'),
    value: fc.oneof(
      junk,
      fc.constantFrom(
        'javascript:alert(1)',
        `https://www.tiktok.com/${'a'.repeat(9000)}`,
        'https://exa mple.com/\u0000',
        -1,
        1e300,
        '2026-13-45T99:99:99Z',
        '',
        9e15,
      ),
    ),
  }),
)

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never

const OBSERVED = Date.parse('2026-11-20T10:00:00Z')

/** The capture a mutation describes: a real fixture, changed. */
function mutant(m: Mutation, n: number): unknown {
  const base = BASES[m.fixture] as { url: string; body: unknown }
  const capture = { url: base.url, observed_at: OBSERVED + n * 1000, body: base.body as unknown }
  const paths = PATHS[m.fixture] ?? [[]]
  switch (m.kind) {
    case 'truncate': {
      const text = JSON.stringify(base.body)
      return { ...capture, body: text.slice(0, m.at % text.length) }
    }
    case 'retype': {
      const body = replaced(base.body, pick(paths, m.path), () => m.value)
      return { ...capture, body: m.text ? JSON.stringify(body) : body }
    }
    case 'number': {
      const numeric = NUMERIC_PATHS[m.fixture] ?? []
      const body = replaced(
        base.body,
        pick(numeric.length ? numeric : paths, m.path),
        () => m.value,
      )
      return { ...capture, body: m.text ? JSON.stringify(body) : body }
    }
    case 'nest': {
      // As text: nested objects deeper than 64 levels refuse the whole request (tested below).
      const body = replaced(base.body, pick(paths, m.path), (node) => {
        let v = node
        for (let i = 0; i < m.depth; i++) v = m.array ? [v] : { a: v }
        return v
      })
      return { ...capture, body: JSON.stringify(body) }
    }
    case 'nul': {
      if (m.raw) {
        const text = JSON.stringify(base.body)
        const at = m.at % text.length
        return { ...capture, body: `${text.slice(0, at)}\u0000${text.slice(at)}` }
      }
      const strings = STRING_PATHS[m.fixture] ?? []
      const body = replaced(base.body, pick(strings.length ? strings : paths, m.path), (s) =>
        typeof s === 'string' ? `${s.slice(0, 3)}\u0000${s.slice(3)}` : '\u0000',
      )
      return { ...capture, body }
    }
    case 'proto': {
      // As text, parsed by the server: the key becomes an own property, never a prototype.
      const objects = paths.filter((p) => {
        const v = get(base.body, p)
        return v !== null && typeof v === 'object' && !Array.isArray(v)
      })
      const at = pick(objects, m.path)
      const text = JSON.stringify(base.body)
      const body = replaced(base.body, at, (o) => ({ ...(o as object), MARK: 1 }))
      const payload =
        m.key === 'constructor'
          ? '{"prototype":{"polluted":"yes"}}'
          : '{"polluted":"yes","toString":1}'
      const marked = JSON.stringify(body).replace('"MARK":1', `"${m.key}":${payload}`)
      return { ...capture, body: marked === text ? text : marked }
    }
    case 'unicode': {
      const strings = STRING_PATHS[m.fixture] ?? []
      const text = STRANGE_TEXT[m.value]?.() ?? ''
      const body = replaced(base.body, pick(strings.length ? strings : paths, m.path), () => text)
      return { ...capture, body: m.text ? JSON.stringify(body) : body }
    }
    case 'delete': {
      const path = pick(paths, m.path)
      if (path.length === 0) return { ...capture, body: undefined }
      const body = structuredClone(base.body)
      const parent = get(body, path.slice(0, -1)) as Record<string | number, unknown>
      if (Array.isArray(parent)) parent.splice(Number(path[path.length - 1]), 1)
      else delete parent[path[path.length - 1] as string]
      return { ...capture, body: m.text ? JSON.stringify(body) : body }
    }
    case 'envelope':
      if (m.field === 'capture') return m.value
      return { ...capture, [m.field]: m.value }
  }
}

/** Valid captures, unique to `tag`, that must land whatever else the batch holds. */
function pristine(tag: 'batch' | 'request', n: number) {
  const code = tag === 'batch' ? '1' : '2'
  const id = `66${code}${String(n).padStart(8, '0')}`
  const username = `pristine_${tag}_${n}`
  const video = `76${code}${String(n).padStart(16, '0')}`
  const captures = [
    [userUrl(username), userDetailBody({ followers: 5_000 + n, id, username })],
    [
      listUrl(`sec_${tag}_${n}`),
      itemListBody({ id: video, plays: 9_000 + n, author: { id, username } }),
    ],
  ].map(([url, body]) => ({
    url: url as string,
    observed_at: new Date(OBSERVED).toISOString(),
    body: JSON.stringify(withoutViewerKeys(body)),
  }))
  return { captures, hashes: captures.map((c) => contentHash(c.url, c.body)), id, video }
}

const TABLES = [
  'captures',
  'creators',
  'videos',
  'hashtags',
  'sounds',
  'video_snapshots',
  'creator_snapshots',
  'video_hashtags',
  'implausible_observations',
] as const

async function counts(database: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const t of TABLES) {
    const r = await database.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    out[t] = Number(r.n)
  }
  return out
}

async function present(database: Database, p: ReturnType<typeof pristine>) {
  const captures = await database.db
    .selectFrom('captures')
    .select('content_hash')
    .where('content_hash', 'in', p.hashes)
    .execute()
  const creator = await database.db
    .selectFrom('creators')
    .select('followers')
    .where('id', '=', p.id)
    .executeTakeFirst()
  const video = await database.db
    .selectFrom('videos')
    .select('plays')
    .where('id', '=', p.video)
    .executeTakeFirst()
  return { captures: captures.length, creator: creator !== undefined, video: video !== undefined }
}

function assertNotPolluted() {
  const probe = {} as Record<string, unknown>
  assert.equal(probe.polluted, undefined, 'Object.prototype was polluted')
  assert.equal(typeof probe.toString, 'function')
}

interface Sent {
  status: number
  body: {
    data?: {
      received: number
      accepted: number
      duplicates: number
      dropped: Array<{ index: number; reason: string; detail: string }>
      flagged: Array<{ index: number; reason: string; detail: string }>
    }
    error?: { code: string; message: string }
  }
}

for (const target of testDatabases()) {
  describe(`hostile ingest input on ${target.name} (real HTTP)`, () => {
    let database: Database
    let app: FastifyInstance
    let base = ''
    before(async () => {
      database = await target.open()
      const config = loadConfig({
        LOG_LEVEL: process.env.HOSTILE_LOG ?? 'silent',
        TOKLYTICS_INGEST_TOKEN: TOKEN,
        TOKLYTICS_RATE_LIMIT: 'off',
      })
      app = await createApp({ config, database })
      base = await app.listen({ port: 0, host: '127.0.0.1' })
    })
    after(async () => {
      await app.close()
      await database.close()
      await target.cleanup()
    })

    const post = async (
      body: string | Buffer,
      headers: Record<string, string> = {},
    ): Promise<Sent> => {
      const res = await fetch(`${base}/api/v1/ingest`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json',
          ...headers,
        },
        body,
      })
      return { status: res.status, body: (await res.json()) as Sent['body'] }
    }

    it(`${BATCHES * MUTANTS_PER_BATCH} mutated real captures: no 5xx, valid neighbours land, nothing unaccounted`, async (t) => {
      let batchNo = 0
      let mutants = 0
      const reasons = new Map<string, number>()
      /** One request: two valid captures around the batch's mutants. */
      const sendBatch = async (mutations: readonly Mutation[]) => {
        const n = batchNo++
        const valid = pristine('batch', n)
        const captures = [
          valid.captures[0],
          ...mutations.map((m, i) => mutant(m, n * 100 + i)),
          valid.captures[1],
        ]
        mutants += mutations.length
        const before = await counts(database)
        const res = await post(JSON.stringify({ captures }))
        assert.equal(res.status, 200, JSON.stringify(res.body))
        const s = res.body.data
        assert.ok(s)
        assert.equal(s.received, captures.length)
        assert.equal(s.accepted + s.duplicates + s.dropped.length, s.received)
        for (const d of [...s.dropped, ...s.flagged]) {
          assert.ok(d.index >= 0 && d.index < captures.length)
          assert.ok(d.reason.length > 0 && d.detail.length > 0)
          reasons.set(d.reason, (reasons.get(d.reason) ?? 0) + 1)
        }
        const afterCounts = await counts(database)
        // Every capture the reply calls accepted is stored, and nothing else.
        assert.equal(afterCounts.captures, (before.captures ?? 0) + s.accepted)
        for (const table of TABLES) {
          assert.ok((afterCounts[table] ?? 0) >= (before[table] ?? 0), table)
        }
        assert.deepEqual(await present(database, valid), {
          captures: 2,
          creator: true,
          video: true,
        })
        assertNotPolluted()
      }
      await fc.assert(
        fc.asyncProperty(
          fc.array(mutation, { minLength: MUTANTS_PER_BATCH, maxLength: MUTANTS_PER_BATCH }),
          async (mutations) => {
            try {
              await sendBatch(mutations)
            } catch (err) {
              // The node:test report shows fast-check's summary only; keep the cause visible.
              t.diagnostic(`failed batch: ${err instanceof Error ? err.message : String(err)}`)
              throw err
            }
          },
        ),
        { numRuns: BATCHES, seed: SEED, endOnFailure: true },
      )
      assert.ok(mutants >= 1000)
      t.diagnostic(`drop and flag reasons: ${JSON.stringify(Object.fromEntries(reasons))}`)
      // The mutations reach the rules they are meant for.
      for (const reason of ['invalid_json', 'invalid_capture', 'implausible_counter']) {
        assert.ok((reasons.get(reason) ?? 0) > 0, `no capture was dropped as ${reason}`)
      }
    })

    it('requests broken as a whole: a 4xx and no write, or a 200 with everything accounted for', async () => {
      // Each case carries its own valid captures, so that what a refusal must not write is known.
      const cases: Array<{
        name: string
        refused: boolean
        valid: ReturnType<typeof pristine>
        send: () => Promise<Sent>
      }> = []
      const add = (name: string, refused: boolean, make: (text: string) => Promise<Sent>) => {
        const valid = pristine('request', cases.length)
        const text = JSON.stringify({ captures: valid.captures })
        cases.push({ name, refused, valid, send: () => make(text) })
      }
      const bytes = (text: string) => Buffer.from(text, 'utf8')
      const samples = fc.sample(fc.tuple(fc.nat(), fc.nat()), { numRuns: 6, seed: SEED })
      for (const [a, b] of samples) {
        add('invalid UTF-8 bytes', false, (t) => {
          const buf = bytes(t)
          const at = Math.min(buf.length - 2, 20 + (a % (buf.length - 40)))
          const bad = Buffer.concat([
            buf.subarray(0, at),
            Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0]),
            buf.subarray(at),
          ])
          // Inside a string the bytes decode to U+FFFD; elsewhere they break the JSON.
          return post(bad)
        })
        add('truncated envelope', true, (t) => post(t.slice(0, 1 + (b % (t.length - 1)))))
        add('truncated gzip', true, (t) => {
          const gz = gzipSync(t)
          return post(gz.subarray(0, 10 + (a % (gz.length - 10))), { 'content-encoding': 'gzip' })
        })
      }
      add('gzip header, plain body', true, (t) => post(t, { 'content-encoding': 'gzip' }))
      add('gzip body said to be deflate', true, (t) =>
        post(gzipSync(t), { 'content-encoding': 'deflate' }),
      )
      add('gzip body said to be br', true, (t) => post(gzipSync(t), { 'content-encoding': 'br' }))
      add('gzip magic, then junk', true, () =>
        post(Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(64, 0x41)]), {
          'content-encoding': 'gzip',
        }),
      )
      add('unknown encoding', true, (t) => post(t, { 'content-encoding': 'zstd' }))
      add('gzip twice, said once', true, (t) =>
        post(gzipSync(gzipSync(t)), { 'content-encoding': 'gzip' }),
      )
      add('NUL byte in the JSON text', true, (t) => post(`${t.slice(0, 5)}\u0000${t.slice(5)}`))
      add('__proto__ in an object body', true, (t) =>
        post(t.replace('{"url"', '{"__proto__":{"polluted":"yes"},"url"')),
      )
      add('constructor.prototype in an object body', true, (t) =>
        post(t.replace('{"url"', '{"constructor":{"prototype":{"polluted":"yes"}},"url"')),
      )
      add('object body nested 100 levels', true, (t) =>
        post(t.replace('{"url"', `{"x":${'['.repeat(100)}${']'.repeat(100)},"url"`)),
      )
      add('captures is not a list', true, () => post('{"captures":{"0":1}}'))
      add('501 captures', true, (t) => {
        const one = (JSON.parse(t) as { captures: unknown[] }).captures[0]
        return post(JSON.stringify({ captures: Array.from({ length: 501 }, () => one) }))
      })
      add('a JSON array', true, () => post('[1,2,3]'))
      add('empty body', true, () => post(''))
      add('text/plain', true, (t) => post(t, { 'content-type': 'text/plain' }))
      add('byte-order mark', false, (t) =>
        post(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes(t)])),
      )
      add('gzip bomb (70 MB of spaces)', true, () =>
        post(gzipSync(`{"captures":[],"x":"${' '.repeat(70 * 1024 * 1024)}"}`), {
          'content-encoding': 'gzip',
        }),
      )
      add('over 16 MiB on the wire', true, async (t) => {
        // In process: a server may answer 413 before it has read a body this big.
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/ingest',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          payload: `${t.slice(0, -2)},"pad":"${'x'.repeat(17 * 1024 * 1024)}"}`,
        })
        return { status: res.statusCode, body: res.json() as Sent['body'] }
      })
      add('valid, for contrast', false, (t) => post(t))

      let refusedCount = 0
      for (const c of cases) {
        const p = c.valid
        const before = await counts(database)
        const res = await c.send()
        assert.ok(res.status < 500, `${c.name}: ${res.status} ${JSON.stringify(res.body)}`)
        if (res.status >= 400) {
          refusedCount++
          assert.ok(res.body.error && res.body.error.message.length > 0, c.name)
          assert.deepEqual(await counts(database), before, `${c.name} wrote something`)
          assert.deepEqual(await present(database, p), {
            captures: 0,
            creator: false,
            video: false,
          })
        } else {
          assert.equal(c.refused, false, `${c.name} was accepted`)
          const s = res.body.data
          assert.ok(s, c.name)
          assert.equal((await counts(database)).captures, (before.captures ?? 0) + s.accepted)
          if (c.name === 'valid, for contrast') {
            assert.deepEqual(await present(database, p), {
              captures: 2,
              creator: true,
              video: true,
            })
          }
        }
        assertNotPolluted()
      }
      assert.ok(refusedCount >= cases.filter((c) => c.refused).length)
      const health = await fetch(`${base}/healthz`)
      assert.equal(health.status, 200)
    })
  })
}
