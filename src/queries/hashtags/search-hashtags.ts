/** `GET /hashtags/search`: hashtags whose name contains the text, by reported totals, paged. */
import { type SelectQueryBuilder, sql } from 'kysely'
import { containsPattern } from '../../db/like-pattern.js'
import { numberWithoutIndex } from '../../db/planner-hints.js'
import type { DB } from '../../db/schema.js'
import { sqlNumber } from '../../db/sql-number.js'
import { normalizeHashtag } from '../../domain/hashtags.js'
import { offsetOf, type Page, type Pagination, pagination } from '../pagination.js'
import type { QueryContext } from '../query-context.js'
import { hashtagVideoCount, hashtagViewCount } from './hashtag-totals-sql.js'
import { type HashtagView, hashtagView } from './hashtag-view.js'
import { walksSortIndex } from './walk-or-sort.js'

export interface HashtagSearch extends Page {
  q?: string
  sort?: 'video_count' | 'view_count'
}

const SORT_EXPRESSION = { video_count: hashtagVideoCount, view_count: hashtagViewCount } as const

function filtered<O>(qb: SelectQueryBuilder<DB, 'hashtags', O>, q: string | undefined) {
  // Names are stored normalised (lower-cased, no `#`), so the text is normalised the same way.
  const text = q === undefined ? null : normalizeHashtag(q)
  return text === null
    ? qb
    : qb.where(sql<boolean>`hashtags.name like ${containsPattern(text)} escape '\\'`)
}

/**
 * The page of the search as built SQL (exported so that a test can check its query plan).
 * `walk`: order by the indexed expression (the planners walk the index and stop when the page is
 * full), else by the same value `+ 0`, which no index provides, so that they scan and sort the
 * matches: cheaper when few rows match (see walk-or-sort.ts).
 */
export function hashtagSearchQuery(ctx: QueryContext, p: HashtagSearch, walk = true) {
  const figure = SORT_EXPRESSION[p.sort ?? 'video_count']
  return filtered(ctx.db.selectFrom('hashtags').selectAll(), p.q)
    .orderBy(walk ? figure : numberWithoutIndex(figure), 'desc')
    .orderBy('hashtags.name')
    .limit(p.limit)
    .offset(offsetOf(p))
}

/**
 * Hashtags whose name contains `q` (`#` optional, case-insensitive), sorted by the reported
 * `video_count` or `view_count` of metrics.md §6 (desc; never unknown), then by name. A page of
 * a broad search walks the expression indexes of migration 005 and stops as soon as it is full.
 */
export async function searchHashtags(
  ctx: QueryContext,
  p: HashtagSearch,
): Promise<{ data: HashtagView[]; pagination: Pagination }> {
  const count = await filtered(
    ctx.db.selectFrom('hashtags').select((eb) => eb.fn.countAll<number>().as('n')),
    p.q,
  ).executeTakeFirstOrThrow()
  const total = sqlNumber(count.n)
  const offset = offsetOf(p)
  if (offset >= total) return { data: [], pagination: pagination(p, total) }
  const rows = await hashtagSearchQuery(ctx, p, walksSortIndex(total, offset, p.limit)).execute()
  return { data: rows.map(hashtagView), pagination: pagination(p, total) }
}
