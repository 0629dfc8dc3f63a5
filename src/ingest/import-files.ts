/**
 * Reads captures from files for `toklytics import`, recognising the format by content: a HAR, a
 * JSON ingest envelope or single capture, NDJSON of captures, Zeeschuimer's NDJSON export, raw
 * TikTok JSON responses (one per file or per line) and saved tiktok.com pages.
 */
import { readFileSync, statSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { z } from 'zod'
import { classifyShape, recogniseCapture, SHAPE_URLS } from '../contract/capture-shape.js'
import { EARLIEST_OBSERVATION_MS, MAX_CLOCK_SKEW_MS } from '../contract/ingest-limits.js'
import { classifyByUrl } from './parsers/registry.js'
import { captureOfZeeschuimer, isZeeschuimerRecord } from './zeeschuimer.js'

/** A capture as the ingest envelope carries it. */
export interface FileCapture {
  url: string
  observed_at: string | number
  body: unknown
}

/** What a usable file gave: its format and captures, and what of it was left out and why. */
export interface ImportRead {
  /** What the file was recognised as, for the report. */
  format: string
  /** Captures for the pipeline, which checks each one (envelope and NDJSON ones as they are). */
  captures: unknown[]
  /** Records (lines, HAR entries) that did not become captures: reason → their 1-based positions. */
  skipped: Map<string, number[]>
}

export type ImportFileResult = { ok: true; read: ImportRead } | { ok: false; reason: string }

const HarSchema = z.object({
  log: z.object({
    entries: z.array(
      z.object({
        startedDateTime: z.string(),
        request: z.object({ url: z.string() }),
        response: z.object({
          status: z.number().optional(),
          content: z.object({
            mimeType: z.string().optional(),
            text: z.string().optional(),
            encoding: z.string().optional(),
          }),
        }),
      }),
    ),
  }),
})

/** The JSON a TikTok page embeds: the current rehydration blob, or the legacy SIGI_STATE. */
const EMBEDDED_SCRIPT =
  /<script[^>]*id="(?:__UNIVERSAL_DATA_FOR_REHYDRATION__|SIGI_STATE|sigi-persisted-data)"[^>]*>([\s\S]*?)<\/script>/

const unusable = (reason: string): ImportFileResult => ({ ok: false, reason })

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** Adds a skipped record under its reason. */
function skip(skipped: Map<string, number[]>, reason: string, position: number): void {
  const positions = skipped.get(reason)
  if (positions) positions.push(position)
  else skipped.set(reason, [position])
}

/** "3 × not TikTok (instagram.com); 1 × not JSON": the skipped records in a sentence. */
export function describeSkipped(skipped: ReadonlyMap<string, readonly number[]>): string {
  return [...skipped].map(([reason, at]) => `${at.length} × ${reason}`).join('; ')
}

/** The first keys of an object, for "no known shape" reasons (never its values: they may be private). */
function keysOf(value: object): string {
  const keys = Object.keys(value)
  const shown = keys.slice(0, 8).map((k) => k.slice(0, 40))
  return keys.length > shown.length ? `${shown.join(', ')}, …` : shown.join(', ')
}

function isTikTokUrl(raw: string): URL | null {
  try {
    const url = new URL(raw)
    const host = url.hostname.toLowerCase()
    const tiktok = /(^|\.)tiktok\.com$|(^|\.)tiktokv\.com$/.test(host)
    return tiktok ? url : null
  } catch {
    return null
  }
}

/**
 * HAR entries from TikTok hosts whose URL Toklytics reads: JSON responses become captures as
 * they are; HTML pages become captures of the JSON they embed. Entries of other hosts are not
 * TikTok data (not counted); TikTok entries that cannot be used are skipped with the reason.
 */
export function capturesFromHar(value: unknown): ImportFileResult {
  const parsed = HarSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return unusable(`not a valid HAR file (${issue?.path.join('.')}: ${issue?.message})`)
  }
  const entries = parsed.data.log.entries
  const captures: FileCapture[] = []
  const skipped = new Map<string, number[]>()
  let tiktok = 0
  entries.forEach((entry, i) => {
    const url = isTikTokUrl(entry.request.url)
    if (url === null) return
    const content = entry.response.content
    const mime = content.mimeType ?? ''
    // Scripts, styles, images and fonts of TikTok hosts are not responses anyone asked for.
    if (/javascript|css|image|font|video|audio/.test(mime)) return
    tiktok++
    if (classifyByUrl(url) === null) {
      skip(skipped, 'a TikTok request Toklytics does not read', i + 1)
      return
    }
    if (content.text === undefined || content.text === '') {
      skip(skipped, 'no saved body (save the HAR "with content")', i + 1)
      return
    }
    const raw =
      content.encoding === 'base64'
        ? Buffer.from(content.text, 'base64').toString('utf8')
        : content.text
    let body: string
    if (mime.includes('html')) {
      const m = EMBEDDED_SCRIPT.exec(raw)
      if (!m?.[1]) {
        skip(skipped, 'a TikTok page without its embedded JSON', i + 1)
        return
      }
      body = m[1]
    } else if (mime.includes('json') || raw.trimStart().startsWith('{')) {
      // A path of no known kind is kept only when its body has a content shape.
      if (classifyByUrl(url) === 'by_body' && recogniseCapture(url, parsedOrNull(raw)) === null) {
        skip(skipped, 'a TikTok request Toklytics does not read', i + 1)
        return
      }
      body = raw
    } else {
      skip(skipped, `neither JSON nor HTML (${mime.slice(0, 40) || 'no type'})`, i + 1)
      return
    }
    captures.push({ url: entry.request.url, observed_at: entry.startedDateTime, body })
  })
  const entriesText = count(entries.length, 'entry', 'entries')
  const format = `HAR (${entriesText}, ${count(tiktok, 'TikTok response', 'TikTok responses')})`
  if (captures.length > 0) return { ok: true, read: { format, captures, skipped } }
  if (tiktok === 0) {
    return unusable(
      `HAR with no TikTok responses (${entriesText}, none a JSON answer or page of tiktok.com)`,
    )
  }
  return unusable(`HAR with no TikTok responses Toklytics reads (${describeSkipped(skipped)})`)
}

