/** `GET /creators/{username}`: the creator with its sample, recent videos and content analyses. */

import { contentAnalysis } from '../../domain/content-analysis.js'
import { selectSample } from '../../domain/creator-sample.js'
import { trailingGrowth } from '../../domain/growth.js'
import { postingSchedule } from '../../domain/posting-schedule.js'
import { isViral, viralThreshold } from '../../domain/viral.js'
import { type CreatorRecord, type CreatorView, creatorView } from '../creator-view.js'
import { type DisputedValueView, disputedValues } from '../disputed-values.js'
import { isoTime } from '../iso-time.js'
import type { QueryContext } from '../query-context.js'
import { creatorHashtagUsage, type HashtagUsage } from './creator-hashtag-usage.js'
import { creatorVideoStats, type VideoStatsRow } from './creator-video-stats.js'
import {
  type CreatorVideoView,
  creatorVideoViews,
  videoRowsInOrder,
} from './creator-video-views.js'
import { findCreator } from './find-creator.js'
import { followerObservations } from './follower-observations.js'
import { type GrowthSignals, growthSignals } from './growth-signals.js'
import {
  type GrowthView,
  growthView,
  type PostingScheduleView,
  postingScheduleView,
} from './schedule-view.js'

/** How many of the newest videos, and of the most used hashtags, the analytics carry. */
export const RECENT_VIDEOS = 10
export const TOP_HASHTAGS = 10

export type CreatorAnalytics = CreatorView & {
  sample: ReturnType<typeof sampleView>
  recent_videos: CreatorVideoView[]
  top_hashtags: HashtagUsage[]
  content_analysis: ReturnType<typeof contentAnalysisView>
  posting_schedule: PostingScheduleView
  follower_growth: { last_7_days: GrowthView | null; last_30_days: GrowthView | null }
  disputed: DisputedValueView[]
} & GrowthSignals

/** The sample `S` of metrics.md §2 the creator's metrics come from, and its viral threshold. */
function sampleView(c: CreatorRecord, videos: readonly VideoStatsRow[]) {
  const sample = selectSample(
    videos.map((v) => ({
      postedAt: v.posted_at,
      isPinned: v.is_pinned === 1,
      plays: v.plays,
      likes: v.likes,
      comments: v.comments,
      shares: v.shares,
      saves: v.saves,
    })),
  )
  return {
    sample_size: c.sample_size,
    newest_posted_at: isoTime(sample[0]?.postedAt ?? null),
    oldest_posted_at: isoTime(sample[sample.length - 1]?.postedAt ?? null),
    median_views: c.median_views,
    avg_views: c.avg_views,
    viral_threshold: viralThreshold(c.median_views),
    viral_videos: sample.filter((v) => isViral(v.plays, c.median_views) === true).length,
    engagement_rate: c.engagement_rate,
    viral_ratio: c.viral_ratio,
    posts_per_week: c.posts_per_week,
    score: c.score,
    grade: c.grade,
    score_parts: {
      engagement: c.score_engagement,
      reach: c.score_reach,
      virality: c.score_virality,
      consistency: c.score_consistency,
    },
    tier: c.tier,
    primary_niche: c.primary_niche,
  }
}

function contentAnalysisView(videos: readonly VideoStatsRow[]) {
  const a = contentAnalysis(
    videos.map((v) => ({
      contentType: v.content_type,
      duration: v.duration,
      plays: v.plays,
      likes: v.likes,
      comments: v.comments,
      shares: v.shares,
    })),
  )
  const bucket = (b: (typeof a.durationBuckets)['short']) => ({
    count: b.count,
    percent: b.percent,
    avg_views: b.avgViews,
    engagement_rate: b.engagementRate,
  })
  return {
    videos_analyzed: a.videosAnalyzed,
    content_types: a.contentTypes,
    avg_duration: a.avgDuration,
    duration_buckets: {
      short: bucket(a.durationBuckets.short),
      medium: bucket(a.durationBuckets.medium),
      long: bucket(a.durationBuckets.long),
    },
    unknown_duration: a.unknownDuration,
  }
}

/**
 * Everything the API knows about one creator: the `Creator` object plus analyses computed over
 * the creator's tracked videos (the newest MAX_ANALYZED_VIDEOS at most). A fixed number of
 * indexed queries, whatever the creator. Undefined when no creator has this username.
 */
export async function getCreatorAnalytics(
  ctx: QueryContext,
  p: { username: string },
): Promise<CreatorAnalytics | undefined> {
  const creator = await findCreator(ctx, p.username)
  if (creator === undefined) return undefined
  const now = ctx.now()
  const [videos, topHashtags, followers, disputed, signals] = await Promise.all([
    creatorVideoStats(ctx, creator.id),
    creatorHashtagUsage(ctx, creator.id, TOP_HASHTAGS),
    followerObservations(ctx, creator.id, now, [7, 30]),
    disputedValues(ctx, 'creator', creator.id),
    growthSignals(ctx, creator.id),
  ])
  // The stats rows are newest first, so the recent videos are their head.
  const recentRows = await videoRowsInOrder(
    ctx,
    videos.slice(0, RECENT_VIDEOS).map((v) => v.id),
  )
  const growth7 = trailingGrowth(followers, now, 7)
  const growth30 = trailingGrowth(followers, now, 30)
  return {
    ...creatorView(creator, ctx.publicBaseUrl),
    sample: sampleView(creator, videos),
    recent_videos: await creatorVideoViews(ctx, creator, recentRows),
    top_hashtags: topHashtags,
    content_analysis: contentAnalysisView(videos),
    posting_schedule: postingScheduleView(
      postingSchedule(videos.map((v) => ({ postedAt: v.posted_at, plays: v.plays }))),
    ),
    follower_growth: {
      last_7_days: growth7 && growthView(growth7),
      last_30_days: growth30 && growthView(growth30),
    },
    disputed,
    growth_flags: signals.growth_flags,
    follower_projection: signals.follower_projection,
  }
}
