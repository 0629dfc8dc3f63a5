/** The tests' own reading of metrics.md §4 (keywords, whole words), written apart from src/domain. */
import { NICHE_TAXONOMY } from '../../src/domain/niche-taxonomy.js'

/** keywords(N): the taxonomy set when N is a niche name or one of its keywords, else [N]. */
export function keywordsOf(q: string): string[] {
  const n = q.trim().replace(/^#+/, '').trim().toLowerCase()
  if (n === '') return []
  const names = Object.keys(NICHE_TAXONOMY).sort()
  if (names.includes(n)) return [...(NICHE_TAXONOMY[n] ?? [])]
  const niche = names.find((name) => (NICHE_TAXONOMY[name] ?? []).includes(n))
  return niche === undefined ? [n] : [...(NICHE_TAXONOMY[niche] ?? [])]
}

/** Lower-cased words: runs of letters, marks, digits and '_'. */
export const wholeWords = (text: string | null): string[] =>
  (text ?? '')
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}_]+/u)
    .filter((w) => w !== '')

/** The taxonomy niche of a query (a niche name or one of its keywords), or null. */
function taxonomyNicheOf(q: string): string | null {
  const n = q.trim().replace(/^#+/, '').trim().toLowerCase()
  const names = Object.keys(NICHE_TAXONOMY).sort()
  if (names.includes(n)) return n
  return names.find((name) => (NICHE_TAXONOMY[name] ?? []).includes(n)) ?? null
}

/**
 * §4 membership (v2) from raw data: `tags` holds one entry per (video, hashtag) pair of the
 * creator. In when the pairs in keywords(N) are at least a quarter of the classified pairs (in
 * any taxonomy set or in keywords(N)), or N's taxonomy niche is the primary niche (most pairs,
 * ties alphabetical), or a whole word of the bio or nickname is one of keywords(N).
 */
export function inNicheOracle(
  c: { bio: string | null; nickname: string | null },
  tags: readonly string[],
  niche: string,
): boolean {
  const k = keywordsOf(niche)
  if (k.length === 0) return false
  const taxonomyWords = new Set(Object.values(NICHE_TAXONOMY).flat())
  const uses = tags.filter((t) => k.includes(t)).length
  const classified = tags.filter((t) => k.includes(t) || taxonomyWords.has(t)).length
  if (uses > 0 && 4 * uses >= classified) return true
  const name = taxonomyNicheOf(niche)
  if (name !== null) {
    let primary: string | null = null
    let most = 0
    for (const n of Object.keys(NICHE_TAXONOMY).sort()) {
      const count = tags.filter((t) => (NICHE_TAXONOMY[n] ?? []).includes(t)).length
      if (count > most) {
        primary = n
        most = count
      }
    }
    if (primary === name) return true
  }
  return [...wholeWords(c.bio), ...wholeWords(c.nickname)].some((w) => k.includes(w))
}
