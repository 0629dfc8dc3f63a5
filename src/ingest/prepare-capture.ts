/** Preparing one capture, before any storage: check, sanitise, privacy scrub, parse, hash, compress. */
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { brotliCompress, brotliCompressSync, constants as zlibConstants } from 'node:zlib'
import { mayMentionExcluded, withoutExcludedUsers } from '../contract/creator-exclusion.js'
import { CaptureSchema } from '../contract/ingest-envelope.js'
import {
  EARLIEST_OBSERVATION_MS,
  MAX_CLOCK_SKEW_MS,
  MAX_JSON_DEPTH,
} from '../contract/ingest-limits.js'
import { StepClock, type StepSeconds } from './ingest-steps.js'
import { exceedsDepth } from './json-depth.js'
import type { DropReason, ParsedCapture, PayloadKind } from './parsed.js'
import { parseCapture } from './parsers/registry.js'
import { mayContainViewerFields, sanitizeCaptureUrl, scrubViewerFields } from './privacy.js'

const NO_IDS: ReadonlySet<string> = new Set()

/** A capture that passed every check and parsed into entities. */
export interface Prepared {
  index: number
  url: string
  kind: PayloadKind
  observedAt: number
  /** The scrubbed body as JSON text: what is hashed and stored. */
  text: string
  parsed: ParsedCapture
}

/** A prepared capture with its content hash and compressed body. */
export interface Sealed extends Omit<Prepared, 'text'> {
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
export async function seal(p: Prepared): Promise<Sealed> {
  const { text, ...rest } = p
  return { ...rest, ...(await hashAndCompress(p.url, text)) }
}

/** The content hash and the stored (compressed) form of a capture's URL and body text. */
export async function hashAndCompress(
  url: string,
  text: string,
): Promise<{ hash: string; compressed: Uint8Array }> {
  const body = Buffer.from(text)
  const [digest, compressed] = await Promise.all([
    crypto.subtle.digest('SHA-256', body),
    brotliAsync(body, BROTLI_OPTIONS),
  ])
  return { hash: captureHash(url, Buffer.from(digest)), compressed }
}

/** A body text in its stored form (brotli), on the calling thread. */
export function compressSync(text: string): Uint8Array {
  return brotliCompressSync(Buffer.from(text), BROTLI_OPTIONS)
}

/** The same as `seal`, on the calling thread (inside an ingestion worker). */
export function sealSync(p: Prepared): Sealed {
  const body = Buffer.from(p.text)
  const digest = createHash('sha256').update(body).digest()
  const compressed = brotliCompressSync(body, BROTLI_OPTIONS)
  const { text: _text, ...rest } = p
  return { ...rest, hash: captureHash(p.url, digest), compressed }
}

/** The URL is short: hashing it with the body's digest avoids copying the body again. */
function captureHash(url: string, bodyDigest: Uint8Array): string {
  return createHash('sha256').update(url).update('\n').update(bodyDigest).digest('hex')
}

/** What preparing a capture gives: sealed, or dropped with its reason. */
export type PreparedResult = (
  | { ok: true; sealed: Sealed }
  | { ok: false; index: number; reason: DropReason | 'invalid_capture'; detail: string }
) & {
  /** Time of this capture's steps (decode, screen, parse, seal). */
  seconds?: StepSeconds
}

export type Checked =
  | { ok: true; prepared: Prepared }
  | { ok: false; reason: DropReason | 'invalid_capture'; detail: string }

/** Epoch ms from an ISO 8601 string or epoch ms; null when neither. */
function observedAtMs(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : null
  if (/^\d+$/.test(value)) return Number(value)
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}

/** ISO 8601 when Date can represent the time (±8.64e15 ms), else the number as sent. */
function shownTime(ms: number): string {
  return Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms)
}

/**
 * A capture that passed every check that needs no parser: what may be stored. `body` is the
 * parsed JSON, or undefined when the caller did not need it and the text needed no scrub.
 */
export interface Screened {
  url: URL
  /** Epoch seconds. */
  observedAt: number
  /** The scrubbed body as JSON text: what is hashed and stored. */
  text: string
  body: unknown
}

export type ScreenResult =
  | { ok: true; screened: Screened }
  | { ok: false; reason: DropReason | 'invalid_capture'; detail: string }

/** Validates, sanitises and parses one capture; `clock` times its steps. Pure otherwise. */
export function prepareCapture(
  raw: unknown,
  index: number,
  nowMs: number,
  clock?: StepClock,
): Checked {
  const screen = screenCapture(raw, nowMs, true, clock)
  if (!screen.ok) return screen
  const { url, observedAt, text, body } = screen.screened
  const result = parseCapture({ url, body })
  clock?.lap('parse')
  if (!result.ok) return { ok: false, reason: result.reason, detail: result.detail }
  return {
    ok: true,
    prepared: { index, url: url.href, kind: result.kind, observedAt, text, parsed: result.data },
  }
}

/**
 * Validates and sanitises one capture: shape, time, URL whitelist, privacy scrub. Everything
 * private is gone from `text` afterwards, so it may be stored before it is parsed (queue mode).
 * With `parseBody` false a text body is JSON-parsed only when it must be scrubbed. Pure.
 */
export function screenCapture(
  raw: unknown,
  nowMs: number,
  parseBody: boolean,
  clock?: StepClock,
): ScreenResult {
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
      detail: `observed_at ${shownTime(ms)} is in the future or before 2016-09-01`,
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
    // Queue mode stores a clean text as it came and leaves parsing to the worker.
    if (!parseBody && !mayContainViewerFields(text) && !mayMentionExcluded(text, NO_IDS)) {
      return {
        ok: true,
        screened: { url, observedAt: Math.floor(ms / 1000), text, body: undefined },
      }
    }
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
  clock?.lap('decode')
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
  // Private and under-18 accounts are never stored: their user objects and items go before the
  // body is stored or parsed. The text test keeps the walk off bodies without such a flag.
  if (mayMentionExcluded(text, NO_IDS)) {
    if (exceedsDepth(body, MAX_JSON_DEPTH)) {
      return {
        ok: false,
        reason: 'too_deep',
        detail: `the body nests deeper than ${MAX_JSON_DEPTH} levels`,
      }
    }
    const stripped = withoutExcludedUsers(body, NO_IDS)
    if (stripped.onlyAbout) {
      return {
        ok: false,
        reason: 'no_entities',
        detail: 'the capture is about a private or under-18 account',
      }
    }
    if (stripped.changed) {
      body = stripped.body
      text = JSON.stringify(body)
    }
  }
  clock?.lap('screen')
  return { ok: true, screened: { url, observedAt: Math.floor(ms / 1000), text, body } }
}

/** Prepares and seals one capture on the calling thread (what an ingestion worker runs). */
export function prepareSealedSync(raw: unknown, index: number, nowMs: number): PreparedResult {
  const clock = new StepClock()
  const checked = prepareCapture(raw, index, nowMs, clock)
  if (!checked.ok) {
    return {
      ok: false,
      index,
      reason: checked.reason,
      detail: checked.detail,
      seconds: clock.seconds,
    }
  }
  const sealed = sealSync(checked.prepared)
  clock.lap('seal')
  return { ok: true, sealed, seconds: clock.seconds }
}
