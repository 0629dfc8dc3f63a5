/**
 * The ingestion pipeline: check each capture → sanitise → parse → normalize → write one
 * transaction → refresh metrics. Each capture is accepted, a duplicate, or dropped with a reason.
 */
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlibConstants } from 'node:zlib'
import { CaptureSchema, type IngestSummary } from '../contract/ingest-envelope.js'
import {
  EARLIEST_OBSERVATION_MS,
  MAX_CLOCK_SKEW_MS,
  MAX_JSON_DEPTH,
} from '../contract/ingest-limits.js'
import type { Database } from '../db/open.js'
import type { CaptureRow } from '../db/schema.js'
import { existingCaptureHashes, insertCaptures, writeBatch } from '../db/write.js'
import { exceedsDepth } from './json-depth.js'
import { normalizeBatch, type TimedCapture } from './normalize.js'
import type { DropReason, ParsedCapture, PayloadKind } from './parsed.js'
import { PARSER_VERSION, parseCapture } from './parsers/registry.js'
import { mayContainViewerFields, sanitizeCaptureUrl, scrubViewerFields } from './privacy.js'
import { refreshCreatorMetrics } from './refresh-creator-metrics.js'

export interface IngestBatch {
  captures: readonly unknown[]
  collector?: { name: string; version: string } | undefined
  /** Who sent it: a short hash of the contributor token, never the token itself. */
  contributor: string | null
  /** Demo captures mark the rows they create, so that `toklytics demo remove` finds them. */
  isDemo?: boolean
}

export interface IngestDeps {
  database: Database
  /** Current time in epoch milliseconds (injectable for tests). */
  now: () => number
}

/** A capture that passed every check and parsed into entities. */
interface Prepared {
  index: number
  url: string
  kind: PayloadKind
  observedAt: number
  /** The scrubbed body as JSON text: what is hashed and stored. */
  text: string
  parsed: ParsedCapture
}

/** A prepared capture with its content hash and compressed body. */
interface Sealed extends Prepared {
  hash: string
  compressed: Uint8Array
}

const brotliAsync = promisify(brotliCompress)
/** Brotli at quality 1: faster than gzip -1 and about a fifth smaller on TikTok JSON. */
const BROTLI_OPTIONS = { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } }

/**
 * Hashes and compresses on libuv's thread pool, so that on a multi-core machine this overlaps
 * with parsing the next captures on the main thread. The hash covers the sanitised URL and the
 * scrubbed body: the same content seen by two contributors is one capture.
 */
async function seal(p: Prepared): Promise<Sealed> {
  const body = Buffer.from(p.text)
  const [digest, compressed] = await Promise.all([
    crypto.subtle.digest('SHA-256', body),
    brotliAsync(body, BROTLI_OPTIONS),
  ])
  // The URL is short: hashing it with the body's digest here avoids copying the body again.
  const hash = createHash('sha256')
    .update(p.url)
    .update('\n')
    .update(Buffer.from(digest))
    .digest('hex')
  return { ...p, hash, compressed }
}

type Checked =
  | { ok: true; prepared: Prepared }
  | { ok: false; reason: DropReason | 'invalid_capture'; detail: string }

/** Epoch ms from an ISO 8601 string or epoch ms; null when neither. */
function observedAtMs(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : null
  if (/^\d+$/.test(value)) return Number(value)
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}

