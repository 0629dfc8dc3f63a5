/**
 * The download stream over real HTTP: pages are read one at a time as the client takes them,
 * and a failure after the first page cuts the transfer short (no clean end), so a cut file is
 * never mistaken for a whole one. The pages come from a stand-in list that fails on demand.
 */
import assert from 'node:assert/strict'
import { get } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import Fastify, { type FastifyInstance } from 'fastify'
import type { ExportSpec } from '../src/contract/export-tables.js'
import { isJsonObject, loadOpenApiDocument } from '../src/contract/openapi-document.js'
import { EXPORT_MAX_ROWS, exportChoice, sendExport } from '../src/server/export-stream.js'

const SPEC: ExportSpec = {
  operationId: 'standIn',
  paged: true,
  tables: [
    {
      name: 'rows',
      path: [],
      group: null,
      columns: [{ name: 'n', path: ['n'], kind: 'integer', description: null }],
    },
  ],
}

/** Three pages of two rows; `failOn` makes that page throw as a lost database would. */
function pages(failOn: number | null, asked: number[]) {
  return async (page: number) => {
    asked.push(page)
    if (page === failOn) throw new Error('the database went away')
    return {
      data: [{ n: page * 10 + 1 }, { n: page * 10 + 2 }],
      pagination: { has_more: page < 3, total: 6 },
    }
  }
}

/** GET over a real socket: status, body so far, and whether it ended cleanly. */
function fetchRaw(url: string): Promise<{ status: number; body: string; clean: boolean }> {
  return new Promise((resolve) => {
    get(url, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, clean: res.complete }))
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body, clean: false }))
      res.on('aborted', () => resolve({ status: res.statusCode ?? 0, body, clean: false }))
    })
  })
}

describe('export stream', () => {
  let app: FastifyInstance
  let base = ''
  const asked: number[] = []
  let failOn: number | null = null

  before(async () => {
    app = Fastify({ logger: false })
    app.get('/list', async (req, reply) => {
      const choice = exportChoice(req, SPEC)
      assert.ok(choice !== null)
      const query = req.query as { page?: number }
      const next = pages(failOn, asked)
      return sendExport(req, reply, SPEC, choice, () => next(Number(query.page ?? 1)))
    })
    // The same list under a row limit given per route (the API's is EXPORT_MAX_ROWS).
    app.get('/limited/:max', async (req, reply) => {
      const choice = exportChoice(req, SPEC)
      assert.ok(choice !== null)
      const query = req.query as { page?: number }
      const next = pages(failOn, asked)
      const max = Number((req.params as { max: string }).max)
      return sendExport(req, reply, SPEC, choice, () => next(Number(query.page ?? 1)), max)
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  })
  after(() => app.close())

  it('writes every page of the list, each read once, and ends cleanly', async () => {
    asked.length = 0
    failOn = null
    const res = await fetchRaw(`${base}/list?format=csv`)
    assert.equal(res.status, 200)
    assert.equal(res.body, 'n\r\n11\r\n12\r\n21\r\n22\r\n31\r\n32\r\n')
    assert.equal(res.clean, true)
    assert.deepEqual(asked, [1, 2, 3])
  })

  it('cuts the transfer short when a later page fails', async () => {
    asked.length = 0
    failOn = 2
    const res = await fetchRaw(`${base}/list?format=ndjson`)
    assert.equal(res.status, 200)
    assert.equal(res.clean, false, 'the client sees an incomplete transfer')
    assert.ok(!res.body.includes('"n":21'), res.body)
  })

  it('refuses a list longer than the row limit before sending anything, naming both', async () => {
    asked.length = 0
    failOn = null
    const res = await fetchRaw(`${base}/limited/5?format=csv`)
    assert.equal(res.status, 400)
    assert.match(res.body, /This list has 6 rows; a download holds at most 5\./)
    assert.match(res.body, /toklytics export/)
    assert.deepEqual(asked, [1], 'only the first page was read')
    const whole = await fetchRaw(`${base}/limited/6?format=csv`)
    assert.equal(whole.status, 200)
    assert.equal(whole.body.split('\r\n').length - 2, 6, 'a list of exactly the limit is whole')
  })

  it('states the API’s row limit in the contract as the server applies it', () => {
    const info = loadOpenApiDocument().info
    const rules = isJsonObject(info) ? String(info['x-toklytics-exports']) : ''
    assert.match(rules, new RegExp(`more than ${EXPORT_MAX_ROWS.toLocaleString('en-US')} rows`))
  })

  it('answers a failing first page as an ordinary error, before anything is sent', async () => {
    asked.length = 0
    failOn = 1
    const res = await fetchRaw(`${base}/list?format=csv`)
    assert.equal(res.status, 500)
    assert.equal(res.clean, true)
  })
})
