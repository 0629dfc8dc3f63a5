/** `GET /creators/search`: creators by text/niche, followers, engagement, grade, region; paged. */
import { type SelectQueryBuilder, type SqlBool, sql } from 'kysely'
import type { Dialect } from '../../db/dialect.js'
import type { DB } from '../../db/schema.js'
import { GRADE_CUTOFFS, type Grade } from '../../domain/metric-constants.js'
import { type CreatorView, creatorView } from '../creator-view.js'
import { offsetOf, type Page, type Pagination, pagination } from '../pagination.js'
import { type QueryCache, queryCache } from '../query-cache.js'
import type { QueryContext } from '../query-context.js'
import { CREATOR_SEARCH_LIMITS, chooseSearchPlan, type SearchPlan } from '../search-plan.js'
import { holdsNul, inNiche, matchesQuery, regionCode } from './creator-filters.js'

export interface CreatorSearch extends Page {
  q?: string
  /** Members of this niche (metrics.md §4: a niche name or keyword, or any hashtag word). */
  niche?: string
  min_followers?: number
  max_followers?: number
  verified?: boolean
  region?: string
  /** Views-based engagement rate (%, metrics.md §2) at least this. */
  min_engagement_rate?: number
  /** Sponsored share (%, metrics.md §11) at least this; unknown shares are left out. */
  min_sponsored_share?: number
  /** Grade at least this good (A+ best, F worst); ungraded (N/A) creators are left out. */
  min_grade?: Exclude<Grade, 'N/A'>
  /** Exactly this grade; 'N/A' finds the creators with too few sample videos to grade. */
  grade?: Grade
  sort?: 'followers' | 'likes' | 'videos' | 'recent' | 'engagement_rate'
  order?: 'asc' | 'desc'
}

const SORT_COLUMN = {
  followers: 'creators.followers',
  likes: 'creators.total_likes',
  videos: 'creators.video_count',
  recent: 'creators.last_posted_at',
  engagement_rate: 'creators.engagement_rate',
} as const

/** The grades at least as good as `min`, best first (the materialized `grade` column). */
export function gradesAtLeast(min: Exclude<Grade, 'N/A'>): Grade[] {
  const ladder: Grade[] = [...GRADE_CUTOFFS.map((c) => c.grade), 'F']
  return ladder.slice(0, ladder.indexOf(min) + 1)
}

function filtered<O>(
  qb: SelectQueryBuilder<DB, 'creators', O>,
  p: CreatorSearch,
  dialect: Dialect,
  drive = true,
) {
  return (
    qb
      // Same rows as `username is not null` (username_lower is derived from it), but its index
      // covers the count of an unfiltered search.
      .where('creators.username_lower', 'is not', null)
      .$if(p.q !== undefined, (q) => q.where((eb) => matchesQuery(eb, p.q ?? '', dialect, drive)))
      .$if(p.niche !== undefined, (q) => q.where((eb) => inNiche(eb, p.niche ?? '')))
      .$if(p.min_followers !== undefined, (q) =>
        q.where('creators.followers', '>=', p.min_followers ?? 0),
      )
      .$if(p.max_followers !== undefined, (q) =>
        q.where('creators.followers', '<=', p.max_followers ?? 0),
      )
      .$if(p.verified !== undefined, (q) => q.where('creators.verified', '=', p.verified ? 1 : 0))
      .$if(p.region !== undefined, (q) =>
        // No stored region holds U+0000, and PostgreSQL cannot compare it.
        holdsNul(p.region ?? '')
          ? q.where(sql<SqlBool>`1 = 0`)
          : q.where('creators.region', '=', regionCode(p.region ?? '')),
      )
      .$if(p.min_engagement_rate !== undefined, (q) =>
        q.where('creators.engagement_rate', '>=', p.min_engagement_rate ?? 0),
      )
      .$if(p.min_sponsored_share !== undefined, (q) =>
        q.where('creators.sponsored_share', '>=', p.min_sponsored_share ?? 0),
      )
      .$if(p.min_grade !== undefined, (q) =>
        q.where('creators.grade', 'in', gradesAtLeast(p.min_grade ?? 'F')),
      )
      .$if(p.grade !== undefined, (q) => q.where('creators.grade', '=', p.grade ?? 'N/A'))
  )
}

