/** A stored sound as the API's `Sound`: the reported user count of metrics.md §6 and its source. */
import type { Selectable } from 'kysely'
import type { SoundRow } from '../../db/schema.js'
import { soundTotals } from '../../domain/sound-totals.js'
import { isoTime } from '../iso-time.js'

export type SoundRecord = Selectable<SoundRow>

/** The sound page on tiktok.com (TikTok redirects `/music/-<id>` to the page with the title). */
export const soundTikTokUrl = (id: string): string =>
  `https://www.tiktok.com/music/-${encodeURIComponent(id)}`

/** `user_count` is TikTok's figure when observed, else the tracked video count (§6). */
export function soundView(s: SoundRecord) {
  const totals = soundTotals(s.tiktok_user_count, s.tracked_video_count)
  return {
    id: s.id,
    title: s.title,
    author: s.author_name,
    original: s.original === null ? null : s.original === 1,
    duration: s.duration,
    album: s.album,
    user_count: totals.userCount,
    counts_source: totals.source,
    tracked_video_count: s.tracked_video_count,
    tracked_views: s.tracked_views,
    first_seen_at: isoTime(s.first_seen_at),
    tiktok_url: soundTikTokUrl(s.id),
  }
}

export type SoundView = ReturnType<typeof soundView>
