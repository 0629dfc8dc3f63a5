/** `GET /sounds/search`: sounds whose title or author contains the text, by usage or recency. */
import { type SelectQueryBuilder, sql } from 'kysely'
import { containsPattern } from '../../db/like-pattern.js'
import { numberWithoutIndex } from '../../db/planner-hints.js'
import type { DB } from '../../db/schema.js'
import { sqlNumber } from '../../db/sql-number.js'
import { walksSortIndex } from '../hashtags/walk-or-sort.js'
import { offsetOf, type Page, type Pagination, pagination } from '../pagination.js'
import type { QueryContext } from '../query-context.js'
import { soundUserCountSql } from './sound-totals-sql.js'
import { type SoundView, soundView } from './sound-view.js'

export interface SoundSearch extends Page {
  q?: string
  sort?: 'user_count' | 'recent'
}

/**
 * Title or author contains `q`, case-insensitively. Titles are stored lower-cased (title_lower,
 * JavaScript's Unicode lower-casing); the author is lower-cased by SQL `lower()`, which SQLite
 * applies to ASCII letters only (PostgreSQL to every letter), so a non-ASCII capital in an
 * author's name matches only itself on SQLite.
 */
function filtered<O>(qb: SelectQueryBuilder<DB, 'sounds', O>, q: string | undefined) {
  const text = q?.trim().toLowerCase() ?? ''
  if (text === '') return qb
  const pattern = containsPattern(text)
  return qb.where(
    sql<boolean>`(sounds.title_lower like ${pattern} escape '\\'
      or lower(sounds.author_name) like ${pattern} escape '\\')`,
  )
}

/**
 * The page of the search as built SQL (exported so that a test can check its query plan).
 * `walk`: order by the indexed value (the planners walk the index and stop when the page is
 * full), else by the same value `+ 0`, which no index provides, so that they scan and sort the
 * matches: cheaper when few rows match (see walk-or-sort.ts).
 */
export function soundSearchQuery(ctx: QueryContext, p: SoundSearch, walk = true) {
  const qb = filtered(ctx.db.selectFrom('sounds').selectAll(), p.q)
  const figure = p.sort === 'recent' ? sql<number>`sounds.first_seen_at` : soundUserCountSql
  return qb
    .orderBy(walk ? figure : numberWithoutIndex(figure), 'desc')
    .orderBy('sounds.id')
    .limit(p.limit)
    .offset(offsetOf(p))
}

/**
 * Sounds whose title or author contains `q`, sorted by `user_count` (metrics.md §6: TikTok's
 * figure when observed, else the tracked videos; desc) or by `recent` (first seen by Toklytics,
 * newest first), then by id. A page of a broad search walks an index of migration 005 and stops
 * as soon as it is full.
 */
export async function searchSounds(
  ctx: QueryContext,
  p: SoundSearch,
): Promise<{ data: SoundView[]; pagination: Pagination }> {
  const count = await filtered(
    ctx.db.selectFrom('sounds').select((eb) => eb.fn.countAll<number>().as('n')),
    p.q,
  ).executeTakeFirstOrThrow()
  const total = sqlNumber(count.n)
  const offset = offsetOf(p)
  if (offset >= total) return { data: [], pagination: pagination(p, total) }
  const rows = await soundSearchQuery(ctx, p, walksSortIndex(total, offset, p.limit)).execute()
  return { data: rows.map(soundView), pagination: pagination(p, total) }
}
