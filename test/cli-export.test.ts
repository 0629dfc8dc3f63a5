/**
 * `toklytics export` end to end on every database, the real process over real-shaped captures:
 * each dataset's CSV and NDJSON read back equal the API's own JSON for the same entities
 * (GET of the lists and histories, matched by id), demo rows only when asked for, the byte order
 * mark, defused formulas, and the Zeeschuimer records imported into a fresh database giving the
 * same videos back.
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { parse } from 'csv-parse/sync'
import type { FastifyInstance } from 'fastify'
import { loadConfig } from '../src/config.js'
import { restored } from '../src/contract/csv-text.js'
import { type DatasetName, datasetColumns } from '../src/contract/dataset-columns.js'
import type { ExportColumn } from '../src/contract/export-columns.js'
import { loadOpenApiDocument } from '../src/contract/openapi-document.js'
import type { Database } from '../src/db/open.js'
import { ingestBatch } from '../src/ingest/pipeline.js'
import { createApp } from '../src/server/app.js'
import { objectAt } from './fixtures.js'
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
const DOC = loadOpenApiDocument()

const T_LIST1 = Date.parse('2026-11-02T08:00:00Z')
const T_LIST2 = Date.parse('2026-11-03T09:30:00Z')
const T_PROFILE = Date.parse('2026-11-04T12:00:00Z')
const T_PROFILE2 = Date.parse('2026-11-04T18:00:00Z')
const T_DEMO = Date.parse('2026-11-04T13:00:00Z')
const NOW = Date.parse('2026-11-05T00:00:00Z')

const V1 = '7400000000000000001'
const V2 = '7400000000000000002'
const V3 = '7400000000000000003'
/** A demo video by a demo creator: left out unless --include-demo. */
const V_DEMO = '7400000000000000008'
const DEMO_AUTHOR = { id: '901', username: 'demo.maker' }
const POSTED = 1_700_000_000

/** Text a spreadsheet would run: must arrive defused in CSV and whole in NDJSON. */
const FORMULA_DESC = '=HYPERLINK("http://x.test","click") #oven'
const FORMULA_NICKNAME = '+cmd|calc, "zg"'
/** A caption with a comma, a quote and a line break (RFC 4180 quoting). */
const TRICKY_DESC = 'line one, "two"\nline three #bread'

type Row = Record<string, unknown>

interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/**
 * One CSV text read back as the export's rules say: unquoted empty = null, `""` = empty text,
 * defused text restored, numbers and booleans by the column's kind, JSON cells parsed.
 */
function readCsv(text: string, columns: readonly ExportColumn[]): Row[] {
  const records = parse(text, {
    bom: true,
    relax_column_count: false,
    cast: (value, context) => (!context.quoting && value === '' ? null : value),
  }) as (string | null)[][]
  const [header, ...rows] = records
  assert.deepEqual(
    header,
    columns.map((c) => c.name),
  )
  return rows.map((cells) => {
    const row: Row = {}
    columns.forEach((c, i) => {
      const cell = cells[i] ?? null
      row[c.name] =
        cell === null
          ? null
          : c.kind === 'integer' || c.kind === 'number'
            ? Number(cell)
            : c.kind === 'boolean'
              ? cell === 'true'
                ? true
                : cell === 'false'
                  ? false
                  : `not a boolean: ${cell}`
              : c.kind === 'json'
                ? JSON.parse(cell)
                : restored(cell)
    })
    return row
  })
}

/** An API item flattened to the export's columns (the value under each column's path). */
function flattened(item: unknown, columns: readonly ExportColumn[]): Row {
  const row: Row = {}
  for (const c of columns) {
    let node: unknown = item
    for (const key of c.path) {
      node =
        node !== null && typeof node === 'object' && !Array.isArray(node)
          ? (node as Row)[key]
          : undefined
    }
    row[c.name] = node === undefined ? null : node
  }
  return row
}

const ndjson = (text: string): Row[] =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Row)

