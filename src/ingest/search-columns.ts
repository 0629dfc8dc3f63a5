/** The search columns derived from a creator's identity at write time (see CreatorSearchColumns). */
import type { CreatorSearchColumns } from '../db/schema.js'
import { wordsOf } from '../domain/niches.js'

export function creatorSearchColumns(c: {
  username: string | null
  nickname: string | null
  bio: string | null
}): CreatorSearchColumns {
  const words = wordsOf(`${c.nickname ?? ''} ${c.bio ?? ''}`)
  return {
    search_text: [c.username, c.nickname, c.bio]
      .filter((v) => v !== null)
      .join('\n')
      .toLowerCase(),
    words: ` ${words.join(' ')} `,
  }
}

/** One searchable word of a creator; `in_text` marks words of the nickname or bio (§4 niches). */
export interface CreatorTerm {
  term: string
  in_text: number
}

/**
 * The creator's search terms: the lower-cased username and its words, and the words of the
 * nickname and bio. Indexed in creator_terms, they let search match word prefixes and niche
 * keywords without scanning every creator.
 */
export function creatorTerms(c: {
  username: string | null
  nickname: string | null
  bio: string | null
}): CreatorTerm[] {
  const terms = new Map<string, number>()
  for (const w of wordsOf(`${c.nickname ?? ''} ${c.bio ?? ''}`)) terms.set(w, 1)
  const username = c.username?.toLowerCase()
  if (username) {
    for (const w of [username, ...wordsOf(username)]) if (!terms.has(w)) terms.set(w, 0)
  }
  return [...terms].map(([term, in_text]) => ({ term, in_text }))
}
