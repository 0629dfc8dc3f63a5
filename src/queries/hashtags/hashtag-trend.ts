/** What metrics.md §5 counts for one hashtag: its tracked videos posted in the last 7 days. */

import { sqlNumber } from '../../db/sql-number.js'
import type { QueryContext } from '../query-context.js'
import { hashtagWindowRows } from './hashtag-window.js'
import type { TagTrendCounts } from './tag-trend-view.js'

/** Tracked videos carrying `tag` posted at or after `windowStart`, and their summed plays. */
export async function hashtagTrendCounts(
  ctx: QueryContext,
  tag: string,
  windowStart: number,
): Promise<TagTrendCounts> {
  const row = await ctx.db
    .selectFrom(hashtagWindowRows(ctx, windowStart, tag).as('w'))
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('w.videos'), eb.lit(0)).as('videos'),
      eb.fn.coalesce(eb.fn.sum<number>('w.plays'), eb.lit(0)).as('plays'),
    ])
    .executeTakeFirstOrThrow()
  // PostgreSQL returns sums as numeric (text): both become JS numbers.
  return { recentVideos: sqlNumber(row.videos), recentPlays: sqlNumber(row.plays) }
}