/** Totals of recent searches: paging through one search counts its matches once. */
export type SearchTotalsCache = QueryCache<{ n: number }>

export function searchTotalsCache(): SearchTotalsCache {
  return queryCache({ ttlSeconds: 60, max: 2000 })
}

/** The filters of `p` (what its totals depend on), as a cache key. */
function filterKey(p: CreatorSearch, onlyKnown: string | null): string {
  return JSON.stringify([
    p.q,
    p.niche,
    p.min_followers,
    p.max_followers,
    p.verified,
    p.region,
    p.min_engagement_rate,
    p.min_sponsored_share,
    p.min_grade,
    p.grade,
    onlyKnown,
  ])
}

/**
 * Creators with a username matching every given filter (`q`: username, nickname or bio contains
 * it, or it names a niche keyword of metrics.md §4), sorted by followers (desc) unless asked
 * otherwise; unknown values always last, then by id.
 *
 * The page is read in two parts so that both databases walk the sort column's index: the known
 * values in order, then (only when the page reaches past them) the unknown ones by id. Sorting on
 * `col is null` first would be portable too, but no index serves it: every search would sort the
 * whole table.
 */
export async function searchCreators(
  ctx: QueryContext,
  p: CreatorSearch,
  totals: SearchTotalsCache = searchTotalsCache(),
  /** Tests force either plan; by default the totals choose (search-plan.ts). */
  plan?: SearchPlan,
): Promise<{ data: CreatorView[]; pagination: Pagination }> {
  const column = SORT_COLUMN[p.sort ?? 'followers']
  const direction = p.order ?? 'desc'
  const offset = offsetOf(p)
  const count = async (onlyKnown: boolean) => {
    const computed = await totals.get(ctx, filterKey(p, onlyKnown ? column : null), async () => {
      const row = await filtered(
        ctx.db.selectFrom('creators').select((eb) => eb.fn.countAll<number>().as('n')),
        p,
        ctx.dialect,
      )
        .$if(onlyKnown, (q) => q.where(column, 'is not', null))
        .executeTakeFirstOrThrow()
      return { n: Number(row.n) }
    })
    return computed.n
  }
  const total = await count(false)
  // A broad text query walks the sort index and tests each creator (cheap while matches are
  // dense near the top); a narrow one reads its few matches and sorts them. Without q the
  // filters are index ranges of their own: reading is always cheap.
  const chosen =
    plan ??
    (p.q === undefined ? 'read' : chooseSearchPlan(total, offset + p.limit, CREATOR_SEARCH_LIMITS))
  const walk = chosen === 'walk'
  const known = await filtered(ctx.db.selectFrom('creators').selectAll(), p, ctx.dialect, !walk)
    .where(column, 'is not', null)
    .orderBy(column, direction)
    .orderBy('creators.id')
    .limit(p.limit)
    .offset(offset)
    .execute()
  let rows = known
  if (known.length < p.limit && offset + known.length < total) {
    // The page reaches the creators whose sort value is unknown. How many known ones precede
    // them is only unknown when this page starts past the last of them.
    const knownTotal = known.length > 0 || offset === 0 ? offset + known.length : await count(true)
    const unknown = await filtered(ctx.db.selectFrom('creators').selectAll(), p, ctx.dialect)
      .where(column, 'is', null)
      .orderBy('creators.id')
      .limit(p.limit - known.length)
      .offset(Math.max(0, offset - knownTotal))
      .execute()
    rows = [...known, ...unknown]
  }
  return {
    data: rows.map((r) => creatorView(r, ctx.publicBaseUrl)),
    pagination: pagination(p, total),
  }
}
