/** `GET /hashtags/trending`: hashtags by their tracked videos of the last 7 days (§5). */

import { sql } from 'kysely'
import { textWithoutIndex } from '../../db/planner-hints.js'
import { sqlNumber } from '../../db/sql-number.js'
import { trendingTagWindowStart } from '../../domain/trending.js'
import type { QueryContext } from '../query-context.js'
import { type HashtagView, hashtagView } from './hashtag-view.js'
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
 * domain `compareTrendingTags`. Tags with no such video are not trending. The window's videos
 * are read from videos(posted_at) and joined to video_hashtags by primary key.
 */
export async function trendingHashtags(
  ctx: QueryContext,
  p: TrendingHashtagsQuery,
): Promise<TrendingHashtag[]> {
  const windowStart = trendingTagWindowStart(ctx.now())
  // Grouped through no index: otherwise SQLite walks every link in hashtag order (to skip the
  // GROUP BY sort) and looks up each video's date — all of them, not the window's (1.6–3.3 s
  // instead of 73–162 ms on the 5,000-creator bench set).
  const tag = textWithoutIndex(sql.ref('video_hashtags.hashtag'))
  const rows = await ctx.db
    .with('recent', (db) =>
      db
        .selectFrom('videos')
        .innerJoin('video_hashtags', 'video_hashtags.video_id', 'videos.id')
        .select((eb) => [
          tag.as('hashtag'),
          eb.fn.countAll<number>().as('recent_videos'),
          eb.fn.coalesce(eb.fn.sum<number>('videos.plays'), eb.lit(0)).as('recent_plays'),
        ])
        .where('videos.posted_at', '>=', windowStart)
        .groupBy(tag),
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
