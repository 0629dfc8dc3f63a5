/**
 * A hashtag's (or every hashtag's) tracked videos of a trending window (metrics.md §5): the
 * window's whole hours from hashtag_hours, its first partial hour from the videos themselves.
 */
import { sql } from 'kysely'
import { textWithoutIndex } from '../../db/planner-hints.js'
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
    // Through no index: the edge is at most an hour of videos, found by videos(posted_at); the
    // tag's own index would walk every video that ever carried it (#fyp: most of them).
    edge = edge.where(textWithoutIndex(sql.ref('video_hashtags.hashtag')), '=', tag)
  }
  return buckets.unionAll(edge)
}
