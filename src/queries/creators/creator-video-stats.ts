/** Light per-video columns of a creator's tracked videos, for the content and schedule analyses. */
import { sql } from 'kysely'
import type { QueryContext } from '../query-context.js'

/**
 * At most this many of a creator's newest videos are analysed per request, which bounds the
 * cost of a read; real accounts stay far below it.
 */
export const MAX_ANALYZED_VIDEOS = 5000

export interface VideoStatsRow {
  id: string
  posted_at: number | null
  duration: number | null
  content_type: string
  is_pinned: number
  plays: number | null
  likes: number | null
  comments: number | null
  shares: number | null
  saves: number | null
}

/**
 * The creator's tracked videos, newest `posted_at` first (unknown times last, then by id),
 * through the videos(creator_id, posted_at) index, at most MAX_ANALYZED_VIDEOS of them.
 */
export async function creatorVideoStats(
  ctx: QueryContext,
  creatorId: string,
): Promise<VideoStatsRow[]> {
  return ctx.db
    .selectFrom('videos')
    .select([
      'id',
      'posted_at',
      'duration',
      'content_type',
      'is_pinned',
      'plays',
      'likes',
      'comments',
      'shares',
      'saves',
    ])
    .where('creator_id', '=', creatorId)
    .orderBy(sql`${sql.ref('posted_at')} is null`)
    .orderBy('posted_at', 'desc')
    .orderBy('id')
    .limit(MAX_ANALYZED_VIDEOS)
    .execute()
}
