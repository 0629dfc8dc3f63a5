/** Privacy rules shared by the server and the extension: capture URL whitelist, viewer-field scrub. */

/**
 * Query parameters that say what was requested. Everything else a TikTok request carries
 * (msToken, X-Bogus, X-Gnarly, _signature, verifyFp, device_id, odinId, webcast_*, cookies…)
 * identifies the person browsing and is dropped.
 */
export const KEPT_QUERY_PARAMS: ReadonlySet<string> = new Set([
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
export const VIEWER_KEYS: ReadonlySet<string> = new Set([
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
