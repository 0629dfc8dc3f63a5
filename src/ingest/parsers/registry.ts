/** Classifies a capture by its path or, on any other path, its body's shape, and runs its parser. */
import { apiRouteKind, isTikTokHost, PERSONAL_PATH } from '../../contract/capture-routes.js'
import { recogniseCapture } from '../../contract/capture-shape.js'
import type { ParseResult, ParserInput, PayloadKind } from '../parsed.js'
import { parseAwemeChallengeDetail } from './aweme-challenge-detail.js'
import { parseAwemeList } from './aweme-list.js'
import { parseAwemeMusicDetail } from './aweme-music-detail.js'
import { parseAwemeMusicSearch } from './aweme-music-search.js'
import { parseChallengeDetail } from './challenge-detail.js'
import { parseCommentList } from './comment-list.js'
import { parseItemDetail } from './item-detail.js'
import { parseItemList } from './item-list.js'
import { parseLegacyItemList } from './legacy-item-list.js'
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
export const PARSER_VERSION = 3

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
  aweme_music_search: parseAwemeMusicSearch,
  legacy_item_list: parseLegacyItemList,
  comment_list: parseCommentList,
}

/**
 * The payload kind of a capture, or null when it is not one Toklytics reads: a path in
 * `API_ROUTES` gives its kind; any other path on TikTok's hosts is judged by the body's shape
 * (`recogniseCapture`), so a feed TikTok adds tomorrow, a POST or a page parses as its content
 * says. The body must already be parsed (parseCapture does it).
 */
export function classifyCapture(url: URL, body: unknown): PayloadKind | null {
  return recogniseCapture(url, body)?.kind ?? null
}

/**
 * What the URL alone says: the payload kind, null when no body could make it one Toklytics
 * reads (another host, a personal path), or 'by_body'. Lets queue mode refuse what it would
 * never parse before storing it.
 */
export function classifyByUrl(url: URL): PayloadKind | 'by_body' | null {
  if (!isTikTokHost(url) || PERSONAL_PATH.test(url.pathname)) return null
  return apiRouteKind(url.pathname) ?? 'by_body'
}

/**
 * Parses one capture: a string body is JSON-parsed first ('' → 'empty_body', bad JSON →
 * 'invalid_json'), then the kind is recognised and its parser run on the body (a fragment put
 * back into its response). Other hosts, personal paths and unknown shapes → 'unsupported_kind'.
 * Never throws.
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
  const match = recogniseCapture(url, body)
  if (match === null) {
    const why = PERSONAL_PATH.test(url.pathname)
      ? 'a path about the person browsing, never stored'
      : 'no content shape Toklytics reads in the body'
    return drop(null, 'unsupported_kind', `${url.hostname}${url.pathname}: ${why}`)
  }
  const { kind } = match
  try {
    return PARSERS[kind]({ url, body: match.body })
  } catch (error) {
    // The parsers only read through the guards of json-value.ts; this is a last line of defence
    // so that one odd capture is dropped instead of failing its batch (DESIGN.md rule 5).
    const reason = error instanceof Error ? error.message : String(error)
    return drop(kind, 'schema_mismatch', `the ${kind} parser failed: ${reason}`)
  }
}
