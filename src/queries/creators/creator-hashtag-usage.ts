/** The hashtags a creator uses most, with the average views of the videos carrying them. */
import { averageViews } from '../../domain/average-views.js'
import type { QueryContext } from '../query-context.js'

export interface HashtagUsage {
  hashtag: string
  /** The creator's tracked videos carrying the tag. */
  uses: number
  /** round(Σ plays / those videos with known plays); null when none is known. */
  avg_views: number | null
}

/** Top `limit` tags of the creator's tracked videos: uses desc, then name (creator_hashtags). */
export async function creatorHashtagUsage(
  ctx: QueryContext,
  creatorId: string,
  limit: number,
): Promise<HashtagUsage[]> {
  const rows = await ctx.db
    .selectFrom('creator_hashtags')
    .select(['hashtag', 'uses', 'plays', 'with_plays'])
    .where('creator_id', '=', creatorId)
    .orderBy('uses', 'desc')
    .orderBy('hashtag')
    .limit(limit)
    .execute()
  return rows.map((r) => ({
    hashtag: r.hashtag,
    uses: r.uses,
    avg_views: averageViews(r.plays, r.with_plays),
  }))
}
