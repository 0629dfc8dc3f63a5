/** `GET /creators/search`: creators by text or niche, follower range, verified, region; sorted, paged. */
import { type SelectQueryBuilder, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import { type CreatorView, creatorView } from '../creator-view.js'
import { offsetOf, type Page, type Pagination, pagination } from '../pagination.js'
import type { QueryContext } from '../query-context.js'
import { matchesQuery } from './creator-filters.js'

export interface CreatorSearch extends Page {
  q?: string
  min_followers?: number
  max_followers?: number
  verified?: boolean
  region?: string
  sort?: 'followers' | 'likes' | 'videos' | 'recent'
  order?: 'asc' | 'desc'
}

const SORT_COLUMN = {
  followers: 'creators.followers',
  likes: 'creators.total_likes',
  videos: 'creators.video_count',
  recent: 'creators.last_posted_at',
} as const

function filtered<O>(qb: SelectQueryBuilder<DB, 'creators', O>, p: CreatorSearch) {
  return qb
    .where('creators.username', 'is not', null)
    .$if(p.q !== undefined, (q) => q.where((eb) => matchesQuery(eb, p.q ?? '')))
    .$if(p.min_followers !== undefined, (q) =>
      q.where('creators.followers', '>=', p.min_followers ?? 0),
    )
    .$if(p.max_followers !== undefined, (q) =>
      q.where('creators.followers', '<=', p.max_followers ?? 0),
    )
    .$if(p.verified !== undefined, (q) => q.where('creators.verified', '=', p.verified ? 1 : 0))
    .$if(p.region !== undefined, (q) =>
      q.where('creators.region', '=', (p.region ?? '').toUpperCase()),
    )
}

/** Sorted by followers (desc) unless asked otherwise; unknown values always last, then by id. */
export async function searchCreators(
  ctx: QueryContext,
  p: CreatorSearch,
): Promise<{ data: CreatorView[]; pagination: Pagination }> {
  const column = SORT_COLUMN[p.sort ?? 'followers']
  const direction = p.order ?? 'desc'
  const rows = await filtered(ctx.db.selectFrom('creators').selectAll(), p)
    .orderBy(sql`${sql.ref(column)} is null`)
    .orderBy(column, direction)
    .orderBy('creators.id')
    .limit(p.limit)
    .offset(offsetOf(p))
    .execute()
  const total = await filtered(
    ctx.db.selectFrom('creators').select((eb) => eb.fn.countAll<number>().as('n')),
    p,
  ).executeTakeFirstOrThrow()
  return {
    data: rows.map((r) => creatorView(r, ctx.publicBaseUrl)),
    pagination: pagination(p, Number(total.n)),
  }
}
