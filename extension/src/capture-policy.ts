/** What the collector takes from a TikTok page: which URLs, stripped how, and the page-message checks. */
import { sanitizeCaptureUrl } from '../../src/contract/capture-privacy.js'
import {
  apiRouteKind,
  isHostOf,
  isTikTokHost,
  PERSONAL_PATH,
  RECOGNISED_ONLY_KINDS,
} from '../../src/contract/capture-routes.js'
import { recogniseCapture } from '../../src/contract/capture-shape.js'

/** A TikTok JSON answer is 50–300 kB; a body past this is not one Toklytics reads. */
export const MAX_BODY_CHARS = 8 * 1024 * 1024
/** The ingest envelope's limit of a capture URL. */
export const MAX_URL_CHARS = 8192

/** Where a capture came from: a `fetch`, an `XMLHttpRequest`, or the page's embedded JSON. */
export type CaptureSource = 'fetch' | 'xhr' | 'page'

/** A capture as the page hook hands it over: the stripped URL and TikTok's JSON as text. */
export interface PageCapture {
  source: CaptureSource
  url: string
  body: string
  /** Epoch milliseconds. */
  observedAt: number
}

/**
 * The URL to upload for a request the page made (any method), or null when it is not one to
 * examine: only https on TikTok's hosts, never a personal path (the viewer's account, messages,
 * settings, social graph). `raw` may be relative (resolved against `base`, the page's address);
 * only the whitelisted query parameters are kept, so signing and session tokens (msToken,
 * X-Bogus, device ids…) never leave. Whether the response is kept is its body's to say.
 */
export function apiCaptureUrl(raw: string, base: string): string | null {
  let url: URL
  try {
    url = new URL(raw, base)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' || !isTikTokHost(url) || PERSONAL_PATH.test(url.pathname)) {
    return null
  }
  const clean = sanitizeCaptureUrl(url.href)
  return clean === null || clean.href.length > MAX_URL_CHARS ? null : clean.href
}

/**
 * Whether a response is worth reading: JSON by its content type, or a path whose kind is known
 * (so a known path answering HTML or an empty body is counted as seen, never silently lost).
 * Scripts, images and media are never read.
 */
export function worthReading(captureUrl: string, contentType: string | null): boolean {
  if (contentType !== null && /\bjson\b/i.test(contentType)) return true
  return apiRouteKind(new URL(captureUrl).pathname) !== null
}

/** Why a response the hook examined was not collected (counted in the popup, never uploaded). */
export type SeenReason = 'not_json' | 'unknown_shape'

/** What the hook makes of a response body: a kind to collect, or why not. */
export type BodyVerdict = { collect: true; kind: string } | { collect: false; reason: SeenReason }

/**
 * Judges a response body by its content (src/contract/capture-shape.ts, the server's own rule):
 * collected when it holds a content shape the server stores, whatever the path.
 */
export function judgeBody(captureUrl: string, text: string, parse = JSON.parse): BodyVerdict {
  let body: unknown
  try {
    body = parse(text)
  } catch {
    return { collect: false, reason: 'not_json' }
  }
  const match = recogniseCapture(new URL(captureUrl), body)
  if (match === null || RECOGNISED_ONLY_KINDS.has(match.kind)) {
    return { collect: false, reason: 'unknown_shape' }
  }
  return { collect: true, kind: match.kind }
}

/** The URL to upload for a page's embedded JSON (a tiktok.com page, not an API path), or null. */
export function pageCaptureUrl(href: string): string | null {
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return null
  }
  const host = url.hostname.toLowerCase()
  if (url.protocol !== 'https:' || !isHostOf(host, 'tiktok.com')) return null
  if (url.pathname.startsWith('/api/')) return null
  const clean = sanitizeCaptureUrl(url.href)
  return clean === null || clean.href.length > MAX_URL_CHARS ? null : clean.href
}

/**
 * The payload kind of a capture for the popup's counts (the server decides for real), or null
 * when the body is no content the server stores: such a capture is not queued.
 */
export function captureKind(
  capture: Pick<PageCapture, 'source' | 'url'>,
  body: unknown,
): string | null {
  if (capture.source === 'page') {
    return body !== null && typeof body === 'object' && '__DEFAULT_SCOPE__' in body
      ? 'universal_data'
      : 'sigi_state'
  }
  const match = recogniseCapture(new URL(capture.url), body)
  return match === null || RECOGNISED_ONLY_KINDS.has(match.kind) ? null : match.kind
}

const SOURCES: ReadonlySet<string> = new Set<CaptureSource>(['fetch', 'xhr', 'page'])

/**
 * Checks a capture message that crossed from the page, which can forge any message: exactly the
 * expected fields, bounded sizes, and a URL the collector would itself have taken (re-stripped
 * here). Returns the capture to keep, or null to ignore the message.
 */
export function checkPageCapture(value: unknown): PageCapture | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null
  const { source, url, body, observedAt } = value as Record<string, unknown>
  if (typeof source !== 'string' || !SOURCES.has(source)) return null
  if (typeof url !== 'string' || url.length > MAX_URL_CHARS) return null
  if (typeof body !== 'string' || body.length === 0 || body.length > MAX_BODY_CHARS) return null
  if (typeof observedAt !== 'number' || !Number.isFinite(observedAt) || observedAt <= 0) {
    return null
  }
  const clean = source === 'page' ? pageCaptureUrl(url) : apiCaptureUrl(url, url)
  if (clean === null) return null
  return { source: source as CaptureSource, url: clean, body, observedAt }
}

/** A response the hook examined and did not collect: its stripped URL and why. */
export interface SeenResponse {
  url: string
  reason: SeenReason
}

const SEEN_REASONS: ReadonlySet<string> = new Set<SeenReason>(['not_json', 'unknown_shape'])

/** Checks a "seen" message from the page (which can forge it: it only moves a local counter). */
export function checkSeenResponse(value: unknown): SeenResponse | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null
  const { url, reason } = value as Record<string, unknown>
  if (typeof reason !== 'string' || !SEEN_REASONS.has(reason)) return null
  if (typeof url !== 'string' || url.length > MAX_URL_CHARS) return null
  const clean = apiCaptureUrl(url, url)
  return clean === null ? null : { url: clean, reason: reason as SeenReason }
}
