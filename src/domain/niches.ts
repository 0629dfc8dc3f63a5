/** Niche matching of metrics.md §4: keyword sets, niche membership and the primary niche. */

import { NICHE_MIN_SHARE } from './metric-constants.js'
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

/** What §4 membership reads of a creator. */
export interface NicheEvidence {
  /** Hashtag → number of the creator's tracked videos carrying it ((video, hashtag) pairs). */
  hashtagUses: ReadonlyMap<string, number>
  bio: string | null
  nickname: string | null
}

/** Uses of one normalized hashtag; non-positive or non-finite counts are no uses. */
function usesOf(uses: number): number {
  return Number.isFinite(uses) && uses > 0 ? uses : 0
}

/**
 * True when `uses` of `classified` (video, hashtag) pairs reach NICHE_MIN_SHARE: compared as
 * `uses ≥ share × classified` on integers, so a share of exactly 1/4 is in; 0 of 0 is not.
 */
export function reachesNicheShare(uses: number, classified: number): boolean {
  return uses > 0 && uses >= NICHE_MIN_SHARE * classified
}

/**
 * The creator's niche share of `niche` (§4): `uses(N) / classified`, where `uses(N)` counts the
 * (video, hashtag) pairs whose hashtag is in `keywords(N)` and `classified` those whose hashtag
 * is in any taxonomy niche's set or in `keywords(N)`. 0 when nothing is classified. Generic tags
 * (#fyp) are in no set, so they dilute nothing.
 */
export function nicheShare(
  hashtagUses: ReadonlyMap<string, number>,
  niche: string,
  taxonomy: Taxonomy = NICHE_TAXONOMY,
): number {
  const { uses, classified } = nicheCounts(hashtagUses, keywordsFor(niche, taxonomy), taxonomy)
  return classified === 0 ? 0 : uses / classified
}

function nicheCounts(
  hashtagUses: ReadonlyMap<string, number>,
  keywords: readonly string[],
  taxonomy: Taxonomy,
): { uses: number; classified: number } {
  const index = indexFor(taxonomy)
  const wanted = new Set(keywords)
  let uses = 0
  let classified = 0
  for (const [tag, count] of hashtagUses) {
    const key = normalizeNicheQuery(tag)
    const n = usesOf(count)
    if (wanted.has(key)) uses += n
    if (wanted.has(key) || index.nichesOfKeyword.has(key)) classified += n
  }
  return { uses, classified }
}

/**
 * Pairs of the creator's (video, hashtag) uses whose hashtag is in any taxonomy niche's set: the
 * `classified` of §4 for every niche, and for a word outside the taxonomy the rest of it.
 */
export function classifiedTagUses(
  hashtagUses: ReadonlyMap<string, number>,
  taxonomy: Taxonomy = NICHE_TAXONOMY,
): number {
  return nicheCounts(hashtagUses, [], taxonomy).classified
}

/**
 * §4 membership of `niche`: the creator's niche share is at least 0.25, or the niche (a taxonomy
 * niche, or the one a keyword resolves to) is their primary niche, or the bio or nickname
 * contains one of `keywords(niche)` as a whole word. A single #fitness post of a comedian is
 * not a choice of subject; a quarter of their classified tags is.
 */
export function creatorInNiche(
  creator: NicheEvidence,
  niche: string,
  taxonomy: Taxonomy = NICHE_TAXONOMY,
): boolean {
  const keywords = keywordsFor(niche, taxonomy)
  if (keywords.length === 0) return false
  const { uses, classified } = nicheCounts(creator.hashtagUses, keywords, taxonomy)
  if (reachesNicheShare(uses, classified)) return true
  const name = nicheOfKeyword(niche, taxonomy)
  if (name !== null && primaryNiche(creator.hashtagUses, taxonomy) === name) return true
  return (
    textMatchesKeywords(creator.bio, keywords) || textMatchesKeywords(creator.nickname, keywords)
  )
}

/**
 * Every taxonomy niche the creator belongs to by §4 (the niches N for which
 * `creatorInNiche(creator, N)` holds), sorted by name: what is materialized per creator so that
 * a niche's members are one index range.
 */
export function nichesOfCreator(
  creator: NicheEvidence,
  taxonomy: Taxonomy = NICHE_TAXONOMY,
): string[] {
  const index = indexFor(taxonomy)
  const usesByNiche = new Map<string, number>()
  let classified = 0
  for (const [tag, count] of creator.hashtagUses) {
    const niches = index.nichesOfKeyword.get(normalizeNicheQuery(tag))
    if (niches === undefined) continue
    const n = usesOf(count)
    classified += n
    for (const name of niches) usesByNiche.set(name, (usesByNiche.get(name) ?? 0) + n)
  }
  const found = new Set<string>()
  for (const [name, uses] of usesByNiche) if (reachesNicheShare(uses, classified)) found.add(name)
  const primary = primaryNiche(creator.hashtagUses, taxonomy)
  if (primary !== null) found.add(primary)
  for (const word of [...wordsOf(creator.bio ?? ''), ...wordsOf(creator.nickname ?? '')]) {
    for (const name of index.nichesOfKeyword.get(word) ?? []) found.add(name)
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
