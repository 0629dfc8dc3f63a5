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

/** Top `limit` tags of the creator's tracked videos: uses desc, then name. One grouped query. */
export async function creatorHashtagUsage(
  ctx: QueryContext,
  creatorId: string,
  limit: number,
): Promise<HashtagUsage[]> {
  const rows = await ctx.db
    .selectFrom('video_hashtags')
    .innerJoin('videos', 'videos.id', 'video_hashtags.video_id')
    .select((eb) => [
      'video_hashtags.hashtag',
      eb.fn.countAll<number>().as('uses'),
      // PostgreSQL sums bigints as numeric, which arrives as a string: read with Number().
      eb.fn.sum<number | string | null>('videos.plays').as('plays'),
      eb.fn.count<number>('videos.plays').as('with_plays'),
    ])
    .where('videos.creator_id', '=', creatorId)
    .groupBy('video_hashtags.hashtag')
    .orderBy('uses', 'desc')
    .orderBy('video_hashtags.hashtag')
    .limit(limit)
    .execute()
  return rows.map((r) => ({
    hashtag: r.hashtag,
    uses: Number(r.uses),
    avg_views: averageViews(Number(r.plays ?? 0), Number(r.with_plays)),
  }))
}
