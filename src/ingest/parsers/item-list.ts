/** `/api/<feed>/item_list/` (post, creator, recommend, challenge, music, …) → videos (§4.1–4.9). */

import { field } from '../../contract/json-value.js'
import type { ParseResult, ParserInput } from '../parsed.js'
import { CaptureBuilder } from './capture-builder.js'
import { collectItems, describeSkipped } from './item-outcome.js'
import { parseItemStruct } from './item-struct.js'
import { linkChallenge, linkMusic, linkSecUid, queryParam } from './list-links.js'
import { describe, drop, finish, preflight } from './result.js'

/** The feeds whose item list is a creator's own videos (`?secUid=`). */
const PROFILE_FEEDS = /^\/api\/(post|creator)\//

/**
 * Parses an item list. `itemList` may be absent (last page, flaky empty answers, §6.6): that is
 * a capture with nothing in it, 'no_entities'. The request URL links the items to what was
 * queried: `challengeID` tags every video, `musicID` fills missing sounds, `secUid` (profile
 * feeds) fills missing authors.
 */
export function parseItemList(input: ParserInput): ParseResult {
  const kind = 'item_list'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const list = field(checked.body, 'itemList')
  if (list !== undefined && list !== null && !Array.isArray(list)) {
    return drop(kind, 'schema_mismatch', `itemList is ${describe(list)}, expected an array`)
  }
  const out = new CaptureBuilder()
  const skipped = collectItems(out, Array.isArray(list) ? list : [], (raw) => parseItemStruct(raw))
  const videos = out.videos()
  linkChallenge(videos, out.hashtags(), queryParam(input.url, 'challengeID', 'challengeId'))
  linkMusic(videos, queryParam(input.url, 'musicID', 'musicId'))
  if (PROFILE_FEEDS.test(input.url.pathname)) {
    linkSecUid(videos, out.creators(), queryParam(input.url, 'secUid'))
  }
  const why = Array.isArray(list)
    ? `itemList has no usable item ${describeSkipped(skipped)}`.trim()
    : 'no itemList in the body'
  return finish(kind, out, why)
}
