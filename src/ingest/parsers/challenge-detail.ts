/** `/api/challenge/detail/` → the hashtag with TikTok's own video and view totals (§4.3). */

import { field, firstOf, recordAt } from '../../contract/json-value.js'
import type { Count, ParsedHashtag, ParseResult, ParserInput } from '../parsed.js'
import { CaptureBuilder } from './capture-builder.js'
import { parseChallengeStruct } from './challenge-struct.js'
import { countOf } from './counters.js'
import { finish, preflight } from './result.js'

/**
 * The hashtag of a `challengeInfo.{challenge, stats, statsV2}` (the API answer's, the hashtag
 * page's `webapp.challenge-detail` scope's, or the 2020 web shape); the stats may also sit inside
 * `challenge`. Each counter prefers a statsV2 block (exact strings) over a stats block (ints).
 * TikTok often sends `videoCount: 0` next to a huge `viewCount` (#fyp: 0 videos, 5.3e12 views,
 * §4.3): a hashtag with views has videos, so that 0 is a placeholder and becomes null.
 */
export function hashtagOfChallengeInfo(info: unknown): ParsedHashtag | null {
  const challenge = field(info, 'challenge')
  // Every statsV2 block before any stats block (metrics.md §1).
  const blocks = [
    field(info, 'statsV2'),
    field(challenge, 'statsV2'),
    field(info, 'stats'),
    field(challenge, 'stats'),
  ]
  const count = (key: string): Count => firstOf((block) => countOf(field(block, key)), ...blocks)
  const viewCount = count('viewCount')
  let videoCount = count('videoCount')
  if (videoCount === 0 && viewCount !== null && viewCount > 0) videoCount = null
  return parseChallengeStruct(challenge, videoCount, viewCount)
}

/** Parses `/api/challenge/detail/`; a body that IS a challengeInfo (has `challenge`) is accepted. */
export function parseChallengeDetail(input: ParserInput): ParseResult {
  const kind = 'challenge_detail'
  const checked = preflight(kind, input.body)
  if (!checked.ok) return checked.result
  const info = recordAt(checked.body, 'challengeInfo') ?? checked.body
  const out = new CaptureBuilder()
  out.addHashtag(hashtagOfChallengeInfo(info))
  return finish(kind, out, 'challengeInfo.challenge has no title')
}
