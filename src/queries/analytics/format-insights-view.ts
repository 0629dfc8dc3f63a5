/** Content-format insights as the API serves them (snake_case, see `ContentFormatInsights`). */
import {
  type ContentFormatInsights,
  contentFormatInsights,
  type FormatStats,
} from '../../domain/content-formats.js'
import type { SampleVideoRow } from './sample-videos.js'

const statsView = (s: FormatStats) => ({
  videos: s.videos,
  share: s.share,
  engagement_rate: s.engagementRate,
  avg_views: s.avgViews,
})

export function formatInsightsView(insights: ContentFormatInsights) {
  return {
    duration: insights.duration.map((d) => ({ bucket: d.bucket, ...statsView(d) })),
    content_type: insights.contentType.map((t) => ({
      content_type: t.contentType,
      ...statsView(t),
    })),
    unknown_duration: insights.unknownDuration,
  }
}

/** Insights over sample video rows. */
export function formatInsightsOf(videos: readonly SampleVideoRow[]) {
  return formatInsightsView(
    contentFormatInsights(
      videos.map((v) => ({
        duration: v.duration,
        contentType: v.content_type,
        plays: v.plays,
        likes: v.likes,
        comments: v.comments,
        shares: v.shares,
      })),
    ),
  )
}

export type FormatInsightsView = ReturnType<typeof formatInsightsView>
