/** Keeps the contributor's private data out of storage: URL query whitelist and viewer-field scrub. */

/**
 * Query parameters that say what was requested. Everything else a TikTok request carries
 * (msToken, X-Bogus, X-Gnarly, _signature, verifyFp, device_id, odinId, webcast_*, cookies…)
 * identifies the person browsing and is dropped.
 */
const KEPT_QUERY_PARAMS = new Set([
  'secUid',
  'uniqueId',
  'challengeID',
  'challengeId',
  'challengeName',
  'musicID',
  'musicId',
  'itemID',
  'itemId',
  'aweme_id',
  'item_id',
  'ch_id',
  'music_id',
  'keyword',
  'cursor',
  'count',
  'offset',
  'search_id',
  'type',
  'post_item_list_request_type',
  'categoryType',
  'from_page',
])

/**
 * Keys whose value depends on who is browsing (whether they liked, saved or follow something)
 * or describes the browsing session itself. They are removed at any depth before storage.
 */
const VIEWER_KEYS = new Set([
  'digged',
  'collected',
  'relation',
  'user_digged',
  'userDigged',
  'user_collected',
  'is_collected',
  'followStatus',
  'follow_status',
  'followerStatus',
  'follower_status',
  'isFollowing',
  'is_following',
  'is_followed',
  // Session scopes of the page JSON: the viewer's account, region, device id and experiments.
  'webapp.app-context',
  'AppContext',
  'LoginContextModule',
  // Session values some proxies add to bodies.
  'tt_chain_token',
  'cookie',
  'msToken',
])

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Any viewer key written as a JSON object key, or a \u escape of a letter, '_', '-' or '.' (the
 * only way to spell such a key that the first branch would miss; TikTok's own escapes of '&', '<'
 * and '>' (\u0026…) do not match). One regular expression: one pass over the text.
 */
const VIEWER_KEY_IN_TEXT = new RegExp(
  `"(?:${[...VIEWER_KEYS].map(escapeRegExp).join('|')})"\\s*:|\\\\u00(?:4[1-9a-fA-F]|5[0-9aAfF]|6[1-9a-fA-F]|7[0-9aA]|2[deDE])`,
)

/**
 * True when a JSON text may hold viewer-relative keys and must be scrubbed. A fast check on the
 * text lets clean payloads (the extension already strips these fields) skip the object walk.
 */
export function mayContainViewerFields(jsonText: string): boolean {
  return VIEWER_KEY_IN_TEXT.test(jsonText)
}

/** Parses a capture URL and keeps only the whitelisted query parameters; null when unparsable. */
export function sanitizeCaptureUrl(raw: string): URL | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  const kept = new URLSearchParams()
  for (const [key, value] of url.searchParams) {
    if (KEPT_QUERY_PARAMS.has(key)) kept.append(key, value)
  }
  url.search = kept.toString()
  url.hash = ''
  url.username = ''
  url.password = ''
  return url
}

/**
 * Returns a copy of a JSON value without viewer-relative keys, or the same value when none was
 * found (no copy is made for the common clean payload). Iterative-depth safe for JSON the envelope
 * limits already bounded.
 */
export function scrubViewerFields(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null
    for (let i = 0; i < value.length; i++) {
      const item = value[i]
      const clean = scrubViewerFields(item)
      if (clean !== item) {
        copy ??= value.slice()
        copy[i] = clean
      }
    }
    return copy ?? value
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    let copy: Record<string, unknown> | null = null
    for (const key of Object.keys(record)) {
      if (VIEWER_KEYS.has(key)) {
        copy ??= { ...record }
        delete copy[key]
        continue
      }
      const item = record[key]
      const clean = scrubViewerFields(item)
      if (clean !== item) {
        copy ??= { ...record }
        copy[key] = clean
      }
    }
    return copy ?? value
  }
  return value
}
