/** Video search and trending: one index per sort order, and covering indexes for the filters. */
import { type Kysely, sql } from 'kysely'

/**
 * Each sort of `GET /videos/search` orders by `(col is null), col desc, id` (unknown values last
 * on both databases); an index on exactly those expressions lets a page walk the index and stop
 * after `limit` rows instead of sorting millions. Trending walks the plays one.
 */
const SORTED_COLUMNS = ['plays', 'likes', 'shares', 'posted_at'] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of SORTED_COLUMNS) {
    await db.schema
      .createIndex(`videos_${column}_sort_idx`)
      .on('videos')
      .expression(sql`(${sql.ref(column)} is null), ${sql.ref(column)} desc, id`)
      .execute()
  }
  // Counting the matches of content_type / duration / min_views filters, and reading all of them
  // when few match, without touching the table: one index for each leading filter.
  await db.schema
    .createIndex('videos_content_type_duration_plays_idx')
    .on('videos')
    .columns(['content_type', 'duration', 'plays'])
    .execute()
  await db.schema
    .createIndex('videos_duration_content_type_plays_idx')
    .on('videos')
    .columns(['duration', 'content_type', 'plays'])
    .execute()
}
