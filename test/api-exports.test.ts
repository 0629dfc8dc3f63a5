/**
 * Exports of every list the API serves, on every database: for each operation the contract marks
 * exportable (`x-toklytics-export`), the NDJSON download re-read equals the JSON answer's rows
 * (every page of them) and the CSV download re-read with an independent parser (csv-parse)
 * equals them cell by cell. Also the Accept negotiation, the BOM, formula defusing and errors.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { parse } from 'csv-parse/sync'
import { createApiKey } from '../src/admin/api-keys.js'
import { loadOpenApiDocument } from '../src/contract/openapi-document.js'
import { testDatabases } from './support/databases.js'
import { API_NOW, type SeededApi, seededApi } from './support/seeded-api.js'

interface Cell {
  value: string
  quoted: boolean
}

/** RFC 4180 records, each field with whether it was quoted (null and "" differ only by that). */
function readCsv(text: string): Cell[][] {
  return parse(text, {
    bom: true,
    cast: (value, context) => ({ value, quoted: context.quoting }),
  }) as unknown as Cell[][]
}

/** Text as it was before the writer defused it: one leading apostrophe before a formula start. */
function undefused(text: string): string {
  return /^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text
}

/** The value at a dotted column name in a JSON row (absent → null). */
function at(row: unknown, name: string): unknown {
  let node = row
  for (const key of name.split('.')) {
    if (node === null || typeof node !== 'object') return null
    node = (node as Record<string, unknown>)[key]
  }
  return node === undefined ? null : node
}

/** Every leaf path of a JSON row, stopping at lists and at `stops` (columns holding JSON). */
function leaves(row: unknown, stops: ReadonlySet<string>, prefix = ''): string[] {
  if (row === null || typeof row !== 'object' || Array.isArray(row) || stops.has(prefix)) {
    return [prefix]
  }
  const entries = Object.entries(row as Record<string, unknown>)
  if (entries.length === 0) return [prefix]
  return entries.flatMap(([k, v]) => leaves(v, stops, prefix === '' ? k : `${prefix}.${k}`))
}

/** Asserts that one CSV record holds exactly the JSON row. */
function assertCsvRow(header: string[], record: Cell[], row: unknown, where: string): void {
  assert.equal(record.length, header.length, `${where}: field count`)
  const jsonColumns = new Set<string>()
  header.forEach((name, i) => {
    const cell = record[i] as Cell
    const want = at(row, name)
    const what = `${where} column ${name}`
    if (want === null) {
      // Unknown is an empty, unquoted field; an object of nulls reads the same (documented).
      assert.equal(cell.value, '', `${what}: ${JSON.stringify(cell)} for null`)
      assert.equal(cell.quoted, false, `${what}: null must not be quoted`)
    } else if (typeof want === 'object') {
      jsonColumns.add(name)
      assert.deepEqual(JSON.parse(cell.value), want, what)
    } else if (typeof want === 'number') {
      assert.equal(Number(cell.value), want, what)
    } else if (typeof want === 'boolean') {
      assert.equal(cell.value, String(want), what)
    } else {
      assert.equal(undefused(cell.value), want, what)
      if (want === '') assert.equal(cell.quoted, true, `${what}: empty text is ""`)
    }
  })
  // Nothing of the row is left out: every leaf is a column or inside a JSON column.
  const columns = new Set(header)
  for (const leaf of leaves(row, jsonColumns)) {
    if (columns.has(leaf) || jsonColumns.has(leaf)) continue
    const value = at(row, leaf)
    assert.ok(
      [...columns].some((c) => c.startsWith(`${leaf}.`)) && (value === null || isEmpty(value)),
      `${where}: ${leaf} (${JSON.stringify(value)}) has no column`,
    )
  }
}

const isEmpty = (v: unknown) => typeof v === 'object' && v !== null && Object.keys(v).length === 0

const EXPORT_DOCS = readFileSync(new URL('../docs/exports.md', import.meta.url), 'utf8')

/** The column names docs/exports.md lists for an operation's list, in order. */
function documentedColumns(path: string, table: string, several: boolean): string[] {
  const section = EXPORT_DOCS.split(`\n## GET /api/v1${path}\n`)[1]?.split('\n## ')[0] ?? ''
  const part = several
    ? (section.split(`### \`${table}\`\n`)[1]?.split('\n### ')[0] ?? '')
    : section
  return [...part.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1] as string)
}

interface Exportable {
  operationId: string
  /** The URL path below /api/v1 with the case's path parameters. */
  path: string
  tables: { name: string; path: string; group?: string }[]
  paged: boolean
}

