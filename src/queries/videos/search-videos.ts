/** `GET /videos/search`: videos by description words, hashtag, creator, views, duration, type. */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Dialect } from '../../db/dialect.js'
import { numberWithoutIndex, textWithoutIndex } from '../../db/planner-hints.js'
import type { DB } from '../../db/schema.js'
import { sqlNumber } from '../../db/sql-number.js'
import { normalizeHashtag } from '../../domain/hashtags.js'
import { MEDIUM_VIDEO_MAX_SECONDS, SHORT_VIDEO_MAX_SECONDS } from '../../domain/metric-constants.js'
import type { DurationBucket } from '../../domain/video-metrics.js'
import { offsetOf, type Page, type Pagination, pagination } from '../pagination.js'
import type { QueryContext } from '../query-context.js'
import { chooseSearchPlan, type SearchPlan, VIDEO_SEARCH_LIMITS } from '../search-plan.js'
import { type VideoListItem, videoItems } from './video-items.js'

export interface VideoSearch extends Page {
  q?: string
  hashtag?: string
  creator?: string
  min_views?: number
  duration?: DurationBucket
  content_type?: 'video' | 'slideshow'
  /** metrics.md §11: sponsored (true) or known not to be (false); unknown matches neither. */
  sponsored?: boolean
  sort?: VideoSort
}

export type VideoSort = 'plays' | 'likes' | 'shares' | 'recent'

/** Every sort is descending on one column; migration 004 indexes `(col is null), col desc, id`. */
const SORT_COLUMN = {
  plays: 'plays',
  likes: 'likes',
  shares: 'shares',
  recent: 'posted_at',
} as const

type SortColumn = (typeof SORT_COLUMN)[VideoSort]

/** The search parameters reduced to what SQL compares (blank text filters are "not given"). */
interface Filters {
  words: string[]
  hashtag: string | null
  creatorIds: string[] | null
  minViews: number | null
  duration: DurationBucket | null
  contentType: 'video' | 'slideshow' | null
  sponsored: 0 | 1 | null
}

/**
 * How a query reaches the matching rows. `read`: through the filters' own indexes (hashtag via
 * video_hashtags(hashtag, video_id), creator via videos(creator_id, …), type/duration/plays via
 * migration 004's covering indexes). `walk`: along a sort index, testing each row, with the
 * column filters written so that no index can serve them — without statistics, SQLite would
 * otherwise read every match through a filter index and sort them (content_type = 'video' looks
 * selective to it and matches 90 % of the table).
 */
type Access = 'read' | 'walk'

/** Lower-cased words of `q` (as `videos.search_text` is lower-cased), de-duplicated. */
export function descriptionWords(q: string | undefined): string[] {
  return [
    ...new Set(
      (q ?? '')
        .toLowerCase()
        .split(/\s+/u)
        .filter((w) => w !== ''),
    ),
  ]
}

/** A username as given (`@` optional), lower-cased like `creators.username_lower`. */
export function usernameKey(creator: string | undefined): string | null {
  const name = (creator ?? '').trim().replace(/^@/, '').toLowerCase()
  return name === '' ? null : name
}

type VideosEb = ExpressionBuilder<DB, 'videos'>

/** `col`, or `col + 0` (same value, but no index can serve a comparison on it). */
function numeric(column: 'duration' | 'plays', access: Access) {
  const ref = sql.ref(`videos.${column}`)
  return access === 'walk' ? numberWithoutIndex(ref) : sql<number>`${ref}`
}

/** `short` < 60 s ≤ `medium` ≤ 300 s < `long` (metrics.md §3); unknown durations match none. */
function inDurationBucket(bucket: DurationBucket, access: Access): Expression<SqlBool> {
  const d = numeric('duration', access)
  switch (bucket) {
    case 'short':
      return sql<SqlBool>`${d} < ${SHORT_VIDEO_MAX_SECONDS}`
    case 'medium':
      return sql<SqlBool>`${d} >= ${SHORT_VIDEO_MAX_SECONDS}
        and ${d} <= ${MEDIUM_VIDEO_MAX_SECONDS}`
    case 'long':
      return sql<SqlBool>`${d} > ${MEDIUM_VIDEO_MAX_SECONDS}`
  }
}

/** The filters as one WHERE condition on `videos`. */
function matches(eb: VideosEb, f: Filters, access: Access, dialect: Dialect): Expression<SqlBool> {
  const terms: Expression<SqlBool>[] = []
  const tag = f.hashtag
  if (tag !== null) {
    const tagged = eb
      .selectFrom('video_hashtags')
      .select('video_hashtags.video_id')
      .where('video_hashtags.hashtag', '=', tag)
    // `in` reads the tag's index range; `exists` probes the (video_id, hashtag) key per row,
    // which is what a creator's few videos need.
    terms.push(
      access === 'read' && f.creatorIds === null
        ? eb('videos.id', 'in', tagged)
        : eb.exists(tagged.whereRef('video_hashtags.video_id', '=', 'videos.id')),
    )
  }
  if (f.creatorIds !== null) terms.push(eb('videos.creator_id', 'in', f.creatorIds))
  for (const word of f.words) terms.push(dialect.videoTextContains(word, access === 'read'))
  if (f.minViews !== null) terms.push(sql<SqlBool>`${numeric('plays', access)} >= ${f.minViews}`)
  if (f.duration !== null) terms.push(inDurationBucket(f.duration, access))
  if (f.contentType !== null) {
    const type = sql.ref('videos.content_type')
    terms.push(
      access === 'walk'
        ? sql<SqlBool>`${textWithoutIndex(type)} = ${f.contentType}`
        : sql<SqlBool>`${type} = ${f.contentType}`,
    )
  }
  if (f.sponsored !== null) {
    // No index on it: the sponsored flag narrows what the other filters or the sort walk find.
    terms.push(sql<SqlBool>`${sql.ref('videos.sponsored')} = ${f.sponsored}`)
  }
  return eb.and(terms)
}

