/**
 * A sound's (or every sound's) tracked videos of a trending window (metrics.md §5): the
 * window's whole hours from sound_hours, its first partial hour from the videos themselves.
 */
import { sql } from 'kysely'
import { splitWindow } from '../../domain/tag-hours.js'
import type { QueryContext } from '../query-context.js'

/**
 * Rows (sound_id, videos, plays) whose sums per sound are its videos posted at or after
 * `windowStart` and their plays (unknown as 0); only `soundId`'s when one is given.
 */
export function soundWindowRows(ctx: QueryContext, windowStart: number, soundId?: string) {
  const { firstHour, edgeEnd } = splitWindow(windowStart)
  let buckets = ctx.db
    .selectFrom('sound_hours')
    .select(['sound_id', 'videos', 'plays'])
    .where('hour', '>=', firstHour)
  let edge = ctx.db
    .selectFrom('videos')
    .select((eb) => [
      eb.ref('music_id').$notNull().as('sound_id'),
      sql.lit(1).as('videos'),
      eb.fn.coalesce('plays', eb.lit(0)).as('plays'),
    ])
    .where('music_id', 'is not', null)
    .where('posted_at', '>=', windowStart)
    .where('posted_at', '<', edgeEnd)
  if (soundId !== undefined) {
    buckets = buckets.where('sound_id', '=', soundId)
    edge = edge.where('music_id', '=', soundId)
  }
  return buckets.unionAll(edge)
}
