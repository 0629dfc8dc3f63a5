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
