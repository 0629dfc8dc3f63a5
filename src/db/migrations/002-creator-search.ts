/** Creator search support: search text and whole-word columns, and each creator's hashtag uses. */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // Lower-cased "username\nnickname\nbio" for substring search, the same on both databases.
  await db.schema
    .alterTable('creators')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  // " word word … " of nickname and bio, so a whole-word match is LIKE '% word %' (metrics.md §4).
  await db.schema
    .alterTable('creators')
    .addColumn('words', 'text', (c) => c.notNull().defaultTo(' '))
    .execute()
  // How many of a creator's videos carry each hashtag: niche membership without a video scan.
  await db.schema
    .createTable('creator_hashtags')
    .addColumn('creator_id', 'text', (c) => c.notNull())
    .addColumn('hashtag', 'text', (c) => c.notNull())
    .addColumn('uses', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('creator_hashtags_pk', ['creator_id', 'hashtag'])
    .execute()
  await db.schema
    .createIndex('creator_hashtags_hashtag_idx')
    .on('creator_hashtags')
    .columns(['hashtag', 'creator_id'])
    .execute()
}
