/** What metrics.md §5 counts for one hashtag: its tracked videos posted in the last 7 days. */

import { sqlNumber } from '../../db/sql-number.js'
import type { QueryContext } from '../query-context.js'
import type { TagTrendCounts } from './tag-trend-view.js'

/** Tracked videos carrying `tag` posted at or after `windowStart`, and their summed plays. */
export async function hashtagTrendCounts(
  ctx: QueryContext,
  tag: string,
  windowStart: number,
): Promise<TagTrendCounts> {
  const row = await ctx.db
    .selectFrom('video_hashtags')
    .innerJoin('videos', 'videos.id', 'video_hashtags.video_id')
    .select((eb) => [
      eb.fn.countAll<number>().as('videos'),
      eb.fn.coalesce(eb.fn.sum<number>('videos.plays'), eb.lit(0)).as('plays'),
    ])
    .where('video_hashtags.hashtag', '=', tag)
    .where('videos.posted_at', '>=', windowStart)
    .executeTakeFirstOrThrow()
  // PostgreSQL returns count as bigint and sum as numeric (text): both become JS numbers.
  return { recentVideos: sqlNumber(row.videos), recentPlays: sqlNumber(row.plays) }
}
