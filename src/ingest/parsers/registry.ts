/** Classifies a capture by its URL (and, for pages, its body) and runs the matching parser. */
import {
  AWEME_API_PATH,
  apiRouteKind,
  isHostOf,
  isTikTokHost,
} from '../../contract/capture-routes.js'
import type { ParseResult, ParserInput, PayloadKind } from '../parsed.js'
import { parseAwemeChallengeDetail } from './aweme-challenge-detail.js'
import { parseAwemeList } from './aweme-list.js'
import { parseAwemeMusicDetail } from './aweme-music-detail.js'
import { parseChallengeDetail } from './challenge-detail.js'
import { parseCommentList } from './comment-list.js'
import { parseItemDetail } from './item-detail.js'
import { parseItemList } from './item-list.js'
import { field, isRecord } from './json-value.js'
import { parseMusicDetail } from './music-detail.js'
import { drop, isEmptyBody } from './result.js'
import { parseSearchGeneral } from './search-general.js'
import { parseSearchItem } from './search-item.js'
import { parseSearchUser } from './search-user.js'
import { parseSigiState } from './sigi-state.js'
import { parseUniversalData } from './universal-data.js'
import { parseUserDetail } from './user-detail.js'

/**
 * Version of the parsing output. Bump it whenever any parser's output for the same capture
 * changes, so stored raw captures can be re-parsed (`toklytics reprocess`).
 */
export const PARSER_VERSION = 2

const PARSERS: Readonly<Record<PayloadKind, (input: ParserInput) => ParseResult>> = {
  item_list: parseItemList,
  user_detail: parseUserDetail,
  item_detail: parseItemDetail,
  challenge_detail: parseChallengeDetail,
  music_detail: parseMusicDetail,
  search_general: parseSearchGeneral,
  search_item: parseSearchItem,
  search_user: parseSearchUser,
  universal_data: parseUniversalData,
  sigi_state: parseSigiState,
  aweme_list: parseAwemeList,
  aweme_challenge_detail: parseAwemeChallengeDetail,
  aweme_music_detail: parseAwemeMusicDetail,
  comment_list: parseCommentList,
}

/**
 * The payload kind of a capture, or null when it is not one Toklytics reads.
 * `/api/…` and `/aweme/v1/…` are classified by path (§8.3.6: by endpoint, not by body shape);
 * any other `/aweme/vN/` path whose body holds an `aweme_list` array is an `aweme_list`. A page
 * URL on tiktok.com is classified by its embedded JSON: `__DEFAULT_SCOPE__` → universal_data,
 * `ItemModule`/`UserModule` → sigi_state. The body must already be parsed (parseCapture does it).
 */
export function classifyCapture(url: URL, body: unknown): PayloadKind | null {
  const byUrl = classifyByUrl(url)
  if (byUrl !== 'by_body') return byUrl
  if (AWEME_API_PATH.test(url.pathname)) {
    return Array.isArray(field(body, 'aweme_list')) ? 'aweme_list' : null
  }
  if (isRecord(field(body, '__DEFAULT_SCOPE__'))) return 'universal_data'
  const sigi = isRecord(field(body, 'ItemModule')) || isRecord(field(body, 'UserModule'))
  return sigi ? 'sigi_state' : null
}

/**
 * What the URL alone says: the payload kind, null when no body could make it one Toklytics
 * reads, or 'by_body' (app API lists and pages). Lets queue mode refuse what it would never parse.
 */
export function classifyByUrl(url: URL): PayloadKind | 'by_body' | null {
  if (!isTikTokHost(url)) return null
  const path = url.pathname
  const apiKind = apiRouteKind(path)
  if (apiKind !== null) return apiKind
  if (AWEME_API_PATH.test(path)) return 'by_body'
  if (path.startsWith('/api/') || !isHostOf(url.hostname.toLowerCase(), 'tiktok.com')) return null
  return 'by_body'
}

/**
 * Parses one capture: a string body is JSON-parsed first ('' → 'empty_body', bad JSON →
 * 'invalid_json'), then the kind is classified and its parser run. Unknown hosts and paths
 * → 'unsupported_kind'. Never throws.
 */
export function parseCapture(input: ParserInput): ParseResult {
  const { url } = input
  if (!isTikTokHost(url)) {
    return drop(null, 'unsupported_kind', `not a TikTok host: ${url.hostname}`)
  }
  const emptyBody = (): ParseResult =>
    drop(classifyCapture(url, undefined), 'empty_body', 'the body is empty')
  let body = input.body
  if (isEmptyBody(body)) return emptyBody()
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      return drop(classifyCapture(url, undefined), 'invalid_json', `body is not JSON: ${reason}`)
    }
    // `"null"` or `"{}"`: as empty as the empty string.
    if (isEmptyBody(body)) return emptyBody()
  }
  const kind = classifyCapture(url, body)
  if (kind === null) {
    return drop(null, 'unsupported_kind', `no parser for ${url.hostname}${url.pathname}`)
  }
  try {
    return PARSERS[kind]({ url, body })
  } catch (error) {
    // The parsers only read through the guards of json-value.ts; this is a last line of defence
    // so that one odd capture is dropped instead of failing its batch (DESIGN.md rule 5).
    const reason = error instanceof Error ? error.message : String(error)
    return drop(kind, 'schema_mismatch', `the ${kind} parser failed: ${reason}`)
  }
}
