/** `GET /creators/{username}/top-content`: best videos, hashtags, sounds and posting times. */
import { postingSchedule } from '../../domain/posting-schedule.js'
import { topByEngagement, topByViews } from '../../domain/top-videos.js'
import type { QueryContext } from '../query-context.js'
import { creatorHashtagUsage, type HashtagUsage } from './creator-hashtag-usage.js'
import { creatorSoundUsage, type SoundUsage } from './creator-sound-usage.js'
import { creatorVideoStats } from './creator-video-stats.js'
import {
  type CreatorVideoView,
  creatorVideoViews,
  videoRowsInOrder,
} from './creator-video-views.js'
import { findCreator } from './find-creator.js'
import { type PostingScheduleView, postingScheduleView } from './schedule-view.js'

/** Entries per list of the top-content answer. */
export const TOP_CONTENT_SIZE = 10

export interface CreatorTopContent {
  username: string
  videos_analyzed: number
  top_by_views: CreatorVideoView[]
  top_by_engagement: CreatorVideoView[]
  hashtags: HashtagUsage[]
  sounds: SoundUsage[]
  posting_schedule: PostingScheduleView
}

/**
 * Over the creator's tracked videos (the newest MAX_ANALYZED_VIDEOS at most): the 10 most
 * viewed (plays desc, then id), the 10 most engaging (engagement rate desc, then plays desc,
 * then id; plays > 0 only), the 10 most used hashtags and sounds, and the posting schedule.
 * Undefined for an unknown creator.
 */
export async function getCreatorTopContent(
  ctx: QueryContext,
  p: { username: string },
): Promise<CreatorTopContent | undefined> {
  const creator = await findCreator(ctx, p.username)
  if (creator === undefined) return undefined
  const [videos, hashtags, sounds] = await Promise.all([
    creatorVideoStats(ctx, creator.id),
    creatorHashtagUsage(ctx, creator.id, TOP_CONTENT_SIZE),
    creatorSoundUsage(ctx, creator.id, TOP_CONTENT_SIZE),
  ])
  const byViews = topByViews(videos, TOP_CONTENT_SIZE).map((v) => v.id)
  const byEngagement = topByEngagement(videos, TOP_CONTENT_SIZE).map((v) => v.id)
  // One fetch for both lists (they often overlap), then each list in its own order.
  const rows = await videoRowsInOrder(ctx, [...new Set([...byViews, ...byEngagement])])
  const views = new Map(
    (await creatorVideoViews(ctx, creator, rows)).map((v) => [v.video_id, v] as const),
  )
  const pick = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const v = views.get(id)
      return v === undefined ? [] : [v]
    })
  return {
    username: creator.username ?? creator.id,
    videos_analyzed: videos.length,
    top_by_views: pick(byViews),
    top_by_engagement: pick(byEngagement),
    hashtags,
    sounds,
    posting_schedule: postingScheduleView(
      postingSchedule(videos.map((v) => ({ postedAt: v.posted_at, plays: v.plays }))),
    ),
  }
}