function parsedOrNull(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/**
 * TikTok's own time of a response (`extra.now`, epoch ms, sent with every web and app API
 * answer), when plausible: a saved body has no other record of when it was seen.
 */
export function serverTimeOf(body: unknown, nowMs: number): number | null {
  if (typeof body !== 'object' || body === null || !('extra' in body)) return null
  const extra = body.extra
  if (typeof extra !== 'object' || extra === null || !('now' in extra)) return null
  const now = extra.now
  if (typeof now !== 'number' || !Number.isInteger(now)) return null
  return now >= EARLIEST_OBSERVATION_MS && now <= nowMs + MAX_CLOCK_SKEW_MS ? now : null
}

/** Where a record's capture came from; decides the file's format label. */
type RecordKind = 'capture' | 'zeeschuimer' | 'response'

type RecordResult =
  | { ok: true; kind: RecordKind; capture: unknown; label: string }
  | { ok: false; skip: string }

/** The time a raw response is dated with, and what the report says of it. */
interface Clock {
  fileTimeMs: number
  nowMs: number
}

/**
 * One JSON record (a whole file or an NDJSON line): a capture `{url, observed_at, body}`, a
 * Zeeschuimer record, or a raw TikTok body recognised by its shape. `text` is the record's JSON
 * text: an unwrapped body is passed on as TikTok sent it.
 */
function fromRecord(value: unknown, text: string, clock: Clock): RecordResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      skip: `not a JSON object (${Array.isArray(value) ? 'an array' : typeof value})`,
    }
  }
  if (isZeeschuimerRecord(value)) {
    const record = captureOfZeeschuimer(value)
    if (!record.ok) return { ok: false, skip: record.skip }
    return { ok: true, kind: 'zeeschuimer', capture: record.capture, label: 'Zeeschuimer record' }
  }
  // The pipeline checks the capture's fields and reports what is wrong with them.
  if ('url' in value && 'body' in value) {
    return { ok: true, kind: 'capture', capture: value, label: 'a capture' }
  }
  const match = classifyShape(value)
  if (match === null) return { ok: false, skip: noShape(value) }
  const serverTime = serverTimeOf(value, clock.nowMs)
  const dated = serverTime !== null ? "TikTok's extra.now" : 'file time'
  return {
    ok: true,
    kind: 'response',
    label: `TikTok response: ${match.kind} (${match.shape}), dated by ${dated}`,
    capture: {
      url: SHAPE_URLS[match.kind],
      observed_at: serverTime ?? clock.fileTimeMs,
      body: match.wrapped ? match.body : text,
    },
  }
}

/** Why an object is not read: a TikTok answer with no content, or no TikTok shape at all. */
function noShape(value: object): string {
  const status = 'statusCode' in value || 'status_code' in value
  if (status && ('extra' in value || 'log_pb' in value)) {
    return `a TikTok response with nothing Toklytics reads (top-level keys: ${keysOf(value)})`
  }
  return `JSON but no known TikTok shape (top-level keys: ${keysOf(value)})`
}

const RECORD_LABELS: Record<RecordKind, string> = {
  capture: 'captures',
  zeeschuimer: 'Zeeschuimer records',
  response: 'TikTok responses',
}

