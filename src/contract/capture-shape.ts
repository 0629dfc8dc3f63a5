/** Recognises TikTok content by its JSON shape: for any response, whatever its path or method. */
import {
  apiRouteKind,
  isHostOf,
  isTikTokHost,
  type PayloadKind,
  PERSONAL_PATH,
} from './capture-routes.js'
import { field, isRecord, type JsonRecord } from './json-value.js'

/**
 * A body whose kind was recognised. A body saved without its request URL is given its kind's
 * canonical URL (`SHAPE_URLS`), so the pipeline (privacy, hashing, storage) works as for any
 * capture.
 */
export interface ShapeMatch {
  kind: PayloadKind
  /** What gave it away, for reports: `itemList`, `userInfo.user`, `a bare item struct`… */
  shape: string
  /**
   * What the kind's parser reads: the body itself, or, for a fragment TikTok only ever sends
   * inside a response (a lone item struct, a page's `userInfo`), that fragment put back into
   * the response shape around it. `wrapped` says which.
   */
  body: unknown
  wrapped: boolean
}

/**
 * One URL per kind that `classifyCapture` maps back to that kind. `item_list` uses the post feed
 * without `secUid`, so no list-linking rule applies (the body does not say what was queried);
 * pages use the site root, which the registry classifies by body.
 */
export const SHAPE_URLS: Readonly<Record<PayloadKind, string>> = {
  item_list: 'https://www.tiktok.com/api/post/item_list/',
  user_detail: 'https://www.tiktok.com/api/user/detail/',
  item_detail: 'https://www.tiktok.com/api/item/detail/',
  challenge_detail: 'https://www.tiktok.com/api/challenge/detail/',
  music_detail: 'https://www.tiktok.com/api/music/detail/',
  search_general: 'https://www.tiktok.com/api/search/general/full/',
  search_item: 'https://www.tiktok.com/api/search/item/full/',
  search_user: 'https://www.tiktok.com/api/search/user/full/',
  comment_list: 'https://www.tiktok.com/api/comment/list/',
  universal_data: 'https://www.tiktok.com/',
  sigi_state: 'https://www.tiktok.com/',
  // Any app API path is classified by its body's `aweme_list`; `feed` names no hashtag or sound.
  aweme_list: 'https://api.tiktokv.com/aweme/v1/feed/',
  aweme_challenge_detail: 'https://api.tiktokv.com/aweme/v1/challenge/detail/',
  aweme_music_detail: 'https://api.tiktokv.com/aweme/v1/music/detail/',
  aweme_music_search: 'https://api.tiktokv.com/aweme/v1/music/search/',
  // The 2019–2020 web list; `/share/item/list` names no hashtag or sound either.
  legacy_item_list: 'https://www.tiktok.com/share/item/list',
}

const plain = (kind: PayloadKind, shape: string, body: unknown): ShapeMatch => ({
  kind,
  shape,
  body,
  wrapped: false,
})

const wrap = (kind: PayloadKind, shape: string, body: unknown): ShapeMatch => ({
  kind,
  shape,
  body,
  wrapped: true,
})

const isId = (value: unknown): boolean =>
  (typeof value === 'string' && /^\d+$/.test(value)) ||
  (typeof value === 'number' && Number.isInteger(value))

/**
 * A web item struct (`itemList[]`, `itemStruct`, a SIGI `ItemModule` value, a Zeeschuimer
 * record's `data`): a numeric `id`, a `createTime`, a `desc` and an author (an object, or the
 * uniqueId string of SIGI items) or counters.
 */
export function isItemStruct(value: unknown): value is JsonRecord {
  return (
    isRecord(value) &&
    isId(field(value, 'id')) &&
    field(value, 'createTime') !== undefined &&
    typeof field(value, 'desc') === 'string' &&
    (field(value, 'author') !== undefined || isRecord(field(value, 'stats')))
  )
}

/** An app (snake_case) aweme: `aweme_id` and `statistics`. */
function isAweme(value: unknown): boolean {
  return isRecord(value) && isId(field(value, 'aweme_id')) && isRecord(field(value, 'statistics'))
}

/** An app sound (`music[]` of the music search): an id the JSON number cannot round, a title. */
function isAppMusic(value: unknown): boolean {
  return (
    isRecord(value) &&
    (isId(field(value, 'id_str')) || isId(field(value, 'mid'))) &&
    typeof field(value, 'title') === 'string'
  )
}

/** A 2019–2020 web list entry: `itemInfos` (the video) beside `authorInfos`, `musicInfos`… */
function isLegacyItemEntry(value: unknown): boolean {
  return isRecord(value) && isRecord(field(value, 'itemInfos'))
}

/** A comment as `/api/comment/list/` sends it: `cid` and `aweme_id`. */
function isComment(value: unknown): boolean {
  return (
    isRecord(value) && field(value, 'cid') !== undefined && field(value, 'aweme_id') !== undefined
  )
}

/**
 * General search entries: `type` 1 with a video (`item` on the web, `aweme_info` in the app) or
 * user cards (`user_list`, type 4 on the web).
 */
function isSearchGeneral(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.some(
      (e) =>
        (field(e, 'type') === 1 &&
          (isRecord(field(e, 'item')) || isAweme(field(e, 'aweme_info')))) ||
        Array.isArray(field(e, 'user_list')),
    )
  )
}

/**
 * The payload kind of a JSON body from its keys, or null when it is no shape Toklytics reads.
 * Pure. The checks go from the most specific key to the most generic: a page's `userInfo` also
 * holds an `itemList`, and an error answer (`statusCode: 10221, userInfo: {}`) is still a user
 * detail, whose parser reports TikTok's error.
 */
