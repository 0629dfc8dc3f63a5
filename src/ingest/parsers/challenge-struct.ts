/** Web challenge object (`challenges[]`, `challengeInfo.challenge`) → ParsedHashtag. */

import { field, stringOf, textOf } from '../../contract/json-value.js'
import { normalizeHashtag } from '../../domain/hashtags.js'
import type { Count, ParsedHashtag } from '../parsed.js'
import { idOf } from './counters.js'

/**
 * A hashtag from a challenge object. Counts are TikTok's totals and are only passed for
 * challenge detail payloads; the `stats` inside items' `challenges[]` are always 0 (2022
 * recommend sample), so they are not read here. Returns null when the title is empty.
 */
export function parseChallengeStruct(
  challenge: unknown,
  videoCount: Count = null,
  viewCount: Count = null,
): ParsedHashtag | null {
  const name = normalizeHashtag(stringOf(field(challenge, 'title')) ?? '')
  if (name === null) return null
  return {
    name,
    id: idOf(field(challenge, 'id')),
    description: textOf(field(challenge, 'desc')),
    videoCount,
    viewCount,
  }
}
