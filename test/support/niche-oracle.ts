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
