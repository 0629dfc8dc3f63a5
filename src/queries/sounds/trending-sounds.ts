/** `GET /sounds/trending`: sounds by their tracked videos of the last 7 days (metrics.md §5). */

import { sqlNumber } from '../../db/sql-number.js'
import { trendingTagWindowStart } from '../../domain/trending.js'
import { type TagTrendView, tagTrendView } from '../hashtags/tag-trend-view.js'
import type { QueryContext } from '../query-context.js'
import { type SoundView, soundView } from './sound-view.js'
import { soundWindowRows } from './sound-window.js'

export interface TrendingSoundsQuery {
  limit: number
}

export type TrendingSound = SoundView & {
  /** 1 for the most trending sound. */
  rank: number
  trend: TagTrendView
}

/**
 * §5: sounds used by tracked videos posted in the 7 days before `ctx.now()`, by how many such
 * videos (desc), then their summed plays (desc; unknown plays as 0), then id — the order of
 * domain `compareTrendingTags`. Sounds no such video uses are not trending. The counts are a
 * week of hour buckets per sound plus the window's first partial hour (sound-window.ts).
 */
export async function trendingSounds(
  ctx: QueryContext,
  p: TrendingSoundsQuery,
): Promise<TrendingSound[]> {
  const windowStart = trendingTagWindowStart(ctx.now())
  const rows = await ctx.db
    .with('recent', (db) =>
      db
        .selectFrom(soundWindowRows(ctx, windowStart).as('w'))
        .select((eb) => [
          'w.sound_id',
          eb.fn.sum<number>('w.videos').as('recent_videos'),
          eb.fn.sum<number>('w.plays').as('recent_plays'),
        ])
        .groupBy('w.sound_id')
        .having((eb) => eb.fn.sum('w.videos'), '>', 0),
    )
    .selectFrom('recent')
    .innerJoin('sounds', 'sounds.id', 'recent.sound_id')
    .selectAll('sounds')
    .select(['recent.recent_videos', 'recent.recent_plays'])
    .orderBy('recent.recent_videos', 'desc')
    .orderBy('recent.recent_plays', 'desc')
    .orderBy('sounds.id')
    .limit(p.limit)
    .execute()
  return rows.map(({ recent_videos, recent_plays, ...s }, i) => ({
    ...soundView(s),
    rank: i + 1,
    trend: tagTrendView(windowStart, {
      recentVideos: sqlNumber(recent_videos),
      recentPlays: sqlNumber(recent_plays),
    }),
  }))
}
