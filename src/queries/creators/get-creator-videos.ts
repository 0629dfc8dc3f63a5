/** `GET /creators/{username}/videos`: a creator's tracked videos, filtered, sorted and paged. */
import { type SelectQueryBuilder, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import { normalizeHashtag } from '../../domain/hashtags.js'
import { offsetOf, type Page, type Pagination, pagination } from '../pagination.js'
import type { QueryContext } from '../query-context.js'
import { holdsNul } from './creator-filters.js'
import { type CreatorVideoView, creatorVideoViews } from './creator-video-views.js'
import { findCreator } from './find-creator.js'

export interface CreatorVideosQuery extends Page {
  username: string
  sort?: 'plays' | 'likes' | 'comments' | 'shares' | 'recent'
  min_views?: number
  hashtag?: string
}

const SORT_COLUMN = {
  plays: 'videos.plays',
  likes: 'videos.likes',
  comments: 'videos.comments',
  shares: 'videos.shares',
  recent: 'videos.posted_at',
} as const

function filtered<O>(
  qb: SelectQueryBuilder<DB, 'videos', O>,
  creatorId: string,
  minViews: number | undefined,
  hashtag: string | null,
) {
  return qb
    .where('videos.creator_id', '=', creatorId)
    .$if(minViews !== undefined, (q) => q.where('videos.plays', '>=', minViews ?? 0))
    .$if(hashtag !== null, (q) =>
      // Correlated EXISTS: one primary-key probe per video of the creator, even for a huge tag.
      q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('video_hashtags')
            .select('video_hashtags.video_id')
            .whereRef('video_hashtags.video_id', '=', 'videos.id')
            .where('video_hashtags.hashtag', '=', hashtag ?? ''),
        ),
      ),
    )
}

/**
 * The creator's videos, newest first unless `sort` names a counter (always descending; unknown
 * values last, then by id). `min_views` keeps videos with plays ≥ it (unknown plays excluded);
 * `hashtag` (`#` optional, any case) keeps videos carrying the tag. Undefined for an unknown
 * creator.
 */
export async function getCreatorVideos(
  ctx: QueryContext,
  p: CreatorVideosQuery,
): Promise<{ data: CreatorVideoView[]; pagination: Pagination } | undefined> {
  const creator = await findCreator(ctx, p.username)
  if (creator === undefined) return undefined
  const hashtag = p.hashtag === undefined ? null : normalizeHashtag(p.hashtag)
  // A tag holding U+0000 is carried by no video (and PostgreSQL cannot compare it).
  if (hashtag !== null && holdsNul(hashtag)) return { data: [], pagination: pagination(p, 0) }
  const column = SORT_COLUMN[p.sort ?? 'recent']
  const [rows, total] = await Promise.all([
    filtered(ctx.db.selectFrom('videos').selectAll(), creator.id, p.min_views, hashtag)
      .orderBy(sql`${sql.ref(column)} is null`)
      .orderBy(column, 'desc')
      .orderBy('videos.id')
      .limit(p.limit)
      .offset(offsetOf(p))
      .execute(),
    filtered(
      ctx.db.selectFrom('videos').select((eb) => eb.fn.countAll<number>().as('n')),
      creator.id,
      p.min_views,
      hashtag,
    ).executeTakeFirstOrThrow(),
  ])
  return {
    data: await creatorVideoViews(ctx, creator, rows),
    pagination: pagination(p, Number(total.n)),
  }
}
