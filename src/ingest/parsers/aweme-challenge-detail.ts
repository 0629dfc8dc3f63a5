/** App API `/aweme/v1/challenge/detail/` → the hashtag with TikTok's totals (§4.3, §7). */

import { field, recordAt, stringOf, textOf } from '../../contract/json-value.js'
import { normalizeHashtag } from '../../domain/hashtags.js'
import type { ParseResult, ParserInput } from '../parsed.js'
import { CaptureBuilder } from './capture-builder.js'
import { countOf, idOf } from './counters.js'
import { finish, preflight } from './result.js'

/**
 * Parses `ch_info{cid, cha_name, desc, view_count, user_count}`. The app has no separate
 * video count: `user_count` (what the app shows as the tag's video/participant figure) is
 * stored as `videoCount`, `view_count` as `viewCount`.
 */
export function parseAwemeChallengeDetail(input: ParserInput): ParseResult {
  const kind = 'aweme_challenge_detail'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const info = recordAt(checked.body, 'ch_info')
  const name = normalizeHashtag(stringOf(field(info, 'cha_name')) ?? '')
  const viewCount = countOf(field(info, 'view_count'))
  const userCount = countOf(field(info, 'user_count'))
  const out = new CaptureBuilder()
  if (name !== null) {
    out.addHashtag({
      name,
      id: idOf(field(info, 'cid')),
      description: textOf(field(info, 'desc')),
      // As on the web (§4.3), a 0 next to real views is a placeholder, not a total.
      videoCount: userCount === 0 && viewCount !== null && viewCount > 0 ? null : userCount,
      viewCount,
    })
  }
  return finish(kind, out, 'ch_info has no cha_name')
}
