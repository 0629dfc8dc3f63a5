/** The recent sample videos (metrics.md §2 `S`) of a few creators, read with one bounded query. */
import type { QueryContext } from '../query-context.js'

export interface SampleVideoRow {
  id: string
  creator_id: string
  posted_at: number
  duration: number | null
  content_type: string
  plays: number
  likes: number | null
  comments: number | null
  shares: number | null
}

/**
 * For each creator, its `perCreator` most recent videos by posted_at (then id, both desc),
 * excluding pinned videos and videos whose plays or posted_at is unknown: the §2 sample.
 * One query: a UNION ALL of one LIMITed subquery per creator, each an index range scan of
 * videos(creator_id, posted_at), so the cost is bounded by creators × perCreator whatever the
 * size of the videos table.
 */
export async function sampleVideosOf(
  ctx: QueryContext,
  creatorIds: readonly string[],
  perCreator: number,
): Promise<SampleVideoRow[]> {
  const { db } = ctx
  const one = (creatorId: string) =>
    db
      .selectFrom((eb) =>
        eb
          .selectFrom('videos')
          .select([
            'id',
            'creator_id',
            'posted_at',
            'duration',
            'content_type',
            'plays',
            'likes',
            'comments',
            'shares',
          ])
          .where('creator_id', '=', creatorId)
          .where('is_pinned', '=', 0)
          .where('plays', 'is not', null)
          .where('posted_at', 'is not', null)
          .orderBy('posted_at', 'desc')
          .orderBy('id', 'desc')
          .limit(perCreator)
          .$narrowType<{ creator_id: string; posted_at: number; plays: number }>()
          .as('v'),
      )
      .selectAll()
  const [first, ...rest] = creatorIds
  if (first === undefined) return []
  let query = one(first)
  for (const id of rest) query = query.unionAll(one(id))
  return query.execute()
}
