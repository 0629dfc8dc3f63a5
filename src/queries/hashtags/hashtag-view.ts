/** A stored hashtag as the API's `Hashtag`: the reported totals of metrics.md §6, their source. */
import type { Selectable } from 'kysely'
import type { HashtagRow } from '../../db/schema.js'
import { hashtagTotals } from '../../domain/hashtag-totals.js'
import { isoTime } from '../iso-time.js'

export type HashtagRecord = Selectable<HashtagRow>

/** The hashtag page on tiktok.com. */
export const hashtagTikTokUrl = (name: string): string =>
  `https://www.tiktok.com/tag/${encodeURIComponent(name)}`

/** `video_count` / `view_count` are TikTok's figures when observed, else the tracked ones (§6). */
export function hashtagView(h: HashtagRecord) {
  const totals = hashtagTotals(
    { videoCount: h.tiktok_video_count, viewCount: h.tiktok_view_count },
    { videoCount: h.tracked_video_count, views: h.tracked_views },
  )
  return {
    name: h.name,
    tiktok_id: h.tiktok_id,
    description: h.description,
    video_count: totals.videoCount,
    view_count: totals.viewCount,
    counts_source: totals.source,
    tracked_video_count: h.tracked_video_count,
    tracked_views: h.tracked_views,
    tiktok_counts_observed_at: isoTime(h.tiktok_observed_at),
    tiktok_url: hashtagTikTokUrl(h.name),
  }
}

export type HashtagView = ReturnType<typeof hashtagView>
