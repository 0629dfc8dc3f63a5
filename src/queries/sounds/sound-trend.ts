/** What metrics.md §5 counts for one sound: its tracked videos posted in the last 7 days. */

import { sqlNumber } from '../../db/sql-number.js'
import type { TagTrendCounts } from '../hashtags/tag-trend-view.js'
import type { QueryContext } from '../query-context.js'
import { soundWindowRows } from './sound-window.js'

/** Tracked videos using `musicId` posted at or after `windowStart`, and their summed plays. */
export async function soundTrendCounts(
  ctx: QueryContext,
  musicId: string,
  windowStart: number,
): Promise<TagTrendCounts> {
  const row = await ctx.db
    .selectFrom(soundWindowRows(ctx, windowStart, musicId).as('w'))
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('w.videos'), eb.lit(0)).as('videos'),
      eb.fn.coalesce(eb.fn.sum<number>('w.plays'), eb.lit(0)).as('plays'),
    ])
    .executeTakeFirstOrThrow()
  // PostgreSQL returns sums as numeric (text): both become JS numbers.
  return { recentVideos: sqlNumber(row.videos), recentPlays: sqlNumber(row.plays) }
}
