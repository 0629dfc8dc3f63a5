/** `GET /sounds/{musicId}`: a sound's usage, trend, most-played videos and top creators. */
import { trendingTagWindowStart } from '../../domain/trending.js'
import type { CreatorUsesView } from '../hashtags/creator-uses-views.js'
import { type TagTrendView, tagTrendView } from '../hashtags/tag-trend-view.js'
import type { QueryContext } from '../query-context.js'
import { type VideoListItem, videoItems } from '../videos/video-items.js'
import { soundTopCreators } from './sound-top-creators.js'
import { soundTopVideoIds } from './sound-top-videos.js'
import { soundTrendCounts } from './sound-trend.js'
import { type SoundView, soundView } from './sound-view.js'

export type SoundDetails = SoundView & {
  trend: TagTrendView
  top_videos: VideoListItem[]
  top_creators: CreatorUsesView[]
}

/**
 * The sound `musicId`, or undefined when it is not tracked: its §6 user count, its §5 trend over
 * the 7 days before `ctx.now()`, its most-played tracked videos and the creators behind them.
 */
export async function getSoundDetails(
  ctx: QueryContext,
  musicId: string,
): Promise<SoundDetails | undefined> {
  const row = await ctx.db
    .selectFrom('sounds')
    .selectAll()
    .where('id', '=', musicId)
    .executeTakeFirst()
  if (!row) return undefined
  const windowStart = trendingTagWindowStart(ctx.now())
  const [trend, videoIds, creators] = await Promise.all([
    soundTrendCounts(ctx, row.id, windowStart),
    soundTopVideoIds(ctx, row.id),
    soundTopCreators(ctx, row.id),
  ])
  return {
    ...soundView(row),
    trend: tagTrendView(windowStart, trend),
    top_videos: await videoItems(ctx, videoIds),
    top_creators: creators,
  }
}