for (const target of testDatabases()) {
  describe(`toklytics export on ${target.name}`, () => {
    let database: Database
    let dbUrl = ''
    let app: FastifyInstance
    const outDir = mkdtempSync(join(tmpdir(), 'toklytics-export-'))

    const cli = async (url: string, ...args: string[]): Promise<CliResult> => {
      try {
        const { stdout, stderr } = await run(
          process.execPath,
          ['--import', 'tsx', CLI, '--db', url, ...args],
          { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, TOKLYTICS_DEMO: 'off' } },
        )
        return { code: 0, stdout, stderr }
      } catch (err) {
        const e = err as { code?: number; stdout?: string; stderr?: string }
        return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
      }
    }
    const exported = async (...args: string[]) => {
      const res = await cli(dbUrl, 'export', ...args)
      assert.equal(res.code, 0, res.stderr)
      return res
    }
    const get = async (a: FastifyInstance, url: string) => {
      const res = await a.inject({ method: 'GET', url: `/api/v1${url}` })
      assert.equal(res.statusCode, 200, res.body)
      return res.json() as { data: unknown }
    }

    before(async () => {
      database = await target.open()
      dbUrl = target.url()
      const ingest = (observedMs: number, url: string, body: unknown, isDemo = false) =>
        ingestBatch(
          { database, now: () => NOW },
          { contributor: 'test', isDemo, captures: [capture(url, observedMs, body)] },
        )
      const first = itemListBody(
        { id: V1, plays: 1000, likes: 100, comments: 10, shares: 5, saves: 3, postedAt: POSTED },
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
        { id: V3, plays: 3000, likes: 300, postedAt: POSTED, hashtags: ['oven'] },
      )
      const items = first.itemList as Row[]
      ;(items[1] as Row).desc = TRICKY_DESC
      ;(items[2] as Row).desc = FORMULA_DESC
      // V3 is sent with plays and likes only: its other counters are unknown.
      for (const block of ['stats', 'statsV2']) {
        const stats = (items[2] as Row)[block] as Row
        for (const key of ['commentCount', 'shareCount', 'collectCount', 'repostCount']) {
          delete stats[key]
        }
      }
      // creator.b comes without author stats: its counters stay unknown (null, never 0).
      delete (items[1] as Row).authorStats
      delete (items[1] as Row).authorStatsV2
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
          hashtags: ['sourdough', 'bread'],
        }),
      )
      for (const [at, followers] of [
        [T_PROFILE, 427_682],
        [T_PROFILE2, 428_001],
      ] as const) {
        const profile = userDetailBody({ followers })
        objectAt(profile, 'userInfo', 'user').nickname = FORMULA_NICKNAME
        await ingest(at, userUrl(), profile)
      }
      await ingest(
        T_DEMO,
        listUrl('demo'),
        itemListBody({
          id: V_DEMO,
          plays: 50,
          likes: 5,
          postedAt: POSTED,
          hashtags: ['demo'],
          author: DEMO_AUTHOR,
        }),
        true,
      )
      const config = loadConfig({ LOG_LEVEL: 'silent', TOKLYTICS_RATE_LIMIT: 'off' })
      app = await createApp({ config, database, now: () => NOW })
    })
    after(async () => {
      await app.close()
      await database.close()
      await target.cleanup()
      rmSync(outDir, { recursive: true, force: true })
    })

    /** The API's items of a list, by id, without the demo entities. */
    const apiItems = async (url: string, id: string): Promise<Map<string, Row>> => {
      const items = (await get(app, url)).data as Row[]
      return new Map(items.map((item) => [String(item[id]), item]))
    }
    const apiCreators = async () => {
      const all = await apiItems('/creators/search?limit=50', 'id')
      assert.ok(all.has(DEMO_AUTHOR.id), 'the API lists the demo creator (the export must not)')
      all.delete(DEMO_AUTHOR.id)
      return all
    }
    const apiVideos = async () => {
      const all = await apiItems('/videos/search?limit=50', 'video_id')
      assert.ok(all.has(V_DEMO))
      all.delete(V_DEMO)
      return all
    }

    /** Both formats of `dataset` equal `expected` (id → API row), row for row. */
    const assertExportEquals = async (
      dataset: DatasetName,
      idColumn: string,
      expected: Map<string, Row>,
    ) => {
      const columns = datasetColumns(DOC, dataset)
      const lines = ndjson((await exported(dataset, '--format', 'ndjson')).stdout)
      assert.deepEqual(
        lines.map((r) => String(r[idColumn])),
        [...expected.keys()].sort(),
        'every row once, in primary-key order',
      )
      for (const row of lines) assert.deepEqual(row, expected.get(String(row[idColumn])))
      const csv = readCsv((await exported(dataset)).stdout, columns)
      assert.equal(csv.length, expected.size)
      for (const row of csv) {
        assert.deepEqual(row, flattened(expected.get(String(row[idColumn])), columns))
      }
    }

    it('writes creators exactly as the API answers them', async () => {
      const expected = await apiCreators()
      assert.deepEqual([...expected.keys()].sort(), ['6799838955094836230', '900'])
      await assertExportEquals('creators', 'id', expected)
    })

    it('writes videos exactly as the API answers them', async () => {
      const expected = await apiVideos()
      assert.deepEqual([...expected.keys()].sort(), [V1, V2, V3])
      await assertExportEquals('videos', 'video_id', expected)
    })

    it('writes every creator snapshot, as the creator histories have them', async () => {
      const expected: Row[] = []
      for (const creator of (await apiCreators()).values()) {
        const history = (await get(app, `/creators/${creator.username}/history`)).data as Row
        for (const s of history.snapshots as Row[]) {
          expected.push({ creator_id: creator.id, username: creator.username, ...s })
        }
      }
      // zg.520's two profiles; counters inside video lists make no snapshot.
      assert.equal(expected.length, 2)
      const columns = datasetColumns(DOC, 'creator-snapshots')
      const byKey = (r: Row) => `${r.creator_id} ${r.observed_at}`
      const sorted = expected.sort((a, b) => (byKey(a) < byKey(b) ? -1 : 1))
      const lines = ndjson((await exported('creator-snapshots', '--format', 'ndjson')).stdout)
      assert.deepEqual(lines, sorted)
      const csv = readCsv((await exported('creator-snapshots')).stdout, columns)
      assert.deepEqual(
        csv,
        sorted.map((r) => flattened(r, columns)),
      )
    })

    it('writes every video snapshot, as the video histories have them', async () => {
      const expected: Row[] = []
      for (const id of [V1, V2, V3]) {
        const history = (await get(app, `/videos/${id}/history`)).data as Row
        for (const s of history.snapshots as Row[]) expected.push({ video_id: id, ...s })
      }
      // V1 was observed twice, V2 and V3 once each.
      assert.equal(expected.length, 4)
      const lines = ndjson((await exported('video-snapshots', '--format', 'ndjson')).stdout)
      assert.deepEqual(lines, expected)
      const columns = datasetColumns(DOC, 'video-snapshots')
      const csv = readCsv((await exported('video-snapshots')).stdout, columns)
      assert.deepEqual(
        csv,
        expected.map((r) => flattened(r, columns)),
      )
    })

    it('includes demo rows only with --include-demo', async () => {
      const ids = (text: string, key: string) => ndjson(text).map((r) => String(r[key]))
      const videos = await exported('videos', '--format', 'ndjson', '--include-demo')
      assert.deepEqual(ids(videos.stdout, 'video_id'), [V1, V2, V3, V_DEMO])
      const creators = await exported('creators', '--format', 'ndjson', '--include-demo')
      assert.ok(ids(creators.stdout, 'id').includes(DEMO_AUTHOR.id))
      const snaps = await exported('video-snapshots', '--format', 'ndjson', '--include-demo')
      assert.equal(ids(snaps.stdout, 'video_id').filter((id) => id === V_DEMO).length, 1)
    })

    it('starts with a byte order mark only with --bom, and defuses formulas', async () => {
      const plain = (await exported('videos')).stdout
      assert.equal(plain.startsWith('video_id,'), true)
      const withBom = (await exported('videos', '--bom')).stdout
      assert.equal(withBom.startsWith('\uFEFFvideo_id,'), true)
      assert.equal(withBom.slice(1), plain)
      // The caption arrives with one leading apostrophe, quoted for its quotes and comma.
      assert.ok(plain.includes(`"'=HYPERLINK(""http://x.test"",""click"") #oven"`))
      assert.ok(plain.includes('"line one, ""two""\nline three #bread"'))
      const creators = (await exported('creators')).stdout
      assert.ok(creators.includes(`"'+cmd|calc, ""zg"""`))
      // NDJSON keeps the text as it is.
      const json = ndjson((await exported('videos', '--format', 'ndjson')).stdout)
      assert.equal(json.find((r) => r.video_id === V3)?.description, FORMULA_DESC)
    })

    it('writes to --out and says how many rows on stderr', async () => {
      const file = join(outDir, 'videos.csv')
      const res = await exported('videos', '--out', file)
      assert.equal(res.stdout, '')
      assert.match(res.stderr, new RegExp(`^3 videos rows in \\d+\\.\\d s → ${file}\\n$`))
      assert.equal(readFileSync(file, 'utf8'), (await exported('videos')).stdout)
      // --progress draws the bar on stderr even when it is not a terminal (as here).
      const shown = await exported('videos', '--out', file, '--progress')
      assert.match(shown.stderr, /export videos \[.*\] 100% \| 3\/3/)
      assert.match(shown.stderr, /3 videos rows in \d+\.\d s/)
    })

    it('exports videos as Zeeschuimer records that import back as the same videos', async () => {
      const file = join(outDir, 'zeeschuimer.ndjson')
      await exported('videos', '--format', 'zeeschuimer', '--out', file)
      const records = ndjson(readFileSync(file, 'utf8'))
      const api = await apiVideos()
      assert.deepEqual(
        records.map((r) => r.item_id),
        [V1, V2, V3],
      )
      records.forEach((r, i) => {
        const video = api.get(String(r.item_id)) as Row
        // Zeeschuimer's record, key for key (test/support/zeeschuimer-export.ts).
        assert.deepEqual(Object.keys(r), [
          'id',
          'nav_index',
          'item_id',
          'timestamp_collected',
          'last_updated',
          'source_platform',
          'source_platform_url',
          'source_url',
          'user_agent',
          'data',
        ])
        assert.equal(r.id, i + 1)
        assert.equal(r.nav_index, '0:0:0')
        assert.equal(r.source_platform, 'tiktok.com')
        assert.equal(r.user_agent, 'Toklytics export')
        assert.equal(r.source_url, video.video_url)
        assert.equal(r.timestamp_collected, Date.parse(String(video.last_updated)))
      })
      // Unknown counters are left out, never 0: V3 was sent without comments, shares, saves.
      const v3 = records[2]?.data as Row
      assert.deepEqual(v3.stats, { diggCount: 300, playCount: 3000 })
      assert.deepEqual(v3.statsV2, { diggCount: '300', playCount: '3000' })
      // creator.b came without author stats: no authorStats block.
      assert.equal((records[1]?.data as Row | undefined)?.authorStats, undefined)

      const fresh = await target.open()
      const freshUrl = target.url()
      const imported = await cli(freshUrl, 'import', file)
      assert.equal(imported.code, 0, imported.stdout + imported.stderr)
      const config = loadConfig({ LOG_LEVEL: 'silent', TOKLYTICS_RATE_LIMIT: 'off' })
      const freshApp = await createApp({ config, database: fresh, now: () => NOW })
      try {
        const again = new Map(
          ((await get(freshApp, '/videos/search?limit=50')).data as Row[]).map((v) => [
            String(v.video_id),
            v,
          ]),
        )
        assert.deepEqual([...again.keys()].sort(), [V1, V2, V3])
        const kept = (v: Row) => ({
          video_id: v.video_id,
          description: v.description,
          plays: v.plays,
          likes: v.likes,
          comments: v.comments,
          shares: v.shares,
          saves: v.saves,
          duration: v.duration,
          hashtags: v.hashtags,
          music_id: v.music_id,
          music_title: v.music_title,
          posted_at: v.posted_at,
          is_pinned: v.is_pinned,
          content_type: v.content_type,
          video_url: v.video_url,
          last_updated: v.last_updated,
          counts_source: (v.provenance as Row).counts_source,
          creator: (v.creator as Row | null)?.username ?? null,
        })
        for (const [id, video] of api) assert.deepEqual(kept(again.get(id) as Row), kept(video))
      } finally {
        await freshApp.close()
        await fresh.close()
      }
    })

    it('refuses an unknown dataset or format, and zeeschuimer for other datasets', async () => {
      const cases: [string[], RegExp][] = [
        [['export', 'comments'], /unknown dataset "comments": one of creators, videos/],
        [['export', 'videos', '--format', 'xml'], /'xml' is invalid.*csv, ndjson, zeeschuimer/],
        [['export', 'creators', '--format', 'zeeschuimer'], /zeeschuimer.*only for videos/],
        [['export', 'videos', '--format', 'ndjson', '--bom'], /--bom applies to --format csv/],
      ]
      for (const [args, message] of cases) {
        const res = await cli(dbUrl, ...args)
        assert.notEqual(res.code, 0, args.join(' '))
        assert.equal(res.stdout, '')
        assert.match(res.stderr, message)
      }
    })
  })
}
