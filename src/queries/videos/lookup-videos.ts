/** Bulk lookup: the latest stored values of many videos by id, a few indexed queries in all. */
import { creatorKey, videoKey } from '../../db/change-keys.js'
import { isoTime } from '../iso-time.js'
import { type ProvenanceView, provenanceView } from '../provenance-view.js'
import type { QueryContext } from '../query-context.js'
import { noteReads } from '../read-set.js'
import { tiktokVideoUrl } from '../video-view.js'

/** A tracked video's latest values; counters null where never observed. */
export interface VideoLookupValues {
  id: string
  username: string | null
  description: string
  posted_at: string | null
  plays: number | null
  likes: number | null
  comments: number | null
  shares: number | null
  saves: number | null
  /** When these counters were observed (the video's newest accepted observation). */
  observed_at: string
  url: string
  /** metrics.md §1.2, as on `Video`. */
  provenance: ProvenanceView
}

/** Ids per query: well under every engine's bound on bound parameters. */
const CHUNK = 500

/**
 * The stored videos among `ids` (duplicates allowed), keyed by id; an id not in the map is not
 * tracked. One primary-key lookup joined to the author per chunk of ids.
 */
export async function lookupVideos(
  ctx: QueryContext,
  ids: readonly string[],
): Promise<Map<string, VideoLookupValues>> {
  const distinct = [...new Set(ids)]
  const found = new Map<string, VideoLookupValues>()
  for (let i = 0; i < distinct.length; i += CHUNK) {
    const rows = await ctx.db
      .selectFrom('videos')
      .leftJoin('creators', 'creators.id', 'videos.creator_id')
      .select([
        'videos.id',
        'videos.creator_id',
        'videos.description',
        'videos.posted_at',
        'videos.content_type',
        'videos.plays',
        'videos.likes',
        'videos.comments',
        'videos.shares',
        'videos.saves',
        'videos.observed_at',
        'videos.counts_exact',
        'videos.counts_observed_at',
        'videos.contributors',
        'creators.username',
      ])
      .where('videos.id', 'in', distinct.slice(i, i + CHUNK))
      .execute()
    for (const v of rows) {
      noteReads(videoKey(v.id), ...(v.creator_id === null ? [] : [creatorKey(v.creator_id)]))
      found.set(v.id, {
        id: v.id,
        username: v.username,
        description: v.description,
        posted_at: isoTime(v.posted_at),
        plays: v.plays,
        likes: v.likes,
        comments: v.comments,
        shares: v.shares,
        saves: v.saves,
        observed_at: isoTime(v.observed_at),
        url: tiktokVideoUrl(v, v.username),
        provenance: provenanceView(v),
      })
    }
  }
  return found
}
