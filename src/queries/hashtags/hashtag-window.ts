/**
 * A hashtag's (or every hashtag's) tracked videos of a trending window (metrics.md §5): the
 * window's whole hours from hashtag_hours, its first partial hour from the videos themselves.
 */
import { sql } from 'kysely'
import { splitWindow } from '../../domain/tag-hours.js'
import type { QueryContext } from '../query-context.js'

/**
 * Rows (hashtag, videos, plays) whose sums per hashtag are its videos posted at or after
 * `windowStart` and their plays (unknown as 0); only `tag`'s when one is given.
 */
export function hashtagWindowRows(ctx: QueryContext, windowStart: number, tag?: string) {
  const { firstHour, edgeEnd } = splitWindow(windowStart)
  let buckets = ctx.db
    .selectFrom('hashtag_hours')
    .select(['hashtag', 'videos', 'plays'])
    .where('hour', '>=', firstHour)
  let edge = ctx.db
    .selectFrom('videos')
    .innerJoin('video_hashtags', 'video_hashtags.video_id', 'videos.id')
    .select((eb) => [
      'video_hashtags.hashtag',
      sql.lit(1).as('videos'),
      eb.fn.coalesce('videos.plays', eb.lit(0)).as('plays'),
    ])
    .where('videos.posted_at', '>=', windowStart)
    .where('videos.posted_at', '<', edgeEnd)
  if (tag !== undefined) {
    buckets = buckets.where('hashtag', '=', tag)
    edge = edge.where('video_hashtags.hashtag', '=', tag)
  }
  return buckets.unionAll(edge)
}
