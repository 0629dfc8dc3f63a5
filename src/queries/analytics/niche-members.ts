/** The creators of a niche (metrics.md §4) with the metric columns the niche report and planner read. */
import { keywordsFor } from '../../domain/niches.js'
import { inNiche } from '../creators/creator-filters.js'
import { type QueryCache, queryCache } from '../query-cache.js'
import type { QueryContext } from '../query-context.js'

export interface NicheMember {
  id: string
  username: string
  nickname: string | null
  followers: number | null
  region: string | null
  tier: string
  grade: string
  score: number | null
  /** Null without evidence (metrics.md §2), like the other metrics. */
  engagement_rate: number | null
  posts_per_week: number | null
  last_posted_at: number | null
  sample_size: number
  median_views: number | null
  sponsorship_low: number | null
  sponsorship_high: number | null
  /** metrics.md §11; null when none of the sample's videos is known. */
  sponsored_share: number | null
}

export interface NicheMembers {
  rows: NicheMember[]
  /** When the rows were read (epoch seconds, ctx.now()). */
  readAt: number
}

export type NicheMembersCache = QueryCache<NicheMembers>

/** How long a niche's member list is reused. */
export const NICHE_MEMBERS_TTL_SECONDS = 60

/** Bounds the memory of the cached member lists: at most this many rows in all, per database. */
const NICHE_MEMBERS_MAX_ROWS = 400_000

export function nicheMembersCache(): NicheMembersCache {
  return queryCache<NicheMembers>({
    ttlSeconds: NICHE_MEMBERS_TTL_SECONDS,
    max: 64,
    sizeOf: (m) => m.rows.length,
    maxSize: NICHE_MEMBERS_MAX_ROWS,
  })
}

/**
 * Every creator with a username in `niche` (§4, via `inNiche`), read once per
 * NICHE_MEMBERS_TTL_SECONDS and keyed by keywords(niche), so that "gymtok" and "fitness" share
 * one read. Why cached: the read is index-driven but costs one creator row per member (thousands
 * for a broad niche); the niche report and the planner (every budget, minimum and region) then
 * filter these rows in memory instead of reading them again.
 */
export async function nicheMembers(
  ctx: QueryContext,
  niche: string,
  cache: NicheMembersCache,
): Promise<NicheMembers> {
  const key = keywordsFor(niche).join('\n')
  return cache.get(ctx, key, async () => {
    const readAt = ctx.now()
    const rows = await ctx.db
      .selectFrom('creators')
      .select([
        'id',
        'username',
        'nickname',
        'followers',
        'region',
        'tier',
        'grade',
        'score',
        'engagement_rate',
        'posts_per_week',
        'last_posted_at',
        'sample_size',
        'median_views',
        'sponsorship_low',
        'sponsorship_high',
        'sponsored_share',
      ])
      .where('username', 'is not', null)
      .where((eb) => inNiche(eb, niche))
      .$narrowType<{ username: string }>()
      .execute()
    return { rows, readAt }
  })
}
