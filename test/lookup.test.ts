/**
 * Bulk lookup end to end on every database: `POST /videos/lookup` and `/creators/lookup` over
 * real-shaped captures, and `toklytics lookup` (the real process) over the data-donation samples
 * of test/fixtures/donation/. Every expected value is the one the test's captures carry.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../src/config.js'
import type { Database } from '../src/db/open.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { createApp } from '../src/server/app.js'
import { contractAnswers } from './support/contract-answers.js'
import { testDatabases } from './support/databases.js'
import {
  capture,
  itemListBody,
  listUrl,
  userDetailBody,
  userUrl,
} from './support/fixture-captures.js'

const run = promisify(execFile)
const CLI = new URL('../src/cli/main.ts', import.meta.url).pathname
const DONATIONS = new URL('./fixtures/donation/', import.meta.url).pathname

/** First video list: videos 1 and 3 by the fixture's author (zg.520), video 2 by creator.b. */
const T_LIST1 = Date.parse('2026-11-02T08:00:00Z')
/** Second list: video 1 again with higher counters. */
const T_LIST2 = Date.parse('2026-11-03T09:30:00Z')
/** zg.520's profile, observed last (so its counters are the profile's). */
const T_PROFILE = Date.parse('2026-11-04T12:00:00Z')
const NOW = Date.parse('2026-11-05T00:00:00Z')

const V1 = '7400000000000000001'
const V2 = '7400000000000000002'
const V3 = '7400000000000000003'
/** Never captured. */
const V9 = '7400000000000000009'
/** 1_700_000_000 s = 2023-11-14T22:13:20Z. */
const POSTED = 1_700_000_000

/** The fixture's author as user_detail.sample1.json has them (statsV2: exact figures). */
const ZG = {
  id: '6799838955094836230',
  username: 'zg.520',
  followers: 427_682,
  following: 176,
  likes: 6_764_096,
  video_count: 1605,
  observed_at: '2026-11-04T12:00:00Z',
  url: 'https://www.tiktok.com/@zg.520',
  // metrics.md §1.2: its profile (statsV2), sent by the one contributor 'test'.
  provenance: { observed_at: '2026-11-04T12:00:00Z', contributors: 1, counts_source: 'exact' },
}

/** Video 1 as the second list shows it. */
const V1_FOUND = {
  id: V1,
  username: 'zg.520',
  description: '#sourdough',
  posted_at: '2023-11-14T22:13:20Z',
  plays: 1500,
  likes: 150,
  comments: 15,
  shares: 6,
  saves: 4,
  observed_at: '2026-11-03T09:30:00Z',
  url: `https://www.tiktok.com/@zg.520/video/${V1}`,
  provenance: { observed_at: '2026-11-03T09:30:00Z', contributors: 1, counts_source: 'exact' },
}
const V2_FOUND = {
  id: V2,
  username: 'creator.b',
  description: '#bread',
  posted_at: '2023-11-14T22:13:20Z',
  plays: 2000,
  likes: 200,
  comments: 20,
  shares: 10,
  saves: 8,
  observed_at: '2026-11-02T08:00:00Z',
  url: `https://www.tiktok.com/@creator.b/video/${V2}`,
  provenance: { observed_at: '2026-11-02T08:00:00Z', contributors: 1, counts_source: 'exact' },
}
const V3_FOUND = {
  id: V3,
  username: 'zg.520',
  description: '#oven',
  posted_at: '2023-11-14T22:13:20Z',
  plays: 3000,
  likes: 300,
  comments: 30,
  shares: 3,
  saves: 1,
  observed_at: '2026-11-02T08:00:00Z',
  url: `https://www.tiktok.com/@zg.520/video/${V3}`,
  provenance: { observed_at: '2026-11-02T08:00:00Z', contributors: 1, counts_source: 'exact' },
}

interface Item {
  input: string
  status: string
  id?: string | null
  username?: string | null
  message?: string
  [k: string]: unknown
}

