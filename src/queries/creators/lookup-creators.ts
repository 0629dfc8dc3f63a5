/** Bulk lookup: the latest stored profile counters of many creators by username, in a few queries. */
import { creatorKey, handleKey } from '../../db/change-keys.js'
import { isoTime } from '../iso-time.js'
import { type ProvenanceView, provenanceView } from '../provenance-view.js'
import type { QueryContext } from '../query-context.js'
import { noteReads } from '../read-set.js'

/** A tracked creator's latest profile values; counters null where never observed. */
export interface CreatorLookupValues {
  /** TikTok's user id. */
  id: string
  username: string
  followers: number | null
  following: number | null
  /** Likes received over all the creator's videos, as the profile shows it. */
  likes: number | null
  video_count: number | null
  /** When a profile payload last showed these counters (null: only seen inside videos). */
  observed_at: string | null
  url: string
  /** metrics.md §1.2, as on `Creator`. */
  provenance: ProvenanceView
}

/** Usernames per query: well under every engine's bound on bound parameters. */
const CHUNK = 500

/**
 * The stored creators among lower-cased `usernames` (duplicates allowed), keyed by that
 * username. Where several rows share a handle (TikTok gave it to a new account), the most
 * recently updated one answers, as `GET /creators/{username}` does.
 */
export async function lookupCreators(
  ctx: QueryContext,
  usernames: readonly string[],
): Promise<Map<string, CreatorLookupValues>> {
  const distinct = [...new Set(usernames)]
  const found = new Map<string, CreatorLookupValues>()
  for (let i = 0; i < distinct.length; i += CHUNK) {
    const chunk = distinct.slice(i, i + CHUNK)
    noteReads(...chunk.map(handleKey))
    const rows = await ctx.db
      .selectFrom('creators')
      .select([
        'id',
        'username',
        'username_lower',
        'followers',
        'following',
        'total_likes',
        'video_count',
        'profile_observed_at',
        'counts_exact',
        'counts_observed_at',
        'contributors',
      ])
      .where('username_lower', 'in', chunk)
      .orderBy('last_updated', 'desc')
      .orderBy('id')
      .execute()
    for (const c of rows) {
      const key = c.username_lower
      if (key === null || found.has(key)) continue
      noteReads(creatorKey(c.id))
      const username = c.username ?? key
      found.set(key, {
        id: c.id,
        username,
        followers: c.followers,
        following: c.following,
        likes: c.total_likes,
        video_count: c.video_count,
        observed_at: isoTime(c.profile_observed_at),
        url: `https://www.tiktok.com/@${encodeURIComponent(username)}`,
        provenance: provenanceView(c),
      })
    }
  }
  return found
}
