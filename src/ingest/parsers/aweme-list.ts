/** App API lists of awemes: `aweme_list[]` (challenge, music, feed…) and `aweme_details[]` (§7). */

import { field } from '../../contract/json-value.js'
import type { ParseResult, ParserInput } from '../parsed.js'
import { parseAwemeItem } from './aweme-item.js'
import { CaptureBuilder } from './capture-builder.js'
import { collectItems, describeSkipped } from './item-outcome.js'
import { linkChallenge, linkMusic, queryParam } from './list-links.js'
import { describe, drop, finish, preflight } from './result.js'

/** The list key: `aweme_list` in feeds, `aweme_details` in `/aweme/v1/multi/aweme/detail/`. */
const LIST_KEYS = ['aweme_list', 'aweme_details'] as const

/**
 * Parses an app aweme list. Like web lists, the body does not say what was queried, so the
 * app's `ch_id` (challenge lists) and `music_id` (music lists) query parameters link the videos
 * the same way `challengeID` / `musicID` do on the web.
 */
export function parseAwemeList(input: ParserInput): ParseResult {
  const kind = 'aweme_list'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const key = LIST_KEYS.find((k) => field(checked.body, k) !== undefined) ?? 'aweme_list'
  const list = field(checked.body, key)
  if (list !== undefined && list !== null && !Array.isArray(list)) {
    return drop(kind, 'schema_mismatch', `${key} is ${describe(list)}, expected an array`)
  }
  const out = new CaptureBuilder()
  const skipped = collectItems(out, Array.isArray(list) ? list : [], parseAwemeItem)
  const videos = out.videos()
  linkChallenge(videos, out.hashtags(), queryParam(input.url, 'ch_id', 'challengeID', 'cid'))
  linkMusic(videos, queryParam(input.url, 'music_id', 'musicID'))
  const why = Array.isArray(list)
    ? `${key} has no usable aweme ${describeSkipped(skipped)}`.trim()
    : 'no aweme_list or aweme_details in the body'
  return finish(kind, out, why)
}
