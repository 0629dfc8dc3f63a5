/** `GET /hashtags/trending`: hashtags by their tracked videos of the last 7 days (§5). */

import { sqlNumber } from '../../db/sql-number.js'
import { trendingTagWindowStart } from '../../domain/trending.js'
import type { QueryContext } from '../query-context.js'
import { type HashtagView, hashtagView } from './hashtag-view.js'
import { hashtagWindowRows } from './hashtag-window.js'
import { type TagTrendView, tagTrendView } from './tag-trend-view.js'

export interface TrendingHashtagsQuery {
  limit: number
}

export type TrendingHashtag = HashtagView & {
  /** 1 for the most trending hashtag. */
  rank: number
  trend: TagTrendView
}

/**
 * §5: hashtags carried by tracked videos posted in the 7 days before `ctx.now()`, by how many such
 * videos (desc), then their summed plays (desc; unknown plays as 0), then name — the order of
 * domain `compareTrendingTags`. Tags with no such video are not trending. The counts are a week
 * of hour buckets per tag plus the window's first partial hour (hashtag-window.ts).
 */
export async function trendingHashtags(
  ctx: QueryContext,
  p: TrendingHashtagsQuery,
): Promise<TrendingHashtag[]> {
  const windowStart = trendingTagWindowStart(ctx.now())
  const rows = await ctx.db
    .with('recent', (db) =>
      db
        .selectFrom(hashtagWindowRows(ctx, windowStart).as('w'))
        .select((eb) => [
          'w.hashtag',
          eb.fn.sum<number>('w.videos').as('recent_videos'),
          eb.fn.sum<number>('w.plays').as('recent_plays'),
        ])
        .groupBy('w.hashtag')
        .having((eb) => eb.fn.sum('w.videos'), '>', 0),
    )
    .selectFrom('recent')
    .innerJoin('hashtags', 'hashtags.name', 'recent.hashtag')
    .selectAll('hashtags')
    .select(['recent.recent_videos', 'recent.recent_plays'])
    .orderBy('recent.recent_videos', 'desc')
    .orderBy('recent.recent_plays', 'desc')
    .orderBy('hashtags.name')
    .limit(p.limit)
    .execute()
  return rows.map(({ recent_videos, recent_plays, ...h }, i) => ({
    ...hashtagView(h),
    rank: i + 1,
    trend: tagTrendView(windowStart, {
      recentVideos: sqlNumber(recent_videos),
      recentPlays: sqlNumber(recent_plays),
    }),
  }))
}
