/** `GET /hashtags/{tag}`: a hashtag's totals, trend, most-played videos and top creators. */
import { normalizeHashtag } from '../../domain/hashtags.js'
import { trendingTagWindowStart } from '../../domain/trending.js'
import type { QueryContext } from '../query-context.js'
import { type VideoListItem, videoItems } from '../videos/video-items.js'
import type { CreatorUsesView } from './creator-uses-views.js'
import { hashtagTopCreators } from './hashtag-top-creators.js'
import { hashtagTopVideoIds } from './hashtag-top-videos.js'
import { hashtagTrendCounts } from './hashtag-trend.js'
import { type HashtagView, hashtagView } from './hashtag-view.js'
import { type TagTrendView, tagTrendView } from './tag-trend-view.js'

export type HashtagDetails = HashtagView & {
  trend: TagTrendView
  top_videos: VideoListItem[]
  top_creators: CreatorUsesView[]
}

/**
 * The hashtag named `tag` (`#` optional, any case), or undefined when it is not tracked:
 * its §6 totals, its §5 trend over the 7 days before `ctx.now()`, its most-played tracked videos
 * and the creators who used it most.
 */
export async function getHashtagDetails(
  ctx: QueryContext,
  tag: string,
): Promise<HashtagDetails | undefined> {
  const name = normalizeHashtag(tag)
  if (name === null) return undefined
  const row = await ctx.db
    .selectFrom('hashtags')
    .selectAll()
    .where('name', '=', name)
    .executeTakeFirst()
  if (!row) return undefined
  const windowStart = trendingTagWindowStart(ctx.now())
  const [trend, videoIds, creators] = await Promise.all([
    hashtagTrendCounts(ctx, name, windowStart),
    hashtagTopVideoIds(ctx, name, row.tracked_video_count),
    hashtagTopCreators(ctx, name),
  ])
  return {
    ...hashtagView(row),
    trend: tagTrendView(windowStart, trend),
    top_videos: await videoItems(ctx, videoIds),
    top_creators: creators,
  }
}
