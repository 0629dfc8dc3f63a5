/** Creator filters shared by search, niche report and campaign planner (metrics.md §4 niches). */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Dialect } from '../../db/dialect.js'
import type { DB } from '../../db/schema.js'
import { NICHE_MIN_SHARE } from '../../domain/metric-constants.js'
import { keywordsFor, nicheOfKeyword, normalizeNicheQuery, wordsOf } from '../../domain/niches.js'

type CreatorEb = ExpressionBuilder<DB, 'creators'>

/** `(1 − s) / s` of the §4 share rule: 3 at s = 0.25 (see nicheMembers). */
const USES_FACTOR = (1 - NICHE_MIN_SHARE) / NICHE_MIN_SHARE

/**
 * The creator ids of §4 niche `niche`, as one select to combine with others: the materialized
 * members (creator_niches) of a taxonomy niche; for any other word N, the creators for whom the
 * hashtag N reaches a quarter of their classified (video, hashtag) pairs — which for a word
 * outside the taxonomy are the taxonomy-classified pairs C plus N's own: `uses ≥ s × (C +
 * uses)`, i.e. `uses × (1 − s) / s ≥ C` (3 × uses ≥ C at s = 0.25) — or who have N as a whole
 * word of the nickname or bio (creator_terms). Such a word has no primary niche to match.
 */
function nicheMembers(eb: CreatorEb, niche: string) {
  const name = nicheOfKeyword(niche)
  if (name !== null) {
    return eb
      .selectFrom('creator_niches')
      .select('creator_niches.creator_id')
      .where('creator_niches.niche', '=', name)
  }
  const keywords = keywordsFor(niche)
  return eb
    .selectFrom('creator_hashtags')
    .innerJoin('creators as c', 'c.id', 'creator_hashtags.creator_id')
    .select('creator_hashtags.creator_id')
    .where('creator_hashtags.hashtag', 'in', keywords)
    .where((w) =>
      w(sql`${USES_FACTOR} * creator_hashtags.uses`, '>=', w.ref('c.classified_tag_uses')),
    )
    .union(
      eb
        .selectFrom('creator_terms')
        .select('creator_terms.creator_id')
        .where('creator_terms.term', 'in', keywords)
        .where('creator_terms.in_text', '=', 1),
    )
}

/** §4 membership of `niche` (see nicheMembers): one `id in (…)` that both databases index. */
export function inNiche(eb: CreatorEb, niche: string): Expression<SqlBool> {
  if (normalizeNicheQuery(niche) === '' || holdsNul(niche)) return sql<SqlBool>`1 = 0`
  return eb('creators.id', 'in', nicheMembers(eb, niche))
}

/** True when `text` holds U+0000: no stored text does, and PostgreSQL rejects it in a query. */
export const holdsNul = (text: string): boolean => text.includes('\u0000')

/**
 * Free-text creator query: every word of `q` starts a word of the username, nickname or bio
 * (so "fit jo" finds "Fitness with Joanna"), or `q` names a niche keyword (§4). With `drive`
 * false the match is tested per row of a walk along a sort index (see Dialect.unindexed).
 */
export function matchesQuery(
  eb: CreatorEb,
  q: string,
  dialect: Dialect,
  drive = true,
): Expression<SqlBool> {
  const text = normalizeNicheQuery(q)
  if (text === '') return sql<SqlBool>`1 = 1`
  if (holdsNul(text)) return sql<SqlBool>`1 = 0`
  const wordSets = wordsOf(text).map((w) =>
    eb
      .selectFrom('creator_terms')
      .select('creator_terms.creator_id')
      .where(dialect.startsWith('creator_terms.term', w)),
  )
  // The word sets intersected first: SQLite reads compound selects left to right, PostgreSQL
  // binds INTERSECT tighter than UNION, and both then agree on (w1 ∩ w2 …) ∪ niche.
  const id = drive ? sql.ref('creators.id') : dialect.unindexed('creators.id')
  const [first, ...rest] = wordSets
  if (first === undefined) return eb(id, 'in', nicheMembers(eb, text))
  const byWords = rest.reduce((all, set) => all.intersect(set), first)
  return eb(id, 'in', byWords.union(nicheMembers(eb, text)))
}

/**
 * A region filter as TikTok stores regions (ISO 3166-1 alpha-2, upper case): trimmed and
 * upper-cased, and `UK`, the common name the spec's own example uses, read as `GB`.
 */
export function regionCode(region: string): string {
  const code = region.trim().toUpperCase()
  return code === 'UK' ? 'GB' : code
}