/** RFC 4180 rows of a CSV text (quoted fields with doubled quotes, CRLF line ends). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  return rows
}

for (const target of testDatabases()) {
  describe(`bulk lookup on ${target.name}`, () => {
    let database: Database
    let app: FastifyInstance
    const conforms = contractAnswers()
    const outDir = mkdtempSync(join(tmpdir(), 'toklytics-lookup-'))

    const lookup = async (path: '/videos/lookup' | '/creators/lookup', body: unknown) => {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1${path}`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      })
      const json = res.json() as { data: Item[]; error?: { code: string; message: string } }
      conforms('post', path, res.statusCode, json)
      return { status: res.statusCode, body: json, headers: res.headers }
    }

    const ingest = (observedMs: number, url: string, body: unknown) =>
      ingestBatch(
        { database, now: () => NOW },
        { contributor: 'test', captures: [capture(url, observedMs, body)] },
      )

    before(async () => {
      database = await target.open()
      const config = loadConfig({ LOG_LEVEL: 'silent', TOKLYTICS_RATE_LIMIT: 'off' })
      app = await createApp({ config, database, now: () => NOW })
      const first = itemListBody(
        {
          id: V1,
          plays: 1000,
          likes: 100,
          comments: 10,
          shares: 5,
          saves: 3,
          postedAt: POSTED,
          hashtags: ['sourdough'],
        },
        {
          id: V2,
          plays: 2000,
          likes: 200,
          comments: 20,
          shares: 10,
          saves: 8,
          postedAt: POSTED,
          hashtags: ['bread'],
          author: { id: '900', username: 'creator.b' },
        },
        {
          id: V3,
          plays: 3000,
          likes: 300,
          comments: 30,
          shares: 3,
          saves: 1,
          postedAt: POSTED,
          hashtags: ['oven'],
        },
      )
      // creator.b appears without author stats: nothing is known of its counters.
      const second = (first.itemList as Record<string, unknown>[])[1] as Record<string, unknown>
      delete second.authorStats
      delete second.authorStatsV2
      await ingest(T_LIST1, listUrl(), first)
      await ingest(
        T_LIST2,
        listUrl(),
        itemListBody({
          id: V1,
          plays: 1500,
          likes: 150,
          comments: 15,
          shares: 6,
          saves: 4,
          postedAt: POSTED,
          hashtags: ['sourdough'],
        }),
      )
      await ingest(T_PROFILE, userUrl(), userDetailBody({ followers: ZG.followers }))
    })
    after(async () => {
      await app.close()
      await database.close()
      await target.cleanup()
      rmSync(outDir, { recursive: true, force: true })
    })

    it('answers videos item by item, in input order, duplicates each time', async () => {
      const inputs = [
        V1,
        `https://www.tiktokv.com/share/video/${V2}/`,
        `https://m.tiktok.com/v/${V1}.html?u_code=abc`,
        `https://www.tiktok.com/@whoever/video/${V9}?lang=en`,
        'https://vm.tiktok.com/ZMabc123/',
        'not a link',
        V1,
        `https://www.tiktok.com/@zg.520/photo/${V3}`,
        `www.tiktok.com/@creator.b/video/${V2}/?is_from_webapp=1`,
        'https://www.youtube.com/watch?v=x',
      ]
      const res = await lookup('/videos/lookup', { items: inputs })
      assert.equal(res.status, 200)
      assert.equal(res.headers['cache-control']?.includes('max-age=') ?? false, false)
      const data = res.body.data
      assert.equal(data.length, inputs.length)
      assert.deepEqual(
        data.map((d) => d.input),
        inputs,
      )
      assert.deepEqual(data[0], { input: inputs[0], status: 'found', ...V1_FOUND })
      assert.deepEqual(data[1], { input: inputs[1], status: 'found', ...V2_FOUND })
      assert.deepEqual(data[2], { input: inputs[2], status: 'found', ...V1_FOUND })
      assert.equal(data[3]?.status, 'not_tracked')
      assert.equal(data[3]?.id, V9)
      assert.equal(data[3]?.plays, undefined)
      assert.equal(data[4]?.status, 'unresolvable')
      assert.equal(data[4]?.id, null)
      assert.match(data[4]?.message ?? '', /short link.*resolve/)
      assert.equal(data[5]?.status, 'invalid')
      assert.equal(data[5]?.id, null)
      assert.match(data[5]?.message ?? '', /"not a link"/)
      assert.deepEqual(data[6], { input: inputs[6], status: 'found', ...V1_FOUND })
      assert.deepEqual(data[7], { input: inputs[7], status: 'found', ...V3_FOUND })
      assert.deepEqual(data[8], { input: inputs[8], status: 'found', ...V2_FOUND })
      assert.equal(data[9]?.status, 'invalid')
    })

    it('answers creators with their latest profile counters, null where never observed', async () => {
      const inputs = [
        '@ZG.520',
        'https://www.tiktok.com/@creator.b?lang=en',
        'nobody_here',
        'https://vm.tiktok.com/ZMabc123/',
        'two words',
        `https://www.tiktok.com/@zg.520/video/${V1}`,
      ]
      const res = await lookup('/creators/lookup', { items: inputs })
      assert.equal(res.status, 200)
      const data = res.body.data
      assert.deepEqual(data[0], { input: inputs[0], status: 'found', ...ZG })
      // Seen only inside a video list without author stats: identity known, counters not.
      assert.deepEqual(data[1], {
        input: inputs[1],
        status: 'found',
        id: '900',
        username: 'creator.b',
        followers: null,
        following: null,
        likes: null,
        video_count: null,
        observed_at: null,
        url: 'https://www.tiktok.com/@creator.b',
        provenance: { observed_at: null, contributors: 1, counts_source: null },
      })
      assert.equal(data[2]?.status, 'not_tracked')
      assert.equal(data[2]?.username, 'nobody_here')
      assert.equal(data[3]?.status, 'unresolvable')
      assert.equal(data[4]?.status, 'invalid')
      assert.equal(data[4]?.username, null)
      assert.deepEqual(data[5], { input: inputs[5], status: 'found', ...ZG })
    })

    it('takes 1,000 items and refuses more, naming the field', async () => {
      const thousand = Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? V1 : `9${i}`))
      const ok = await lookup('/videos/lookup', { items: thousand })
      assert.equal(ok.status, 200)
      assert.equal(ok.body.data.length, 1000)
      assert.equal(ok.body.data[998]?.status, 'found')
      assert.equal(ok.body.data[999]?.status, 'not_tracked')
      for (const path of ['/videos/lookup', '/creators/lookup'] as const) {
        const tooMany = await lookup(path, { items: [...thousand, V1] })
        assert.equal(tooMany.status, 400)
        assert.match(tooMany.body.error?.message ?? '', /'items'.*1000/)
      }
      const empty = await lookup('/videos/lookup', { items: [] })
      assert.deepEqual(empty.body.data, [])
    })

    it('refuses a body without items, or with items that are not strings', async () => {
      const cases: [unknown, RegExp][] = [
        [{}, /'items'/],
        [{ list: [V1] }, /'items'/],
        [{ items: [V1, 7400] }, /'items\.1'.*string/],
        [{ items: [V1, null] }, /'items\.1'.*string/],
        [{ items: [{ id: V1 }] }, /'items\.0'.*string/],
        [{ items: V1 }, /'items'.*array/],
        [{ items: ['x'.repeat(501)] }, /'items\.0'/],
        [{ items: [''] }, /'items\.0'/],
        [[V1], /body/i],
      ]
      for (const path of ['/videos/lookup', '/creators/lookup'] as const) {
        for (const [body, message] of cases) {
          const res = await lookup(path, body)
          assert.equal(res.status, 400, `${path} ${JSON.stringify(body).slice(0, 60)}`)
          assert.equal(res.body.error?.code, 'invalid_request')
          assert.match(res.body.error?.message ?? '', message)
        }
      }
      const garbage = await app.inject({
        method: 'POST',
        url: '/api/v1/videos/lookup',
        headers: { 'content-type': 'application/json' },
        payload: '{"items": [',
      })
      assert.equal(garbage.statusCode, 400)
    })

    const toklytics = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', CLI, '--db', target.url(), ...args], {
        env: { ...process.env, LOG_LEVEL: 'silent' },
        timeout: 120_000,
      })
    /** The counter cells of a found video, as the CSV writes them. */
    const cells = (v: typeof V1_FOUND) => [
      v.id,
      'found',
      String(v.plays),
      String(v.likes),
      String(v.comments),
      String(v.shares),
      String(v.saves),
      v.observed_at,
      v.username,
    ]
    const notTracked = (id: string) => [id, 'not_tracked', '', '', '', '', '', '', '']
    const HEADER = [
      'list',
      'date',
      'date_iso',
      'link',
      'video_id',
      'status',
      'plays',
      'likes',
      'comments',
      'shares',
      'saves',
      'observed_at',
      'creator',
    ]
    const share = (id: string) => `https://www.tiktokv.com/share/video/${id}/`

    it('toklytics lookup: the 2022 "Activity" export, into a file', async () => {
      const out = join(outDir, '2022.csv')
      const { stdout, stderr } = await toklytics(
        'lookup',
        join(DONATIONS, 'user_data.2022-activity.json'),
        '--out',
        out,
      )
      assert.equal(stdout, '')
      assert.match(stderr, /6 links: 5 found, 1 not tracked/)
      const text = readFileSync(out, 'utf8')
      assert.ok(text.endsWith('\r\n'))
      assert.deepEqual(parseCsv(text), [
        HEADER,
        ['watch', '2022-04-20 23:17:46', '2022-04-20T23:17:46', share(V1), ...cells(V1_FOUND)],
        ['watch', '2022-04-20 16:35:40', '2022-04-20T16:35:40', share(V3), ...cells(V3_FOUND)],
        ['watch', '2022-04-20 16:35:29', '2022-04-20T16:35:29', share(V1), ...cells(V1_FOUND)],
        ['likes', '2022-04-19 21:40:03', '2022-04-19T21:40:03', share(V2), ...cells(V2_FOUND)],
        ['likes', '2022-04-19 21:38:57', '2022-04-19T21:38:57', share(V9), ...notTracked(V9)],
        ['favorites', '2022-04-18 09:02:11', '2022-04-18T09:02:11', share(V1), ...cells(V1_FOUND)],
      ])
    })

    it('toklytics lookup: the 2024 "Your Activity" export (lower-case like list), to stdout', async () => {
      const { stdout, stderr } = await toklytics(
        'lookup',
        join(DONATIONS, 'user_data_tiktok.2024-your-activity.json'),
      )
      assert.match(stderr, /5 links: 3 found, 2 not tracked/)
      assert.deepEqual(parseCsv(stdout), [
        HEADER,
        ['watch', '2024-08-22 19:04:12', '2024-08-22T19:04:12', share(V3), ...cells(V3_FOUND)],
        [
          'watch',
          '2024-08-22 19:03:30',
          '2024-08-22T19:03:30',
          share('7400000000000000008'),
          ...notTracked('7400000000000000008'),
        ],
        ['likes', '2024-08-21 08:01:55', '2024-08-21T08:01:55', share(V1), ...cells(V1_FOUND)],
        ['favorites', '2024-08-20 13:22:36', '2024-08-20T13:22:36', share(V2), ...cells(V2_FOUND)],
        [
          'favorites',
          '2024-07-30 20:22:29',
          '2024-07-30T20:22:29',
          share('7400000000000000004'),
          ...notTracked('7400000000000000004'),
        ],
      ])
    })

    it('toklytics lookup: the 2025 "Likes and Favorites" export, spreadsheet-safe', async () => {
      const file = join(DONATIONS, 'user_data_tiktok.2025-likes-and-favorites.json')
      const all = await toklytics('lookup', file)
      assert.match(all.stderr, /5 links: 2 found, 2 not tracked, 1 not a video link/)
      // The formula is written as text: apostrophe first, quotes doubled inside a quoted field.
      assert.ok(
        all.stdout.includes(
          `watch,2025-01-18 23:58:01,2025-01-18T23:58:01,"'=HYPERLINK(""https://example.com"")",,invalid,,,,,,,\r\n`,
        ),
      )
      const rows = parseCsv(all.stdout)
      assert.deepEqual(rows[1], [
        'watch',
        '2025-01-18 23:59:59',
        '2025-01-18T23:59:59',
        share(V1),
        ...cells(V1_FOUND),
      ])
      assert.deepEqual(rows[5], [
        'favorites',
        '2025-01-17 22:10:05',
        '2025-01-17T22:10:05',
        'https://www.tiktok.com/@creator.a/video/7400000000000000004',
        ...notTracked('7400000000000000004'),
      ])
      const likes = await toklytics('lookup', file, '--list', 'likes')
      assert.match(likes.stderr, /2 links: 1 found, 1 not tracked/)
      assert.deepEqual(parseCsv(likes.stdout), [
        HEADER,
        ['likes', '2025-01-18 07:45:00', '2025-01-18T07:45:00', share(V2), ...cells(V2_FOUND)],
        ['likes', '2025-01-18 07:44:12', '2025-01-18T07:44:12', share(V9), ...notTracked(V9)],
      ])
    })

    it('toklytics lookup: refuses a file that is not an export', async () => {
      const res = await toklytics('lookup', join(DONATIONS, 'README.md')).catch(
        (err: { code: number; stderr: string }) => err,
      )
      assert.ok('code' in res && res.code === 1)
      assert.match(res.stderr, /is not JSON/)
      const other = await toklytics(
        'lookup',
        new URL('./fixtures/tiktok/user_detail.sample1.json', import.meta.url).pathname,
      ).catch((err: { code: number; stderr: string }) => err)
      assert.ok('code' in other && other.code === 1)
      assert.match(other.stderr, /not a TikTok data export/)
    })
  })
}