/** NDJSON: one record per non-blank line. */
function fromNdjson(text: string, clock: Clock, parseError: string): ImportFileResult {
  const captures: unknown[] = []
  const skipped = new Map<string, number[]>()
  const kinds = new Map<RecordKind, number>()
  let zeeschuimerLines = 0
  let objects = 0
  const lines = text.split('\n')
  lines.forEach((rawLine, i) => {
    const line = rawLine.trim()
    if (line === '') return
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      skip(skipped, 'not JSON', i + 1)
      return
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) objects++
    if (isZeeschuimerRecord(value)) zeeschuimerLines++
    const r = fromRecord(value, line, clock)
    if (!r.ok) {
      skip(skipped, r.skip, i + 1)
      return
    }
    kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1)
    captures.push(r.capture)
  })
  // Not one JSON document and not a single JSON object on any line: not JSON at all.
  if (objects === 0) return unusable(`not JSON (${parseError})`)
  const records = [...skipped.values()].reduce((n, at) => n + at.length, captures.length)
  let format: string
  if (zeeschuimerLines > 0 && zeeschuimerLines === objects) {
    format = `Zeeschuimer NDJSON export (${records} records)`
  } else if (kinds.size === 1) {
    const [only] = kinds.keys()
    format = `NDJSON of ${RECORD_LABELS[only ?? 'capture']} (${records} lines)`
  } else {
    const parts = [...kinds].map(([kind, n]) => `${n} ${RECORD_LABELS[kind]}`)
    format = `NDJSON (${records} lines${parts.length > 0 ? `: ${parts.join(', ')}` : ''})`
  }
  if (captures.length === 0) {
    return unusable(`${format} with nothing to import (${describeSkipped(skipped)})`)
  }
  return { ok: true, read: { format, captures, skipped } }
}

/** A whole-file JSON document: a HAR, an envelope, or one record. */
function fromJsonDocument(value: unknown, text: string, clock: Clock): ImportFileResult {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    if ('log' in value) return capturesFromHar(value)
    const envelope = z.object({ captures: z.array(z.unknown()) }).safeParse(value)
    if (envelope.success) {
      const captures = envelope.data.captures
      if (captures.length === 0) return unusable('an ingest envelope with no captures')
      return { ok: true, read: { format: 'ingest envelope', captures, skipped: new Map() } }
    }
  }
  if (Array.isArray(value)) {
    return unusable(
      `a JSON array of ${count(value.length, 'element', 'elements')}: expected a TikTok response object, a HAR, an ingest envelope or NDJSON`,
    )
  }
  const r = fromRecord(value, text, clock)
  if (!r.ok) return unusable(r.skip)
  return { ok: true, read: { format: r.label, captures: [r.capture], skipped: new Map() } }
}

/** A saved tiktok.com page: the JSON it embeds, dated by the file (the page has no time). */
function fromHtml(text: string, clock: Clock): ImportFileResult {
  const m = EMBEDDED_SCRIPT.exec(text)
  if (!m?.[1]) {
    return unusable(
      'HTML without TikTok page data (no __UNIVERSAL_DATA_FOR_REHYDRATION__ or SIGI_STATE script)',
    )
  }
  const json = m[1]
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (err) {
    return unusable(`a TikTok page whose embedded data is not JSON (${errorText(err)})`)
  }
  const match = classifyShape(value)
  if (match === null) {
    return unusable(`a TikTok page whose embedded data has no known shape`)
  }
  return {
    ok: true,
    read: {
      format: `saved TikTok page: ${match.kind} (${match.shape}), dated by file time`,
      captures: [{ url: SHAPE_URLS[match.kind], observed_at: clock.fileTimeMs, body: json }],
      skipped: new Map(),
    },
  }
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 120)
}

/**
 * Reads a file's text by its content. `fileTimeMs` dates what carries no time of its own (a
 * page, a response without `extra.now`): the file's modification time, when it was saved.
 */
export function readImportText(text: string, fileTimeMs: number, nowMs: number): ImportFileResult {
  const clock = { fileTimeMs, nowMs }
  const trimmed = text.replace(/^\uFEFF/, '').trim()
  if (trimmed === '') return unusable('an empty file')
  if (trimmed.startsWith('<')) return fromHtml(trimmed, clock)
  let value: unknown
  try {
    value = JSON.parse(trimmed)
  } catch (err) {
    return fromNdjson(trimmed, clock, errorText(err))
  }
  return fromJsonDocument(value, trimmed, clock)
}

/** Reads one file (gzip-compressed or not); never throws for content, only for I/O. */
export function readImportFile(path: string, nowMs: number): ImportFileResult {
  let bytes = readFileSync(path)
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes)
    } catch (err) {
      return unusable(`a gzip file that does not decompress (${errorText(err)})`)
    }
  }
  if (bytes.subarray(0, 4096).includes(0)) return unusable('not JSON (a binary file)')
  return readImportText(bytes.toString('utf8'), Math.trunc(statSync(path).mtimeMs), nowMs)
}
