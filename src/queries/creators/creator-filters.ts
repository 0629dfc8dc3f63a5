/** Creator filters shared by search, niche report and campaign planner (metrics.md §4 niches). */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import { keywordsFor, normalizeNicheQuery } from '../../domain/niches.js'
import { containsPattern } from '../like-pattern.js'

type CreatorEb = ExpressionBuilder<DB, 'creators'>

/**
 * §4 membership of `niche`: a video hashtag in keywords(niche) (materialized per creator in
 * creator_hashtags), or a keyword as a whole word of the bio or nickname (the `words` column).
 */
export function inNiche(eb: CreatorEb, niche: string): Expression<SqlBool> {
  const keywords = keywordsFor(niche)
  if (keywords.length === 0) return sql<SqlBool>`1 = 0`
  return eb.or([
    eb(
      'creators.id',
      'in',
      eb
        .selectFrom('creator_hashtags')
        .select('creator_hashtags.creator_id')
        .where('creator_hashtags.hashtag', 'in', keywords),
    ),
    ...keywords.map((k) => eb('creators.words', 'like', `% ${k} %`)),
  ])
}

/** Free-text creator query: username, nickname or bio contains it, or it names a niche keyword. */
export function matchesQuery(eb: CreatorEb, q: string): Expression<SqlBool> {
  const text = normalizeNicheQuery(q)
  if (text === '') return sql<SqlBool>`1 = 1`
  return eb.or([
    sql<SqlBool>`creators.search_text like ${containsPattern(text)} escape '\\'`,
    inNiche(eb, text),
  ])
}
