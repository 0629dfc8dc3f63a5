/** The trend block of a hashtag or sound (metrics.md §5): its tracked videos of the last 7 days. */
import { SECONDS_PER_DAY, TRENDING_TAG_WINDOW_SECONDS } from '../../domain/metric-constants.js'
import { isTrendingTag } from '../../domain/trending.js'
import { isoTime } from '../iso-time.js'

/** What §5 counts for one hashtag or sound over the window starting at `windowStart`. */
export interface TagTrendCounts {
  /** Tracked videos posted at or after the window start that carry the tag / use the sound. */
  recentVideos: number
  /** Their summed plays (unknown plays count as 0). */
  recentPlays: number
}

/** The `trend` object of the API: the window and the two §5 figures, and whether it trends. */
export function tagTrendView(windowStart: number, counts: TagTrendCounts) {
  return {
    window_start: isoTime(windowStart),
    window_days: TRENDING_TAG_WINDOW_SECONDS / SECONDS_PER_DAY,
    recent_video_count: counts.recentVideos,
    recent_views: counts.recentPlays,
    is_trending: isTrendingTag(counts),
  }
}

export type TagTrendView = ReturnType<typeof tagTrendView>
