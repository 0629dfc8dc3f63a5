/**
 * A list operation's answer as a streamed CSV or NDJSON download (`?format=`, or `Accept`):
 * every page of the list, one page in memory at a time, in the contract's columns
 * (contract/export-tables.ts).
 */
import { Readable } from 'node:stream'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Negotiator from 'negotiator'
import {
  csvHeaderLine,
  csvLine,
  EXPORT_MEDIA_TYPES,
  type ExportFormat,
  ndjsonLine,
} from '../contract/export-lines.js'
import type { ExportSpec, ExportTable } from '../contract/export-tables.js'
import { ApiError } from '../operations/api-error.js'

/** Rows per page while walking a paged list: bounded memory, few queries. */
export const EXPORT_PAGE_ROWS = 500
/**
 * The longest list a download walks. A paged list is read by offset, and each page skips every
 * row before it, so a download's cost grows with the square of its length (at 100k creators,
 * 100,000 rows of a video search take seconds; 2 million would take hours). A longer list is
 * refused before anything is sent; `toklytics export` reads whole tables by key instead.
 */
export const EXPORT_MAX_ROWS = 100_000

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

/** Each request's answer of formatOf, read once though both the cache hook and the handler ask. */
const formats = new WeakMap<FastifyRequest, ExportFormat | 'json' | ApiError>()

/** `?format=` when given, else the Accept header's preferred type of the three (once per request). */
function formatOf(req: FastifyRequest): ExportFormat | 'json' {
  let format = formats.get(req)
  if (format === undefined) {
    try {
      format = negotiatedFormat(req)
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      format = err
    }
    formats.set(req, format)
  }
  if (format instanceof ApiError) throw format
  return format
}

function negotiatedFormat(req: FastifyRequest): ExportFormat | 'json' {
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
        yield group === null || table.group === null ? row : { ...row, [table.group]: group }
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
  pagination?: { has_more?: boolean; total?: number }
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
  maxRows = EXPORT_MAX_ROWS,
): Promise<FastifyReply> {
  const query = req.query as Record<string, unknown>
  if (spec.paged) {
    query.page = 1
    query.limit = EXPORT_PAGE_ROWS
  }
  const first = (await answer()) as Answered
  const total = first.pagination?.total
  if (spec.paged && total !== undefined && total > maxRows) {
    throw new ApiError(
      'invalid_request',
      `This list has ${total} rows; a download holds at most ${maxRows}. Narrow it with the operation's filters, or export whole tables with the CLI (toklytics export creators|videos|creator-snapshots|video-snapshots).`,
    )
  }
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
  return (
    reply
      .type(EXPORT_MEDIA_TYPES[format])
      .header('content-disposition', `attachment; filename="${fileName(req, table, format)}"`)
      .header('cache-control', 'no-store')
      // One page ahead at most: the next page is read only when the client has taken the last.
      .send(Readable.from(body(), { objectMode: true, highWaterMark: 1 }))
  )
}
