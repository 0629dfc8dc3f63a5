/** Which TikTok API paths and page JSON scopes Toklytics reads: shared by server and extension. */

/** Payload kinds the registry recognises, named after the endpoint (or embed) they come from. */
export type PayloadKind =
  | 'item_list'
  | 'user_detail'
  | 'item_detail'
  | 'challenge_detail'
  | 'music_detail'
  | 'search_general'
  | 'search_item'
  | 'search_user'
  | 'universal_data'
  | 'sigi_state'
  | 'aweme_list'
  | 'aweme_challenge_detail'
  | 'aweme_music_detail'
  | 'aweme_music_search'
  | 'legacy_item_list'
  | 'comment_list'

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
export const RECOGNISED_ONLY_KINDS: ReadonlySet<PayloadKind> = new Set(['comment_list'])

/**
 * Paths about the person browsing — their account, session, messages, notifications, settings
 * and social graph — never captured, whatever their body looks like (a viewer's own profile
 * answer has the shape of anyone's). Everything else on TikTok's hosts is judged by its body.
 */
export const PERSONAL_PATH =
  /^\/(?:passport|login|logout|account|settings|messages|inbox|notifications?)(?:\/|$)|^\/api\/(?:im|inbox|notice|notification|passport|account|commit|upload|privacy|setting|settings|user\/settings|user\/list|friend|friends|relation|report|feedback|message)(?:\/|$)|^\/(?:aweme|tiktok)\/v\d+\/(?:im|notice|user\/setting|commit|passport|friend|relation)\//

/**
 * The scopes of a page's `__UNIVERSAL_DATA_FOR_REHYDRATION__.__DEFAULT_SCOPE__` that describe
 * content (§5.1). `webapp.app-context` is the VIEWER: it is never read, nor sent.
 */
export const PAGE_SCOPES = {
  userDetail: 'webapp.user-detail',
  videoDetail: 'webapp.video-detail',
  /** A video page in the mobile layout: the same `itemInfo` under its own name. */
  reflowVideoDetail: 'webapp.reflow.video.detail',
  /** A hashtag page: `challengeInfo` as `/api/challenge/detail/` answers it. */
  challengeDetail: 'webapp.challenge-detail',
  /** A sound page: `musicInfo` as `/api/music/detail/` answers it. */
  musicDetail: 'webapp.music-detail',
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