/** The operations the contract says can be exported (the test's own reading of it). */
function exportables(): Exportable[] {
  const doc = loadOpenApiDocument() as {
    paths: Record<string, Record<string, Record<string, unknown>>>
  }
  const out: Exportable[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const x = op['x-toklytics-export'] as Exportable['tables'] extends infer T
        ? { tables: T }
        : never
      if (method !== 'get' || x === undefined) continue
      out.push({ operationId: String(op.operationId), path, tables: x.tables, paged: false })
    }
  }
  return out
}

/** The rows of one list in a JSON answer's `data` (a `*` step takes each property in turn). */
function rowsOf(data: unknown, path: string, group?: string): unknown[] {
  const steps = path === '' ? [] : path.split('.')
  const walk = (node: unknown, i: number, tier: string | null): unknown[] => {
    if (i === steps.length) {
      const list = Array.isArray(node) ? node : []
      return group === undefined ? list : list.map((r) => ({ ...r, [group]: tier }))
    }
    if (node === null || typeof node !== 'object') return []
    const record = node as Record<string, unknown>
    return steps[i] === '*'
      ? Object.entries(record).flatMap(([k, v]) => walk(v, i + 1, k))
      : walk(record[steps[i] as string], i + 1, tier)
  }
  return walk(data, 0, null)
}

