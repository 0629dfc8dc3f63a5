/** What the collector takes from a TikTok page: which URLs, stripped how, and the page-message checks. */
import { sanitizeCaptureUrl } from '../../src/contract/capture-privacy.js'
import {
  AWEME_API_PATH,
  apiRouteKind,
  isCapturableApiUrl,
  isHostOf,
} from '../../src/contract/capture-routes.js'

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
 * The URL to upload for a request the page made, or null when the server has no parser for it.
 * `raw` may be relative (resolved against `base`, the page's address); only the whitelisted query
 * parameters are kept, so signing and session tokens (msToken, X-Bogus, device ids…) never leave.
 */
export function apiCaptureUrl(raw: string, base: string): string | null {
  let url: URL
  try {
    url = new URL(raw, base)
  } catch {
    return null
  }
  if (!isCapturableApiUrl(url)) return null
  const clean = sanitizeCaptureUrl(url.href)
  return clean === null || clean.href.length > MAX_URL_CHARS ? null : clean.href
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

/** The payload kind of a capture for the popup's counts (the server decides for real). */
export function captureKind(capture: Pick<PageCapture, 'source' | 'url'>, body: unknown): string {
  if (capture.source === 'page') {
    return body !== null && typeof body === 'object' && '__DEFAULT_SCOPE__' in body
      ? 'universal_data'
      : 'sigi_state'
  }
  const path = new URL(capture.url).pathname
  return apiRouteKind(path) ?? (AWEME_API_PATH.test(path) ? 'aweme_list' : 'other')
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
