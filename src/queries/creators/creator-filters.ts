/** Creator filters shared by search, niche report and campaign planner (metrics.md §4 niches). */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Dialect } from '../../db/dialect.js'
import type { DB } from '../../db/schema.js'
import { keywordsFor, normalizeNicheQuery, wordsOf } from '../../domain/niches.js'

type CreatorEb = ExpressionBuilder<DB, 'creators'>

/**
 * §4 membership of `niche`: a video hashtag in keywords(niche) (materialized per creator in
 * creator_hashtags), or a keyword as a whole word of the bio or nickname (creator_terms).
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
    // A keyword as a whole word of the nickname or bio (indexed terms, not a scan of bios).
    eb(
      'creators.id',
      'in',
      eb
        .selectFrom('creator_terms')
        .select('creator_terms.creator_id')
        .where('creator_terms.term', 'in', keywords)
        .where('creator_terms.in_text', '=', 1),
    ),
  ])
}

/** True when `text` holds U+0000: no stored text does, and PostgreSQL rejects it in a query. */
export const holdsNul = (text: string): boolean => text.includes('\u0000')

/**
 * Free-text creator query: every word of `q` starts a word of the username, nickname or bio
 * (so "fit jo" finds "Fitness with Joanna"), or `q` names a niche keyword (§4).
 */
export function matchesQuery(eb: CreatorEb, q: string, dialect: Dialect): Expression<SqlBool> {
  const text = normalizeNicheQuery(q)
  if (text === '') return sql<SqlBool>`1 = 1`
  if (holdsNul(text)) return sql<SqlBool>`1 = 0`
  const words = wordsOf(text)
  const byWords =
    words.length === 0
      ? sql<SqlBool>`1 = 0`
      : eb.and(
          words.map((w) =>
            eb(
              'creators.id',
              'in',
              eb
                .selectFrom('creator_terms')
                .select('creator_terms.creator_id')
                .where(dialect.startsWith('creator_terms.term', w)),
            ),
          ),
        )
  return eb.or([byWords, inNiche(eb, text)])
}

/**
 * A region filter as TikTok stores regions (ISO 3166-1 alpha-2, upper case): trimmed and
 * upper-cased, and `UK`, the common name the spec's own example uses, read as `GB`.
 */
export function regionCode(region: string): string {
  const code = region.trim().toUpperCase()
  return code === 'UK' ? 'GB' : code
}
