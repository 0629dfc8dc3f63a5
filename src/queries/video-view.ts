/** A stored video as the API's `Video` (spec schema plus content type, sound and pin status). */
import type { Selectable } from 'kysely'
import type { VideoTable } from '../db/schema.js'
import { videoEngagementRate } from '../domain/video-metrics.js'
import { isoTime } from './iso-time.js'
import { provenanceView } from './provenance-view.js'

export type VideoRecord = Selectable<VideoTable>

/**
 * `username` builds the tiktok.com link (`/@user/video/<id>`, `/photo/` for slideshows); TikTok
 * redirects `/@_/video/<id>` when the author is unknown.
 */
export function videoView(
  v: VideoRecord,
  hashtags: readonly string[],
  musicTitle: string | null,
  username: string | null,
) {
  return {
    video_id: v.id,
    description: v.description,
    plays: v.plays,
    likes: v.likes,
    comments: v.comments,
    shares: v.shares,
    saves: v.saves,
    duration: v.duration,
    engagement_rate: videoEngagementRate(v),
    hashtags: [...hashtags],
    music_title: musicTitle,
    music_id: v.music_id,
    content_type: v.content_type,
    is_pinned: v.is_pinned === 1,
    // metrics.md §11: null when the payloads carried no commercial field and no disclosure.
    sponsored: v.sponsored === null ? null : v.sponsored === 1,
    sponsored_evidence: JSON.parse(v.sponsored_evidence) as string[],
    posted_at: isoTime(v.posted_at),
    video_url: tiktokVideoUrl(v, username),
    last_updated: isoTime(v.observed_at),
    provenance: provenanceView(v),
  }
}

export type VideoView = ReturnType<typeof videoView>

/** The video's tiktok.com link: `/photo/` for slideshows, `@_` for an unknown author. */
export function tiktokVideoUrl(
  v: Pick<VideoRecord, 'id' | 'content_type'>,
  username: string | null,
) {
  const kind = v.content_type === 'slideshow' ? 'photo' : 'video'
  return `https://www.tiktok.com/@${encodeURIComponent(username ?? '_')}/${kind}/${v.id}`
}
