/**
 * A list operation's answer as a streamed CSV or NDJSON download (`?format=`, or `Accept`):
 * every page of the list, one page in memory at a time, in the contract's columns. Which lists
 * an operation has comes from its `x-toklytics-export` in the contract.
 */
import { Readable } from 'node:stream'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Negotiator from 'negotiator'
import { type ExportColumn, exportColumns, resolveSchema } from '../contract/export-columns.js'
import {
  csvHeaderLine,
  csvLine,
  EXPORT_MEDIA_TYPES,
  type ExportFormat,
  ndjsonLine,
} from '../contract/export-lines.js'
import { isJsonObject, type Json, type JsonObject } from '../contract/openapi-document.js'
import { ApiError } from '../operations/api-error.js'

/** Rows per page while walking a paged list: bounded memory, few queries. */
export const EXPORT_PAGE_ROWS = 500

/** One list of an operation: where its rows are in `data`, and their columns. */
export interface ExportTable {
  name: string
  /** Property names from `data` down to the rows; `*` takes every property's value in turn. */
  path: readonly string[]
  /** For a `*` path: the column that names which property a row came from (the planner's tier). */
  group: string | null
  columns: ExportColumn[]
}

export interface ExportSpec {
  operationId: string
  tables: ExportTable[]
  /** A paged list (its answer has `pagination`): the export walks every page. */
  paged: boolean
}

const asJson = (v: unknown): Json | undefined => v as Json | undefined

/** The schema of `data` in the operation's 200 JSON answer. */
function dataSchema(doc: JsonObject, definition: JsonObject): JsonObject {
  const responses = isJsonObject(definition.responses) ? definition.responses : {}
  const ok = isJsonObject(responses['200']) ? responses['200'] : {}
  const content = isJsonObject(ok.content) ? ok.content : {}
  const json = isJsonObject(content['application/json']) ? content['application/json'] : {}
  const body = resolveSchema(doc, json.schema)
  const properties = isJsonObject(body.properties) ? body.properties : {}
  return { ...resolveSchema(doc, properties.data), paged: isJsonObject(properties.pagination) }
}

/** The schema of one row at `path` below `schema` (an array's items, through objects and maps). */
function rowSchema(doc: JsonObject, schema: JsonObject, path: readonly string[]): Json {
  let node: JsonObject = schema
  for (const key of path) {
    const properties = isJsonObject(node.properties) ? node.properties : {}
    const next =
      key === '*'
        ? (Object.values(properties)[0] ?? asJson(node.additionalProperties))
        : properties[key]
    if (next === undefined) throw new Error(`export path ${path.join('.')}: no ${key}`)
    node = resolveSchema(doc, next)
  }
  if (node.type !== 'array') throw new Error(`export path ${path.join('.')} is not a list`)
  return node.items ?? {}
}

/** The export lists of an operation, or null when its contract declares none. */
export function exportSpecOf(
  doc: JsonObject,
  operationId: string,
  definition: JsonObject,
): ExportSpec | null {
  const declared = definition['x-toklytics-export']
  if (!isJsonObject(declared) || !Array.isArray(declared.tables)) return null
  const { paged, ...data } = dataSchema(doc, definition)
  const tables = declared.tables.filter(isJsonObject).map((t): ExportTable => {
    const path = typeof t.path === 'string' && t.path !== '' ? t.path.split('.') : []
    const group = typeof t.group === 'string' ? t.group : null
    const rows = path.length === 0 ? resolveSchema(doc, data).items : rowSchema(doc, data, path)
    const columns = exportColumns(doc, rows ?? {})
    return {
      name: String(t.name),
      path,
      group,
      columns:
        group === null
          ? columns
          : [{ name: group, path: [group], kind: 'string', description: null }, ...columns],
    }
  })
  return { operationId, tables, paged: paged === true }
}

/** What a request asks for: the export's format, byte order mark and list; null for JSON. */
export interface ExportChoice {
  format: ExportFormat
  bom: boolean
  table: ExportTable
}

const ACCEPTED: Readonly<Record<string, ExportFormat | 'json'>> = {
  'application/json': 'json',
  'text/csv': 'csv',
  'application/x-ndjson': 'ndjson',
}

/** `?format=` when given, else the Accept header's preferred type of the three. */
function formatOf(req: FastifyRequest): ExportFormat | 'json' {
  const query = req.query as Record<string, unknown>
  const given = query.format
  if (given !== undefined && given !== '') {
    if (given === 'json' || given === 'csv' || given === 'ndjson') return given
    throw new ApiError(
      'invalid_request',
      `Invalid query parameter 'format': ${JSON.stringify(String(given).slice(0, 40))} is not one of json, csv, ndjson.`,
    )
  }
  const accept = req.headers.accept
  if (accept === undefined || accept === '') return 'json'
  const preferred = new Negotiator({ headers: { accept } }).mediaType(Object.keys(ACCEPTED))
  return (preferred !== undefined ? ACCEPTED[preferred] : undefined) ?? 'json'
}

