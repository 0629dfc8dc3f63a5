/** Indexes of the hashtag and sound reads: §6 total sorts, top videos and creators, trends. */
import { type Kysely, sql } from 'kysely'

// Migrations take an untyped Kysely: they describe the schema rather than depend on it.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Hashtag search sorts by the reported totals of metrics.md §6 (TikTok's figures when both were
  // observed, else the tracked ones), then by name. The expressions are written exactly as the
  // queries write them (queries/hashtags/hashtag-totals-sql.ts): both planners match an expression
  // index by its parsed expression, so a page of the search walks the index and stops.
  await db.schema
    .createIndex('hashtags_video_count_sort_idx')
    .on('hashtags')
    .expression(
      sql`(case
        when tiktok_video_count is not null and tiktok_view_count is not null
        then tiktok_video_count else tracked_video_count end) desc, name`,
    )
    .execute()
  await db.schema
    .createIndex('hashtags_view_count_sort_idx')
    .on('hashtags')
    .expression(
      sql`(case
        when tiktok_video_count is not null and tiktok_view_count is not null
        then tiktok_view_count else tracked_views end) desc, name`,
    )
    .execute()
  // Sound search by `user_count` (§6: TikTok's figure, else the tracked count), then id.
  await db.schema
    .createIndex('sounds_user_count_sort_idx')
    .on('sounds')
    .expression(sql`(coalesce(tiktok_user_count, tracked_video_count)) desc, id`)
    .execute()
  // Sound search by `recent` (first seen, newest first), then id.
  await db.schema
    .createIndex('sounds_first_seen_sort_idx')
    .on('sounds')
    .columns(['first_seen_at desc', 'id'])
    .execute()
  // Top creators of a hashtag: the creators who used it most, without reading every user of #fyp.
  await db.schema
    .createIndex('creator_hashtags_hashtag_uses_idx')
    .on('creator_hashtags')
    .columns(['hashtag', 'uses desc', 'creator_id'])
    .execute()
  // A sound's most-played videos and the creators behind them, read in order from the top.
  await db.schema
    .createIndex('videos_music_id_plays_idx')
    .on('videos')
    .columns(['music_id', 'plays desc', 'id', 'creator_id'])
    .execute()
  // A sound's uses per creator (seek per creator) and its videos of the trend window, covered.
  await db.schema
    .createIndex('videos_music_id_creator_id_idx')
    .on('videos')
    .columns(['music_id', 'creator_id', 'posted_at', 'plays'])
    .execute()
  // Both start with music_id: the single-column index of 001 would only cost writes.
  await db.schema.dropIndex('videos_music_id_idx').execute()
}
