/**
 * Property-based hostile input over every read route and every MCP tool (issue #14): generated
 * values for every parameter — huge word lists, NUL, invalid UTF-8, exotic number forms, enum
 * junk — never make the server answer a 5xx or a tool fail unexpectedly, on both databases.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import fc from 'fast-check'
import {
  isJsonObject,
  type JsonObject,
  loadOpenApiDocument,
} from '../src/contract/openapi-document.js'
import { testDatabases } from './support/databases.js'
import { type SeededApi, seededApi } from './support/seeded-api.js'
import { seededMcpClient } from './support/seeded-mcp.js'

const doc = loadOpenApiDocument()
/** Runs per database: every operation gets about RUNS / operations cases. */
const RUNS = Number(process.env.TOKLYTICS_HOSTILE_RUNS ?? 400)

interface Param {
  name: string
  in: 'query' | 'path'
  schema: JsonObject
}

const operations: Array<{ id: string; path: string; params: Param[] }> = []
for (const [path, item] of Object.entries(isJsonObject(doc.paths) ? doc.paths : {})) {
  if (!isJsonObject(item) || !isJsonObject(item.get)) continue
  const get = item.get
  const params = (Array.isArray(get.parameters) ? get.parameters : []).flatMap((p) =>
    isJsonObject(p) && (p.in === 'query' || p.in === 'path') && typeof p.name === 'string'
      ? [{ name: p.name, in: p.in, schema: isJsonObject(p.schema) ? p.schema : {} } as Param]
      : [],
  )
  operations.push({ id: String(get.operationId), path, params })
}

/** Raw (already percent-encoded) query or path text: hostile forms of every kind. */
const words = fc
  .array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 600 })
  .map((w) => encodeURIComponent(w.join(' ')))
const exoticNumbers = fc.constantFrom(
  '0x10',
  '1e400',
  '-1e400',
  'Infinity',
  '-Infinity',
  'NaN',
  '1e3',
  '-0',
  '00012',
  '+5',
  ' 5',
  '5 ',
  '1.',
  '.5',
  '9'.repeat(400),
  '-1',
  '0',
  '2.5',
  '9007199254740993',
  '',
)
const invalidUtf8 = fc.constantFrom(
  '%FF',
  '%C3%28',
  '%E0%A4%A',
  '%',
  '%ZZ',
  '%00',
  'a%00b',
  '%ED%A0%80',
)
const anyText = fc.string({ unit: 'binary', maxLength: 300 }).map(encodeURIComponent)

function valueFor(p: Param): fc.Arbitrary<string> {
  const enumValues = Array.isArray(p.schema.enum) ? p.schema.enum.map(String) : []
  const typed =
    p.schema.type === 'integer' || p.schema.type === 'number'
      ? fc.oneof(exoticNumbers, fc.integer().map(String), fc.double().map(String))
      : p.schema.type === 'boolean'
        ? fc.constantFrom('true', 'false', 'TRUE', '1', 'yes', '')
        : anyText
  return fc.oneof(
    typed,
    words,
    invalidUtf8,
    ...(enumValues.length > 0 ? [fc.constantFrom(...enumValues.map(encodeURIComponent))] : []),
  )
}

/** One request to an operation: every path parameter, a random subset of query parameters. */
function requestFor(op: (typeof operations)[number]): fc.Arbitrary<string> {
  const pathParams = op.params.filter((p) => p.in === 'path')
  const queryParams = op.params.filter((p) => p.in === 'query')
  return fc
    .tuple(
      pathParams.length === 0 ? fc.constant<string[]>([]) : fc.tuple(...pathParams.map(valueFor)),
      queryParams.length === 0
        ? fc.constant<string[]>([])
        : fc.array(fc.oneof(...queryParams.map((p) => valueFor(p).map((v) => `${p.name}=${v}`))), {
            maxLength: queryParams.length + 2,
          }),
    )
    .map(([pathValues, query]) => {
      let path = op.path
      pathParams.forEach((p, i) => {
        path = path.replace(`{${p.name}}`, pathValues[i] === '' ? 'x' : (pathValues[i] ?? 'x'))
      })
      return `/api/v1${path}${query.length > 0 ? `?${query.join('&')}` : ''}`
    })
}

/** A JSON argument of any type, as an agent might send. */
const anyArgument = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  words.map(decodeURIComponent),
  fc.double(),
  fc.integer(),
  fc.constantFrom(Number.MAX_VALUE, -0, 1e300, null, true, '', '\u0000'),
  fc.array(fc.string(), { maxLength: 3 }),
)

for (const target of testDatabases()) {
  describe(`hostile properties on ${target.name}`, () => {
    let s: SeededApi
    let client: Client
    before(async () => {
      s = await seededApi(target)
      client = await seededMcpClient(s, 'hostile')
    })
    after(async () => {
      await client.close()
      await s.close()
      await target.cleanup()
    })

    it('no generated request to any read route is answered with a 5xx', async () => {
      const perOp = Math.max(5, Math.ceil(RUNS / operations.length))
      for (const op of operations) {
        await fc.assert(
          fc.asyncProperty(requestFor(op), async (url) => {
            const res = await s.app.inject({ method: 'GET', url })
            assert.ok(
              res.statusCode < 500,
              `${res.statusCode} for ${url}: ${res.body.slice(0, 200)}`,
            )
            if (res.statusCode >= 400) assert.ok(typeof res.json().error?.message === 'string', url)
          }),
          { numRuns: perOp },
        )
      }
    })

    it('no generated arguments make any MCP tool fail unexpectedly', async () => {
      const tools = (await client.listTools()).tools
      const perTool = Math.max(5, Math.ceil(RUNS / tools.length))
      for (const tool of tools) {
        const names = Object.keys((tool.inputSchema.properties ?? {}) as object)
        const args = fc.dictionary(fc.constantFrom(...names, 'unknown_arg'), anyArgument, {
          maxKeys: names.length + 1,
        })
        await fc.assert(
          fc.asyncProperty(args, async (a) => {
            let result: CallToolResult
            try {
              result = (await client.callTool({ name: tool.name, arguments: a })) as CallToolResult
            } catch (err) {
              // The SDK refuses arguments its input schema rejects: a clear protocol error.
              assert.match(
                String(err),
                /-32602|Input validation/,
                `${tool.name} ${JSON.stringify(a)}`,
              )
              return
            }
            const text = JSON.stringify(result.content)
            assert.doesNotMatch(text, /unexpected error/, `${tool.name} ${JSON.stringify(a)}`)
          }),
          { numRuns: perTool },
        )
      }
    })
  })
}