const hasFilters = (f: Filters): boolean =>
  f.hashtag !== null ||
  f.creatorIds !== null ||
  f.words.length > 0 ||
  f.minViews !== null ||
  f.duration !== null ||
  f.contentType !== null ||
  f.sponsored !== null

/** Exact number of matches (index-only, except for hashtag + filters or short words). */
async function countMatches(ctx: QueryContext, f: Filters): Promise<number> {
  const tag = f.hashtag
  if (tag !== null && !hasFilters({ ...f, hashtag: null })) {
    // The tag's tracked_video_count is kept equal to its video_hashtags rows by every write
    // (metrics.md §6 tracked totals); a tag without a row has no videos either.
    const h = await ctx.db
      .selectFrom('hashtags')
      .select('hashtags.tracked_video_count')
      .where('hashtags.name', '=', tag)
      .executeTakeFirst()
    return sqlNumber(h?.tracked_video_count ?? 0)
  }
  if (f.words.length > 0 && !hasFilters({ ...f, words: [] })) {
    const n = await ctx.dialect.countVideoText(ctx.db, f.words)
    if (n !== null) return n
  }
  const r = await ctx.db
    .selectFrom('videos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => matches(eb, f, 'read', ctx.dialect))
    .executeTakeFirstOrThrow()
  return sqlNumber(r.n)
}

/** Page ids along the sort index: cheap when matches are dense (see SearchPlanLimits). */
async function walkPage(ctx: QueryContext, f: Filters, column: SortColumn, p: Page) {
  const ref = sql.ref(`videos.${column}`)
  return ctx.db
    .selectFrom('videos')
    .select('videos.id')
    .where((eb) => matches(eb, f, 'walk', ctx.dialect))
    .orderBy(sql`${ref} is null`)
    .orderBy(ref, 'desc')
    .orderBy('videos.id')
    .limit(p.limit)
    .offset(offsetOf(p))
    .execute()
}

/** Page ids from all matches, read through the filters' indexes and then sorted. */
async function readPage(ctx: QueryContext, f: Filters, column: SortColumn, p: Page) {
  const ref = sql.ref(`m.${column}`)
  return ctx.db
    .with(
      (cte) => cte('m').materialized(),
      (db) =>
        db
          .selectFrom('videos')
          .select([
            'videos.id',
            'videos.plays',
            'videos.likes',
            'videos.shares',
            'videos.posted_at',
          ])
          .where((eb) => matches(eb, f, 'read', ctx.dialect)),
    )
    .selectFrom('m')
    .select('m.id')
    .orderBy(sql`${ref} is null`)
    .orderBy(ref, 'desc')
    .orderBy('m.id')
    .limit(p.limit)
    .offset(offsetOf(p))
    .execute()
}

/**
 * Sorted by plays (desc) unless asked otherwise (likes, shares, recent = posted_at), every sort
 * descending with unknown values last, then by video id; `total` is exact.
 */
export async function searchVideos(
  ctx: QueryContext,
  p: VideoSearch,
  /** Tests force either plan; by default the totals choose (search-plan.ts). */
  plan?: SearchPlan,
): Promise<{ data: VideoListItem[]; pagination: Pagination }> {
  const f: Filters = {
    words: descriptionWords(p.q),
    hashtag: normalizeHashtag(p.hashtag ?? ''),
    creatorIds: null,
    minViews: p.min_views ?? null,
    duration: p.duration ?? null,
    contentType: p.content_type ?? null,
    sponsored: p.sponsored === undefined ? null : p.sponsored ? 1 : 0,
  }
  const username = usernameKey(p.creator)
  if (username !== null) {
    const creators = await ctx.db
      .selectFrom('creators')
      .select('creators.id')
      .where('creators.username_lower', '=', username)
      .execute()
    if (creators.length === 0) return { data: [], pagination: pagination(p, 0) }
    f.creatorIds = creators.map((c) => c.id)
  }

  const total = await countMatches(ctx, f)
  const pageEnd = offsetOf(p) + p.limit
  if (pageEnd - p.limit >= total) return { data: [], pagination: pagination(p, total) }

  const column = SORT_COLUMN[p.sort ?? 'plays']
  // Without filters every video matches: only the sort index avoids sorting the table. One
  // creator's videos are few: reading them is always cheap.
  const chosen =
    plan ??
    (!hasFilters(f)
      ? 'walk'
      : f.creatorIds !== null
        ? 'read'
        : chooseSearchPlan(total, pageEnd, VIDEO_SEARCH_LIMITS))
  const ids = await (chosen === 'walk' ? walkPage : readPage)(ctx, f, column, p)
  return {
    data: await videoItems(
      ctx,
      ids.map((r) => r.id),
    ),
    pagination: pagination(p, total),
  }
}