for (const target of testDatabases()) {
  describe(`API exports on ${target.name}`, () => {
    let api: SeededApi
    let key = ''
    const params: Record<string, string> = {}

    const get = async (url: string, headers: Record<string, string> = {}) => {
      const res = await api.app.inject({
        method: 'GET',
        url: `/api/v1${url}`,
        headers: { 'x-toklytics-key': key, ...headers },
      })
      return res
    }
    const json = async (url: string) => {
      const res = await get(url)
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`)
      return res.json() as { data: unknown; pagination?: { has_more: boolean; limit: number } }
    }

    /** Every row of a list through the JSON API: all pages at the default page size. */
    const allRows = async (url: string, table: Exportable['tables'][number]) => {
      const first = await json(url)
      if (first.pagination === undefined) return rowsOf(first.data, table.path, table.group)
      const rows: unknown[] = []
      const sep = url.includes('?') ? '&' : '?'
      for (let page = 1; ; page++) {
        const answer = await json(`${url}${sep}page=${page}`)
        rows.push(...rowsOf(answer.data, table.path, table.group))
        if (answer.pagination?.has_more !== true) return rows
      }
    }

    before(async () => {
      api = await seededApi(target)
      key = (await createApiKey(api.database.db, { name: 'exports', tier: 'pro', now: API_NOW }))
        .key
      const creators = (await json('/creators/search?limit=5')).data as { username: string }[]
      const videos = (await json('/videos/search?limit=1')).data as { video_id: string }[]
      const tags = (await json('/hashtags/search?limit=1')).data as { name: string }[]
      const sounds = (await json('/sounds/search?limit=1')).data as { id: string }[]
      params.username = creators[0]?.username ?? ''
      params.usernames = creators
        .slice(0, 3)
        .map((c) => c.username)
        .join(',')
      params.videoId = videos[0]?.video_id ?? ''
      params.tag = tags[0]?.name ?? ''
      params.musicId = sounds[0]?.id ?? ''
      // A watchlist with an item, a rule and an alert history (empty) for the owner's lists.
      const res = await api.app.inject({
        method: 'POST',
        url: '/api/v1/watchlists',
        headers: { 'x-toklytics-key': key, 'content-type': 'application/json' },
        payload: JSON.stringify({
          name: 'Exports',
          items: [{ kind: 'creator', ref: `@${params.username}` }],
        }),
      })
      assert.equal(res.statusCode, 201, res.body)
      params.id = (res.json() as { data: { id: string } }).data.id
    })
    after(async () => {
      await api.close()
      await target.cleanup()
    })

    /** Query strings that make each operation answer something (required parameters). */
    const QUERIES: Record<string, string> = {
      getTikTokNicheBenchmarks: 'niche=GymTok&min_followers=1000',
      planTikTokInfluencerCampaign: 'budget=200000&niche=beauty&min_engagement_rate=0',
      compareTikTokCreators: 'usernames={usernames}',
      searchTikTokCreators: 'q=fitness',
    }

    it('covers every exportable operation with an equal NDJSON and CSV of every list', async () => {
      const ops = exportables()
      assert.ok(ops.length >= 25, `${ops.length} exportable operations`)
      let compared = 0
      for (const op of ops) {
        // The webhook lists need a webhook; its own suite covers those routes.
        if (op.operationId === 'listWebhookDeliveries') continue
        const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
          encodeURIComponent(params[name === 'id' ? 'id' : name] ?? ''),
        )
        const query = (QUERIES[op.operationId] ?? '').replace(
          /\{(\w+)\}/g,
          (_, n: string) => params[n] ?? '',
        )
        for (const table of op.tables) {
          const base = query === '' ? path : `${path}?${query}`
          const expected = await allRows(base, table)
          const sep = base.includes('?') ? '&' : '?'
          const tableParam = op.tables.length > 1 ? `&table=${table.name}` : ''
          const where = `${op.operationId} ${table.name}`

          const nd = await get(`${base}${sep}format=ndjson${tableParam}`)
          assert.equal(nd.statusCode, 200, `${where}: ${nd.body.slice(0, 300)}`)
          assert.match(String(nd.headers['content-type']), /^application\/x-ndjson/)
          const lines = nd.body === '' ? [] : nd.body.replace(/\n$/, '').split('\n')
          assert.deepEqual(
            lines.map((l) => JSON.parse(l)),
            expected,
            `${where}: NDJSON equals the JSON rows`,
          )

          const csv = await get(`${base}${sep}format=csv${tableParam}`)
          assert.equal(csv.statusCode, 200, `${where}: ${csv.body.slice(0, 300)}`)
          assert.match(String(csv.headers['content-type']), /^text\/csv/)
          assert.match(
            String(csv.headers['content-disposition']),
            /^attachment; filename=".+\.csv"$/,
          )
          const [header, ...records] = readCsv(csv.body)
          assert.ok(header !== undefined, `${where}: a header line`)
          assert.equal(records.length, expected.length, `${where}: row count`)
          const names = header.map((c) => c.value)
          assert.deepEqual(
            names,
            documentedColumns(op.path, table.name, op.tables.length > 1),
            `${where}: the columns docs/exports.md lists`,
          )
          records.forEach((r, i) => {
            assertCsvRow(names, r, expected[i], `${where} row ${i}`)
          })
          if (table.group !== undefined) {
            // The group column holds where each row came from (the planner's budget tier), never
            // a field of the row itself.
            const at = names.indexOf(table.group)
            assert.equal(names.lastIndexOf(table.group), at, `${where}: one ${table.group} column`)
            const groups = new Set(records.map((r) => r[at]?.value))
            assert.ok(expected.length > 0, `${where}: the case has rows`)
            for (const g of groups)
              assert.ok(['macro', 'mid', 'micro'].includes(String(g)), String(g))
          }
          compared += expected.length
        }
      }
      assert.ok(compared > 200, `${compared} rows compared`)
    })

    it('walks every page of a paged list: the export holds the whole search', async () => {
      const total = (await json('/videos/search?limit=1')) as { pagination?: { total: number } }
      const res = await get('/videos/search?format=ndjson')
      const ids = res.body
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { video_id: string }).video_id)
      assert.equal(ids.length, total.pagination?.total)
      assert.equal(new Set(ids).size, ids.length, 'no row twice')
      assert.ok(ids.length > 500, `more than one export page (${ids.length})`)
    })

    it('answers the Accept header, and ?format= over it; JSON stays the default', async () => {
      const csv = await get('/hashtags/search?q=a', { accept: 'text/csv' })
      assert.match(String(csv.headers['content-type']), /^text\/csv/)
      const nd = await get('/hashtags/search?q=a', { accept: 'application/x-ndjson' })
      assert.match(String(nd.headers['content-type']), /^application\/x-ndjson/)
      const both = await get('/hashtags/search?q=a&format=ndjson', { accept: 'text/csv' })
      assert.match(String(both.headers['content-type']), /^application\/x-ndjson/)
      const plain = await get('/hashtags/search?q=a', { accept: 'text/html,*/*;q=0.8' })
      assert.match(String(plain.headers['content-type']), /^application\/json/)
      assert.match(String(plain.headers.vary), /Accept/)
      // The JSON answer kept by the response cache is not what a CSV request gets.
      const again = await get('/hashtags/search?q=a', { accept: 'text/csv' })
      assert.match(String(again.headers['content-type']), /^text\/csv/)
    })

    it('starts with a byte order mark when asked, and defuses formula-looking text', async () => {
      const res = await get('/creators/search?format=csv&bom=true')
      assert.ok(res.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])))
      const plain = await get('/creators/search?format=csv')
      assert.ok(plain.body.startsWith('username,'), plain.body.slice(0, 40))
    })

    it('names what is wrong with format, bom or table, in the Error format', async () => {
      for (const [url, param] of [
        ['/creators/search?format=xml', 'format'],
        ['/creators/search?format=csv&bom=yes', 'bom'],
        [`/creators/${params.username}/history?format=csv&table=nope`, 'table'],
      ] as const) {
        const res = await get(url)
        assert.equal(res.statusCode, 400, url)
        const body = res.json() as { error: { code: string; message: string } }
        assert.equal(body.error.code, 'invalid_request')
        assert.match(body.error.message, new RegExp(`'${param}'`))
      }
      const missing = await get('/creators/nobody-here-123/videos?format=csv')
      assert.equal(missing.statusCode, 404)
      assert.match(String(missing.headers['content-type']), /^application\/json/)
    })
  })
}
