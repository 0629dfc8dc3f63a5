/** App API lists returning `aweme_list[]` (`/aweme/v1/challenge/aweme/` and siblings, §7). */
import type { ParseResult, ParserInput } from '../parsed.js'
import { parseAwemeItem } from './aweme-item.js'
import { CaptureBuilder } from './capture-builder.js'
import { collectItems, describeSkipped } from './item-outcome.js'
import { field } from './json-value.js'
import { linkChallenge, linkMusic, queryParam } from './list-links.js'
import { describe, drop, finish, preflight } from './result.js'

/**
 * Parses an app aweme list. Like web lists, the body does not say what was queried, so the
 * app's `ch_id` (challenge lists) and `music_id` (music lists) query parameters link the videos
 * the same way `challengeID` / `musicID` do on the web.
 */
export function parseAwemeList(input: ParserInput): ParseResult {
  const kind = 'aweme_list'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const list = field(checked.body, 'aweme_list')
  if (list !== undefined && list !== null && !Array.isArray(list)) {
    return drop(kind, 'schema_mismatch', `aweme_list is ${describe(list)}, expected an array`)
  }
  const out = new CaptureBuilder()
  const skipped = collectItems(out, Array.isArray(list) ? list : [], parseAwemeItem)
  const videos = out.videos()
  linkChallenge(videos, out.hashtags(), queryParam(input.url, 'ch_id', 'challengeID', 'cid'))
  linkMusic(videos, queryParam(input.url, 'music_id', 'musicID'))
  const why = Array.isArray(list)
    ? `aweme_list has no usable aweme ${describeSkipped(skipped)}`.trim()
    : 'no aweme_list in the body'
  return finish(kind, out, why)
}