/** A request's export choice (null: answer JSON as usual); a bad `format`, `bom` or `table` is a 400. */
export function exportChoice(req: FastifyRequest, spec: ExportSpec): ExportChoice | null {
  const format = formatOf(req)
  if (format === 'json') return null
  const query = req.query as Record<string, unknown>
  const bomText = query.bom === undefined || query.bom === '' ? 'false' : String(query.bom)
  if (bomText !== 'true' && bomText !== 'false') {
    throw new ApiError(
      'invalid_request',
      `Invalid query parameter 'bom': ${JSON.stringify(bomText.slice(0, 40))} is not true or false.`,
    )
  }
  const name = query.table === undefined || query.table === '' ? null : String(query.table)
  const table = name === null ? spec.tables[0] : spec.tables.find((t) => t.name === name)
  if (table === undefined) {
    throw new ApiError(
      'invalid_request',
      `Invalid query parameter 'table': ${JSON.stringify((name ?? '').slice(0, 40))} is not a list of ${spec.operationId} (${spec.tables.map((t) => t.name).join(', ')}).`,
    )
  }
  return { format, bom: bomText === 'true', table }
}

/** Whether a request asks for an export at all (cheap: read before the response cache). */
export function wantsExport(req: FastifyRequest): boolean {
  try {
    return formatOf(req) !== 'json'
  } catch {
    return true // a bad format is answered by the export path's 400, never from the cache
  }
}

/** The rows of a list in an answer's `data`, with the group column for a `*` path. */
function* tableRows(data: unknown, table: ExportTable): Generator<unknown> {
  const walk = function* (node: unknown, depth: number, group: string | null): Generator<unknown> {
    if (depth === table.path.length) {
      if (!Array.isArray(node)) return
      for (const row of node) {
        yield group === null || table.group === null ? row : { [table.group]: group, ...row }
      }
      return
    }
    if (node === null || typeof node !== 'object') return
    const key = table.path[depth] as string
    const record = node as Record<string, unknown>
    if (key === '*') {
      for (const [name, child] of Object.entries(record)) yield* walk(child, depth + 1, name)
    } else yield* walk(record[key], depth + 1, group)
  }
  yield* walk(data, 0, null)
}

interface Answered {
  data?: unknown
  pagination?: { has_more?: boolean }
}

/** A file name for the download: the path's words and the list, e.g. `creators-search.csv`. */
function fileName(req: FastifyRequest, table: ExportTable, format: ExportFormat): string {
  const words = (req.routeOptions.url ?? '')
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part
      const value = (req.params as Record<string, unknown>)[part.slice(1)]
      return String(value ?? '')
    })
  const base = [...words, table.path.length > 0 ? table.name : '']
    .join('-')
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return `${base || 'export'}.${format}`
}

/**
 * Streams the export: the first page is computed before anything is sent (so a 404 or 400 is
 * an ordinary error answer); a later failure cuts the transfer short rather than end a file
 * that looks complete.
 */
export async function sendExport(
  req: FastifyRequest,
  reply: FastifyReply,
  spec: ExportSpec,
  choice: ExportChoice,
  answer: () => Promise<object>,
): Promise<FastifyReply> {
  const query = req.query as Record<string, unknown>
  if (spec.paged) {
    query.page = 1
    query.limit = EXPORT_PAGE_ROWS
  }
  const first = (await answer()) as Answered
  const { table, format } = choice
  const line = format === 'csv' ? (row: unknown) => csvLine(table.columns, row) : ndjsonLine
  async function* body(): AsyncGenerator<string> {
    if (format === 'csv') yield csvHeaderLine(table.columns, choice.bom)
    let current = first
    for (let page = 1; ; page++) {
      let chunk = ''
      for (const row of tableRows(current.data, table)) chunk += line(row)
      if (chunk !== '') yield chunk
      if (!spec.paged || current.pagination?.has_more !== true) return
      query.page = page + 1
      current = (await answer()) as Answered
    }
  }
  return reply
    .type(EXPORT_MEDIA_TYPES[format])
    .header('content-disposition', `attachment; filename="${fileName(req, table, format)}"`)
    .header('cache-control', 'no-store')
    .send(Readable.from(body()))
}
