/** What metrics.md §5 counts for one hashtag: its tracked videos posted in the last 7 days. */

import { sql } from 'kysely'
import { sqlNumber } from '../../db/sql-number.js'
import type { QueryContext } from '../query-context.js'
import type { TagTrendCounts } from './tag-trend-view.js'

/**
 * Above this many tracked videos, a tag's recent videos are found from the videos of the window
 * (videos(posted_at), then the link's primary key) instead of from the tag's links (every video
 * that ever carried it, each looked up for its date): for #fyp, a few weeks of videos instead of
 * all of them. Below it the links are fewer than a window of videos.
 */
export const TREND_FROM_WINDOW_ABOVE = 5_000

/**
 * Tracked videos carrying `tag` posted at or after `windowStart`, and their summed plays.
 * `trackedVideos` (the tag's materialized count) picks the cheaper way; tests force either.
 */
export async function hashtagTrendCounts(
  ctx: QueryContext,
  tag: string,
  windowStart: number,
  trackedVideos: number,
  fromWindow = trackedVideos > TREND_FROM_WINDOW_ABOVE,
): Promise<TagTrendCounts> {
  const totals = fromWindow
    ? ctx.db
        .selectFrom('videos')
        .select((eb) => [
          eb.fn.countAll<number>().as('videos'),
          eb.fn.coalesce(eb.fn.sum<number>('videos.plays'), eb.lit(0)).as('plays'),
        ])
        .where('videos.posted_at', '>=', windowStart)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('video_hashtags')
              .select(sql.lit(1).as('one'))
              .whereRef('video_hashtags.video_id', '=', 'videos.id')
              .where('video_hashtags.hashtag', '=', tag),
          ),
        )
    : ctx.db
        .selectFrom('video_hashtags')
        .innerJoin('videos', 'videos.id', 'video_hashtags.video_id')
        .select((eb) => [
          eb.fn.countAll<number>().as('videos'),
          eb.fn.coalesce(eb.fn.sum<number>('videos.plays'), eb.lit(0)).as('plays'),
        ])
        .where('video_hashtags.hashtag', '=', tag)
        .where('videos.posted_at', '>=', windowStart)
  const row = await totals.executeTakeFirstOrThrow()
  // PostgreSQL returns count as bigint and sum as numeric (text): both become JS numbers.
  return { recentVideos: sqlNumber(row.videos), recentPlays: sqlNumber(row.plays) }
}
