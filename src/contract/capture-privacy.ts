/** Privacy rules shared by the server and the extension: capture URL whitelist, viewer-field scrub. */

/**
 * Query parameters that say what was requested. Everything else a TikTok request carries
 * (msToken, X-Bogus, X-Gnarly, _signature, verifyFp, device_id, odinId, webcast_*, cookies…)
 * identifies the person browsing and is dropped.
 */
export const KEPT_QUERY_PARAMS: ReadonlySet<string> = new Set([
  // Whose list or page it is: a creator, a playlist (mix), a collection.
  'secUid',
  'sec_user_id',
  'uniqueId',
  'authorId',
  'author_id',
  'mixId',
  'mix_id',
  'collectionId',
  'playlistId',
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
 * Keys whose value depends on who is browsing (whether they liked, saved or follow something),
 * removed at any depth before storage. Matched in any spelling: case, `_` and `-` are ignored
 * (`is_liked`, `isLiked` and `IsLiked` are one key), but a leading `_` counts.
 */
export const VIEWER_KEYS: ReadonlySet<string> = new Set([
  'digged',
  'collected',
  'relation',
  'user_digged',
  'user_collected',
  'is_collected',
  'is_liked',
  'user_liked',
  'viewer_follows',
  'follow_status',
  'follower_status',
  'is_following',
  'is_followed',
  'is_friend',
  'friend_status',
  'is_blocked',
  'is_blocking',
  // Session scopes of the page JSON: the viewer's account, region, device id and experiments.
  'webapp.app-context',
  'AppContext',
  'LoginContextModule',
])

/**
 * Keys that hold the browsing session or device — tokens, cookies, request signatures, device
 * and install ids — as TikTok's web and app requests carry them and proxies or scrapers copy them
 * into bodies. Removed at any depth, in any spelling (as VIEWER_KEYS). `_signature` (a request's
 * signature) is listed with its underscore: a user's `signature` is their bio.
 */
export const SESSION_KEYS: ReadonlySet<string> = new Set([
  'msToken',
  'X-Bogus',
  'X-Gnarly',
  '_signature',
  'verifyFp',
  's_v_web_id',
  'device_id',
  'odinId',
  'iid',
  'install_id',
  'openudid',
  'cookie',
  'cookies',
  'set-cookie',
  'authorization',
  'tt_chain_token',
  'ttwid',
  'sessionid',
  'sessionid_ss',
  'sid_tt',
  'sid_guard',
  'uid_tt',
  'odin_tt',
  'tt_csrf_token',
  'passport_csrf_token',
  'csrf_token',
  'WebIdLastTime',
])

/**
 * Parameters of URLs and cookie strings inside bodies that carry the session or the viewer: the
 * session keys, and the per-sharer `u_code` and `_d` of share links. Cut from any string value
 * (`share_url`, a copied request URL, a cookie header), leaving the rest of the string.
 */
export const SESSION_PARAMS: readonly string[] = [...SESSION_KEYS, 'u_code', '_d']

/** A key as matched: lower case without `_` and `-`, except a leading `_`. */
export function keyForm(key: string): string {
  return (key.charAt(0) + key.slice(1).replace(/[-_]/g, '')).toLowerCase()
}

const PRIVATE_KEY_FORMS: ReadonlySet<string> = new Set(
  [...VIEWER_KEYS, ...SESSION_KEYS].map(keyForm),
)

/** True when a body key names a viewer flag or a session value, in any spelling. */
export function isPrivateKey(key: string): boolean {
  return PRIVATE_KEY_FORMS.has(keyForm(key))
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** `name=value` of a session parameter after `?`, `&`, `;` or the start, up to the next separator. */
const SESSION_PARAM_IN_STRING = new RegExp(
  `(^|[?&;]\\s*)(?:${SESSION_PARAMS.map(escapeRegExp).join('|')})=[^&;#\\s"]*`,
  'gi',
)

/** A string value without its session parameters (itself when it has none). */
export function withoutSessionParams(value: string): string {
  if (!value.includes('=')) return value
  SESSION_PARAM_IN_STRING.lastIndex = 0
  if (!SESSION_PARAM_IN_STRING.test(value)) return value
  SESSION_PARAM_IN_STRING.lastIndex = 0
  return (
    value
      .replace(SESSION_PARAM_IN_STRING, '$1')
      // What the cut left behind: `?&`, `&&`, `; ;`, a trailing `?`, `&` or `;`.
      .replace(/([?&])&+/g, '$1')
      .replace(/;\s*(?=;)/g, '')
      .replace(/^\s*;\s*/, '')
      .replace(/[?&;]\s*$/, '')
  )
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
 * Returns a copy of a JSON value without viewer-relative and session keys (any spelling, any
 * depth) and without session parameters inside string values, or the same value when nothing
 * was found (no copy is made for the common clean payload). The one body rule of the extension
 * and the server; recursion depth is bounded by the envelope limits applied before.
 */
export function scrubViewerFields(value: unknown): unknown {
  if (typeof value === 'string') return withoutSessionParams(value)
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
      if (isPrivateKey(key)) {
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
