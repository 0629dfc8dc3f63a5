/** Creator search terms (see creatorTerms): indexed word-prefix and keyword search, back-filled. */
import { type Kysely, sql } from 'kysely'
import type { Dialect } from '../dialect.js'

/**
 * The terms as this migration defined them, frozen here: a migration's output must not change
 * when the live code (ingest/search-columns.ts) does. Words are runs of Unicode letters, marks,
 * digits and underscore, NFC, lower-cased.
 */
function creatorTermsV1(c: {
  username: string | null
  nickname: string | null
  bio: string | null
}): Array<{ term: string; in_text: number }> {
  const wordsOf = (text: string) =>
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}_]+/gu) ?? []
  const terms = new Map<string, number>()
  for (const w of wordsOf(`${c.nickname ?? ''} ${c.bio ?? ''}`)) terms.set(w, 1)
  const username = c.username?.toLowerCase()
  if (username) {
    for (const w of [username, ...wordsOf(username)]) if (!terms.has(w)) terms.set(w, 0)
  }
  return [...terms].map(([term, in_text]) => ({ term, in_text }))
}

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('creator_terms')
    .addColumn('creator_id', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('in_text', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('creator_terms_pk', ['creator_id', 'term'])
    .execute()
  await db.schema
    .createIndex('creator_terms_term_idx')
    .on('creator_terms')
    .columns(['term', 'creator_id'])
    .execute()
  await dialect.addPrefixIndex(db, 'creator_terms', 'term')
  // Creators stored before this migration get their terms now.
  const { rows } = await sql<{
    id: string
    username: string | null
    nickname: string | null
    bio: string | null
  }>`
    select id, username, nickname, bio from creators`.execute(db)
  const terms = rows.flatMap((c) => creatorTermsV1(c).map((t) => ({ creator_id: c.id, ...t })))
  for (let i = 0; i < terms.length; i += 300) {
    await db
      .insertInto('creator_terms' as never)
      .values(terms.slice(i, i + 300) as never)
      .execute()
  }
}