/** Validates, sanitises and parses one capture. Pure. */
export function prepareCapture(raw: unknown, index: number, nowMs: number): Checked {
  const shape = CaptureSchema.safeParse(raw)
  if (!shape.success) {
    const issue = shape.error.issues[0]
    const where = issue?.path.join('.') || 'capture'
    return {
      ok: false,
      reason: 'invalid_capture',
      detail: `${where}: ${issue?.message ?? 'invalid'}`,
    }
  }
  const { url: rawUrl, observed_at, body: rawBody } = shape.data
  const ms = observedAtMs(observed_at)
  if (ms === null) {
    return {
      ok: false,
      reason: 'invalid_observed_at',
      detail: 'observed_at must be an ISO 8601 date or epoch milliseconds',
    }
  }
  if (ms > nowMs + MAX_CLOCK_SKEW_MS || ms < EARLIEST_OBSERVATION_MS) {
    return {
      ok: false,
      reason: 'invalid_observed_at',
      detail: `observed_at ${new Date(ms).toISOString()} is in the future or before 2016-09-01`,
    }
  }
  const url = sanitizeCaptureUrl(rawUrl)
  if (url === null)
    return { ok: false, reason: 'invalid_url', detail: 'url must be an absolute http(s) URL' }
  // The extension sends TikTok's response text; other clients may send the parsed JSON.
  let text: string
  let body: unknown
  if (typeof rawBody === 'string') {
    if (rawBody.trim() === '')
      return { ok: false, reason: 'empty_body', detail: 'the body is empty' }
    text = rawBody
    try {
      body = JSON.parse(rawBody)
    } catch {
      return { ok: false, reason: 'invalid_json', detail: 'the body is a string that is not JSON' }
    }
  } else {
    body = rawBody
    // Object bodies (toklytics import) are walked by JSON.stringify: bound the depth first.
    if (exceedsDepth(body, MAX_JSON_DEPTH)) {
      return {
        ok: false,
        reason: 'too_deep',
        detail: `the body nests deeper than ${MAX_JSON_DEPTH} levels`,
      }
    }
    text = body === undefined ? '' : JSON.stringify(body)
  }
  if (body === null || body === undefined) {
    return { ok: false, reason: 'empty_body', detail: 'the body is empty' }
  }
  if (mayContainViewerFields(text)) {
    // The scrub walks the whole value recursively: bound the depth first. Parsers read fixed
    // paths only, so a clean body needs no walk at all.
    if (exceedsDepth(body, MAX_JSON_DEPTH)) {
      return {
        ok: false,
        reason: 'too_deep',
        detail: `the body nests deeper than ${MAX_JSON_DEPTH} levels`,
      }
    }
    body = scrubViewerFields(body)
    text = JSON.stringify(body)
  }
  const result = parseCapture({ url, body })
  if (!result.ok) return { ok: false, reason: result.reason, detail: result.detail }
  return {
    ok: true,
    prepared: {
      index,
      url: url.href,
      kind: result.kind,
      observedAt: Math.floor(ms / 1000),
      text,
      parsed: result.data,
    },
  }
}

/**
 * Ingests a batch. Everything accepted is written in one transaction and committed before this
 * resolves; a failure rolls the whole batch back and rejects (nothing partial is acknowledged).
 */
export async function ingestBatch(deps: IngestDeps, batch: IngestBatch): Promise<IngestSummary> {
  const nowMs = deps.now()
  const dropped: IngestSummary['dropped'] = []
  const sealing: Promise<Sealed>[] = []
  batch.captures.forEach((raw, index) => {
    const checked = prepareCapture(raw, index, nowMs)
    if (checked.ok) sealing.push(seal(checked.prepared))
    else dropped.push({ index, reason: checked.reason, detail: checked.detail })
  })
  const prepared: Sealed[] = []
  const seen = new Set<string>()
  let duplicates = 0
  for (const p of await Promise.all(sealing)) {
    if (seen.has(p.hash)) duplicates++
    else {
      seen.add(p.hash)
      prepared.push(p)
    }
  }
  const summary: IngestSummary = {
    received: batch.captures.length,
    accepted: 0,
    duplicates,
    dropped,
    entities: { creators: 0, videos: 0, hashtags: 0, sounds: 0 },
  }
  if (prepared.length === 0) return summary

  const { db, dialect } = deps.database
  const isDemo = batch.isDemo === true
  const collector = batch.collector ? `${batch.collector.name}/${batch.collector.version}` : null
  await db.transaction().execute(async (trx) => {
    await dialect.lockIngest(trx)
    const stored = await existingCaptureHashes(
      trx,
      prepared.map((p) => p.hash),
    )
    const fresh = prepared.filter((p) => !stored.has(p.hash))
    summary.duplicates += prepared.length - fresh.length
    summary.accepted = fresh.length
    if (fresh.length === 0) return
    const rows: Omit<CaptureRow, 'id'>[] = fresh.map((p) => ({
      content_hash: p.hash,
      url: p.url,
      kind: p.kind,
      observed_at: p.observedAt,
      received_at: Math.floor(nowMs / 1000),
      body: p.compressed,
      parser_version: PARSER_VERSION,
      status: 'parsed',
      drop_reason: null,
      contributor: batch.contributor,
      collector,
      is_demo: isDemo ? 1 : 0,
    }))
    await insertCaptures(trx, rows)
    const timed: TimedCapture[] = fresh.map((p) => ({ parsed: p.parsed, observedAt: p.observedAt }))
    const written = await writeBatch(trx, normalizeBatch(timed), isDemo)
    await refreshCreatorMetrics(trx, written.touchedCreators)
    summary.entities = written.entities
  })
  return summary
}
