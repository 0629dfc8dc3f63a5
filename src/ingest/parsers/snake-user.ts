/** App-format (snake_case) user → ParsedCreator: search user cards and aweme authors (§7). */

import { arrayAt, field, firstOf, flagOf, stringOf, textOf } from '../../contract/json-value.js'
import type { Count, ParsedCreator } from '../parsed.js'
import { countOf, idOf } from './counters.js'
import { usernameOf } from './user-struct.js'

/** The first URL of an app image object (`{uri, url_list: [...]}`). */
export function firstUrlOf(image: unknown): string | null {
  return firstOf(textOf, ...arrayAt(image, 'url_list'))
}

/**
 * A snake_case user is verified when it carries a verification text: `custom_verify` (a
 * creator's badge, "Verified account", "Popular creator") or `enterprise_verify_reason` (a
 * business). Both present and empty: not verified; neither present: unknown.
 * `verification_type` says nothing: real answers carry 1 for unverified accounts (the author of
 * aweme_multi_detail.sample1) and 0 for a verified business (aweme_search_general.sample1).
 */
function verifiedOf(user: unknown): boolean | null {
  const texts = [field(user, 'custom_verify'), field(user, 'enterprise_verify_reason')]
  if (texts.some((text) => textOf(text) !== null)) return true
  return texts.some((text) => typeof text === 'string') ? false : null
}

/**
 * A creator from a snake_case user (`uid`, `unique_id`, `sec_uid`, `follower_count`,
 * `total_favorited`…). Search cards are profiles: counters they carry are kept, absent ones are
 * null. Aweme-list authors are `embedded` and their counters arrive as unpopulated 0s (§7), so
 * with `zeroIsUnknown` a 0 counter becomes null. Ids only from strings or safe integers (§6.1).
 */
export function parseSnakeUser(
  user: unknown,
  source: ParsedCreator['source'],
  zeroIsUnknown: boolean,
): ParsedCreator | null {
  const id = firstOf(idOf, field(user, 'uid'), field(user, 'id_str'))
  if (id === null) return null
  const count = (key: string): Count => {
    const value = countOf(field(user, key))
    return zeroIsUnknown && value === 0 ? null : value
  }
  return {
    id,
    username: usernameOf(field(user, 'unique_id')),
    secUid: textOf(field(user, 'sec_uid')),
    nickname: textOf(field(user, 'nickname')),
    bio: stringOf(field(user, 'signature')),
    verified: verifiedOf(user),
    region: textOf(field(user, 'region'))?.toUpperCase() ?? null,
    avatarUrl: firstOf(
      firstUrlOf,
      field(user, 'avatar_larger'),
      field(user, 'avatar_medium'),
      field(user, 'avatar_thumb'),
    ),
    privateAccount: flagOf(field(user, 'secret')),
    source,
    followers: count('follower_count'),
    following: count('following_count'),
    totalLikes: count('total_favorited'),
    videoCount: count('aweme_count'),
    // The app sends one integer per counter; whether it is rounded is not documented.
    countsExact: null,
  }
}
