/** Which TikTok API paths and page JSON scopes Toklytics reads: shared by server and extension. */

/** Payload kinds read from an API path (the page kinds are classified by body). */
export type ApiPayloadKind =
  | 'item_list'
  | 'user_detail'
  | 'item_detail'
  | 'challenge_detail'
  | 'music_detail'
  | 'search_general'
  | 'search_item'
  | 'search_user'
  | 'comment_list'
  | 'aweme_challenge_detail'
  | 'aweme_music_detail'
  | 'aweme_list'

/** The feeds whose `/api/<feed>/item_list/` returns `itemList[]` item structs (§4). */
export const ITEM_LIST_FEEDS: readonly string[] = [
  'post',
  'creator',
  'recommend',
  'explore',
  'related',
  'challenge',
  'music',
  'favorite',
  'repost',
  'collection',
  'mix',
  'story',
  'preload',
]

/** API paths (§8.3 allow-list and the app API), matched with or without the final slash. */
export const API_ROUTES: readonly (readonly [RegExp, ApiPayloadKind])[] = [
  [new RegExp(`^/api/(${ITEM_LIST_FEEDS.join('|')})/item_list/?$`), 'item_list'],
  [/^\/api\/user\/detail\/?$/, 'user_detail'],
  [/^\/api\/item\/detail\/?$/, 'item_detail'],
  [/^\/api\/challenge\/detail\/?$/, 'challenge_detail'],
  [/^\/api\/music\/detail\/?$/, 'music_detail'],
  [/^\/api\/search\/general\/full\/?$/, 'search_general'],
  [/^\/api\/search\/item\/full\/?$/, 'search_item'],
  [/^\/api\/search\/user\/full\/?$/, 'search_user'],
  [/^\/api\/comment\/list(\/reply)?\/?$/, 'comment_list'],
  [/^\/aweme\/v\d+\/challenge\/detail\/?$/, 'aweme_challenge_detail'],
  [/^\/aweme\/v\d+\/music\/detail\/?$/, 'aweme_music_detail'],
  // `/aweme/v1/challenge/aweme/`, `/aweme/v1/music/aweme/`, …: lists of awemes.
  [/^\/aweme\/v\d+\/(?:[\w-]+\/)+aweme\/?$/, 'aweme_list'],
]

/**
 * Kinds the server recognises but stores nothing from (comments are other people's text, and no
 * metric uses them): the collector does not send them at all.
 */
export const RECOGNISED_ONLY_KINDS: ReadonlySet<ApiPayloadKind> = new Set(['comment_list'])

/** Any other app API path: read only when its body holds an `aweme_list` array. */
export const AWEME_API_PATH = /^\/aweme\/v\d+\//

/**
 * The scopes of a page's `__UNIVERSAL_DATA_FOR_REHYDRATION__.__DEFAULT_SCOPE__` that describe
 * content (§5.1). `webapp.app-context` is the VIEWER: it is never read, nor sent.
 */
export const PAGE_SCOPES = {
  userDetail: 'webapp.user-detail',
  videoDetail: 'webapp.video-detail',
  updatedItems: 'webapp.updated-items',
} as const

/** The legacy `SIGI_STATE` modules the server reads (§5.2): content and the pages' statusCode. */
export const SIGI_CONTENT_MODULES = ['ItemModule', 'UserModule'] as const
export const SIGI_PAGE_MODULES = ['UserPage', 'VideoPage', 'ChallengePage'] as const

/** True for `domain` itself and its subdomains (not `eviltiktok.com`). */
export function isHostOf(hostname: string, domain: string): boolean {
  return hostname === domain || hostname.endsWith(`.${domain}`)
}

/** Web (`tiktok.com`) and app API (`tiktokv.com`) hosts. */
export function isTikTokHost(url: URL): boolean {
  const host = url.hostname.toLowerCase()
  return isHostOf(host, 'tiktok.com') || isHostOf(host, 'tiktokv.com')
}

/** The kind of an API path in `API_ROUTES`, or null. */
export function apiRouteKind(path: string): ApiPayloadKind | null {
  for (const [pattern, kind] of API_ROUTES) {
    if (pattern.test(path)) return kind
  }
  return null
}

/**
 * True when a request to this URL answers with JSON that the server stores something from: a
 * TikTok host and an `API_ROUTES` path (but `RECOGNISED_ONLY_KINDS`), or any app API path (whose
 * body decides). Pages are not API requests; their embedded JSON is read separately.
 */
export function isCapturableApiUrl(url: URL): boolean {
  if (url.protocol !== 'https:' || !isTikTokHost(url)) return false
  const kind = apiRouteKind(url.pathname)
  if (kind !== null) return !RECOGNISED_ONLY_KINDS.has(kind)
  return AWEME_API_PATH.test(url.pathname)
}