export function classifyShape(body: unknown): ShapeMatch | null {
  if (!isRecord(body)) return null
  const has = (key: string) => Object.hasOwn(body, key)
  const isArrayAt = (key: string) => Array.isArray(field(body, key))

  // Pages: `__UNIVERSAL_DATA_FOR_REHYDRATION__` and the legacy `SIGI_STATE`.
  if (isRecord(field(body, '__DEFAULT_SCOPE__')))
    return plain('universal_data', '__DEFAULT_SCOPE__', body)
  if (isRecord(field(body, 'ItemModule')) || isRecord(field(body, 'UserModule')))
    return plain('sigi_state', 'ItemModule/UserModule', body)

  // Web API responses.
  if (isRecord(field(body, 'userInfo'))) return plain('user_detail', 'userInfo', body)
  if (isRecord(field(body, 'itemInfo'))) return plain('item_detail', 'itemInfo.itemStruct', body)
  if (isRecord(field(body, 'challengeInfo')))
    return plain('challenge_detail', 'challengeInfo', body)
  if (isRecord(field(body, 'musicInfo'))) return plain('music_detail', 'musicInfo', body)
  if (isArrayAt('itemList')) {
    // A page's `userInfo` block (user, stats, itemList) is a profile, not a list.
    if (isRecord(field(body, 'user')) && isRecord(field(body, 'stats')))
      return wrap('user_detail', 'a bare userInfo (user, stats)', { userInfo: body })
    return plain('item_list', 'itemList', body)
  }
  if (isSearchGeneral(field(body, 'data')))
    return plain('search_general', 'data[] of type 1/4', body)
  if (isArrayAt('item_list')) return plain('search_item', 'item_list', body)
  if (isArrayAt('user_list')) return plain('search_user', 'user_list', body)
  // Web item structs carry a `comments` array of their own (usually empty).
  if (isItemStruct(body)) return wrap('item_list', 'a bare item struct', { itemList: [body] })
  if (isArrayAt('comments')) return plain('comment_list', 'comments', body)

  // App (aweme) API responses.
  if (isArrayAt('aweme_list')) return plain('aweme_list', 'aweme_list', body)
  if (isArrayAt('aweme_details')) return plain('aweme_list', 'aweme_details', body)
  if (isAweme(field(body, 'aweme_detail')))
    return wrap('aweme_list', 'aweme_detail', { aweme_list: [field(body, 'aweme_detail')] })
  if (isRecord(field(body, 'ch_info'))) return plain('aweme_challenge_detail', 'ch_info', body)
  if (isRecord(field(body, 'music_info'))) return plain('aweme_music_detail', 'music_info', body)
  const music = field(body, 'music')
  if (Array.isArray(music) && music.some(isAppMusic))
    return plain('aweme_music_search', 'music[] of app sounds', body)

  // The 2019–2020 web: `/share/item/list` answered `body.itemListData[]` (some tools saved the
  // `body`, or the entries, on their own).
  const legacyList = (value: unknown) => {
    const entries = field(value, 'itemListData')
    return Array.isArray(entries) && entries.some(isLegacyItemEntry)
  }
  if (legacyList(field(body, 'body')) || legacyList(body))
    return plain('legacy_item_list', 'itemListData[].itemInfos', body)
  if (isLegacyItemEntry(body))
    return wrap('legacy_item_list', 'a bare itemInfos entry', { body: { itemListData: [body] } })

  // Fragments that other tools save on their own.
  if (isRecord(field(body, 'user')) && isRecord(field(body, 'stats')))
    return wrap('user_detail', 'a bare userInfo (user, stats)', { userInfo: body })
  // The challenge parser reads a bare challengeInfo (the 2020 web shape) as it is.
  if (isRecord(field(body, 'challenge')) && has('stats'))
    return plain('challenge_detail', 'a bare challengeInfo (challenge, stats)', body)
  if (isAweme(body)) return wrap('aweme_list', 'a bare aweme', { aweme_list: [body] })
  if (isComment(body)) return wrap('comment_list', 'a bare comment', { comments: [body] })
  return null
}

/** Page JSON kinds: only a tiktok.com page (not the app API hosts) embeds them. */
const PAGE_KINDS: ReadonlySet<PayloadKind> = new Set(['universal_data', 'sigi_state'])

/**
 * The kind of a response and the body its parser reads, or null when it holds nothing Toklytics
 * stores. One rule for the collector (which uploads only what this recognises) and the server:
 * a path in `API_ROUTES` keeps its kind (its parser reports TikTok's errors and empty pages);
 * any other path on TikTok's hosts — a new feed, a POST, a page — is judged by its body's shape
 * (`classifyShape`). Personal paths are never content. (The collector also leaves out
 * `RECOGNISED_ONLY_KINDS`, which the server reads only to say why it stores nothing.)
 */
export function recogniseCapture(url: URL, body: unknown): ShapeMatch | null {
  if (!isTikTokHost(url) || PERSONAL_PATH.test(url.pathname)) return null
  const routed = apiRouteKind(url.pathname)
  if (routed !== null) return plain(routed, `the path ${url.pathname}`, body)
  const match = classifyShape(body)
  if (match === null) return null
  if (PAGE_KINDS.has(match.kind) && !isHostOf(url.hostname.toLowerCase(), 'tiktok.com')) {
    return null
  }
  return match
}
