/** Niche matching of metrics.md §4: keyword sets, niche membership and the primary niche. */

import { NICHE_TAXONOMY } from './niche-taxonomy.js'

type Taxonomy = Readonly<Record<string, readonly string[]>>

/**
 * Lower-cases, trims and strips leading '#' characters: "  #FitTok " → "fittok".
 * This is how a niche query, a hashtag or a keyword is compared everywhere.
 */
export function normalizeNicheQuery(q: string): string {
  return q.trim().replace(/^#+/, '').trim().toLowerCase()
}

/** Niche names of `taxonomy`, alphabetical, with every keyword → niches containing it. */
function indexTaxonomy(taxonomy: Taxonomy): {
  names: readonly string[]
  nichesOfKeyword: ReadonlyMap<string, readonly string[]>
} {
  const names = Object.keys(taxonomy).sort()
  const nichesOfKeyword = new Map<string, string[]>()
  for (const name of names) {
    for (const keyword of taxonomy[name] ?? []) {
      const list = nichesOfKeyword.get(keyword)
      if (list === undefined) nichesOfKeyword.set(keyword, [name])
      else if (!list.includes(name)) list.push(name)
    }
  }
  return { names, nichesOfKeyword }
}

// Derived once from the immutable built-in taxonomy; tests may pass their own taxonomy.
const BUILT_IN = { taxonomy: NICHE_TAXONOMY, ...indexTaxonomy(NICHE_TAXONOMY) }

function indexFor(taxonomy: Taxonomy) {
  return taxonomy === BUILT_IN.taxonomy ? BUILT_IN : { taxonomy, ...indexTaxonomy(taxonomy) }
}

/**
 * The taxonomy niche a word belongs to: the niche itself when the word is a niche name, else the
 * niche whose keyword set contains it. A keyword listed under several niches resolves to the
 * alphabetically first of them (the same tie order as the primary niche). Null when unknown.
 */
export function nicheOfKeyword(word: string, taxonomy: Taxonomy = NICHE_TAXONOMY): string | null {
  const key = normalizeNicheQuery(word)
  if (key === '') return null
  if (Object.hasOwn(taxonomy, key)) return key
  return indexFor(taxonomy).nichesOfKeyword.get(key)?.[0] ?? null
}

/**
 * `keywords(N)`: the taxonomy set of the niche when the normalized `N` is a niche name or one of
 * its keywords (see `nicheOfKeyword` for a keyword of several niches), else `[N]`.
 * An empty query (after normalization) has no keywords: [].
 */
export function keywordsFor(niche: string, taxonomy: Taxonomy = NICHE_TAXONOMY): string[] {
  const key = normalizeNicheQuery(niche)
  if (key === '') return []
  const name = nicheOfKeyword(key, taxonomy)
  return name === null ? [key] : [...(taxonomy[name] ?? [key])]
}

/** Words of a text: NFC-normalized, lower-cased runs of Unicode letters, marks, digits or '_'. */
export function wordsOf(text: string): string[] {
  // Marks (\p{M}) stay inside words so decomposed accents and Indic vowel signs don't split them.
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}_]+/gu) ?? []
  )
}

/**
 * True when one of `keywords` equals a whole word of `text`, case-insensitively. Words are runs
 * of Unicode letters/digits/underscore, so "#gym" and "gym-rat" contain "gym" but
 * "gymnastics" and "gym_life" do not. False for a null text or no keywords.
 */
export function textMatchesKeywords(text: string | null, keywords: readonly string[]): boolean {
  if (text === null || keywords.length === 0) return false
  const wanted = new Set(keywords.map(normalizeNicheQuery))
  return wordsOf(text).some((word) => wanted.has(word))
}

/**
 * §4 membership: at least one of the creator's video hashtags is in `keywords` (compared
 * normalized), or the bio or nickname contains one of them as a whole word.
 */
export function creatorInNiche(
  creator: { hashtags: readonly string[]; bio: string | null; nickname: string | null },
  keywords: readonly string[],
): boolean {
  if (keywords.length === 0) return false
  const wanted = new Set(keywords.map(normalizeNicheQuery))
  if (creator.hashtags.some((tag) => wanted.has(normalizeNicheQuery(tag)))) return true
  return (
    textMatchesKeywords(creator.bio, keywords) || textMatchesKeywords(creator.nickname, keywords)
  )
}

/**
 * Every taxonomy niche the creator belongs to by §4 (the niches N for which
 * `creatorInNiche(creator, taxonomy[N])` holds), sorted by name: what is materialized per
 * creator so that a niche's members are one index range.
 */
export function nichesOfCreator(
  creator: { hashtags: Iterable<string>; bio: string | null; nickname: string | null },
  taxonomy: Taxonomy = NICHE_TAXONOMY,
): string[] {
  const index = indexFor(taxonomy)
  const found = new Set<string>()
  const words = [...wordsOf(creator.bio ?? ''), ...wordsOf(creator.nickname ?? '')]
  for (const tag of [...creator.hashtags, ...words]) {
    for (const name of index.nichesOfKeyword.get(normalizeNicheQuery(tag)) ?? []) found.add(name)
  }
  return [...found].sort()
}

/**
 * Primary niche (§4): for each taxonomy niche, the sum of the uses of the creator's hashtags that
 * are in its keyword set (`hashtagUses`: hashtag → number of the creator's videos carrying it);
 * the niche with the most uses wins, ties go to the alphabetically first niche.
 * A hashtag in several niches' sets counts for each of them. Hashtags are compared normalized;
 * non-positive or non-finite counts are ignored. Null when no keyword matches.
 */
export function primaryNiche(
  hashtagUses: ReadonlyMap<string, number>,
  taxonomy: Taxonomy = NICHE_TAXONOMY,
): string | null {
  const index = indexFor(taxonomy)
  const totals = new Map<string, number>()
  for (const [tag, uses] of hashtagUses) {
    if (!Number.isFinite(uses) || uses <= 0) continue
    for (const name of index.nichesOfKeyword.get(normalizeNicheQuery(tag)) ?? []) {
      totals.set(name, (totals.get(name) ?? 0) + uses)
    }
  }
  let best: string | null = null
  let bestUses = 0
  for (const name of index.names) {
    const uses = totals.get(name) ?? 0
    if (uses > bestUses) {
      best = name
      bestUses = uses
    }
  }
  return best
}
