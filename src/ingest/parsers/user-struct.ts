/** Web (camelCase) user struct + stats/statsV2 → ParsedCreator: profiles and video authors. */

import { booleanOf, field, firstOf, stringOf, textOf } from '../../contract/json-value.js'
import type { ParsedCreator } from '../parsed.js'
import { idOf, statsCount, statsExact } from './counters.js'

/** Strips an `@` some sources put in front of a handle. */
export function usernameOf(value: unknown): string | null {
  const text = textOf(value)
  return text === null ? null : textOf(text.replace(/^@+/, ''))
}

/**
 * A creator from a web `user` object and its `stats` / `statsV2` blocks (`userInfo` of
 * `/api/user/detail/` and SSR, or an item's `author` + `authorStats` / `authorStatsV2`).
 * Each counter comes from statsV2 when present, else stats (427682, not the rounded 427700).
 * `region` is read from `user.region` only (§6.15: never the viewer's app-context region).
 * Returns null without a usable id.
 */
export function parseUserStruct(
  user: unknown,
  stats: unknown,
  statsV2: unknown,
  source: ParsedCreator['source'],
): ParsedCreator | null {
  const id = idOf(field(user, 'id'))
  if (id === null) return null
  const followers = statsCount(statsV2, stats, 'followerCount')
  return {
    id,
    username: usernameOf(field(user, 'uniqueId')),
    secUid: textOf(field(user, 'secUid')),
    nickname: textOf(field(user, 'nickname')),
    // An empty signature is a known empty bio, not an unknown one.
    bio: stringOf(field(user, 'signature')),
    verified: booleanOf(field(user, 'verified')),
    region: textOf(field(user, 'region'))?.toUpperCase() ?? null,
    avatarUrl: firstOf(
      textOf,
      field(user, 'avatarLarger'),
      field(user, 'avatarMedium'),
      field(user, 'avatarThumb'),
    ),
    privateAccount: booleanOf(field(user, 'privateAccount')),
    source,
    followers,
    following: statsCount(statsV2, stats, 'followingCount'),
    // `heartCount` first: `heart` is its duplicate and overflowed int32 in older payloads (§4.2).
    totalLikes: statsCount(statsV2, stats, 'heartCount', 'heart'),
    videoCount: statsCount(statsV2, stats, 'videoCount'),
    // An author block is rounded even in authorStatsV2 (427700 there, "427682" in the same
    // creator's profile statsV2: test/fixtures/tiktok user_detail vs post_item_list samples).
    countsExact:
      source === 'embedded'
        ? followers === null
          ? null
          : false
        : statsExact(statsV2, stats, 'followerCount'),
  }
}
