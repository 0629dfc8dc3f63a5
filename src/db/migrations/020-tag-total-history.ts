/**
 * History of TikTok's own totals of hashtags and sounds (metrics.md §8): until now only the
 * newest figures were kept on the hashtag and sound rows, so nothing could say how fast they grow.
 * Ingestion adds one row per observed totals (ingest/write-tag-snapshots.ts); here the history
 * starts with the figures the rows already hold. Also an index that lets the rising lists and
 * rank tables read one period of creator snapshots without walking every creator's history.
 */
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hashtag_snapshots')
    .addColumn('hashtag', 'text', (c) => c.notNull())
    .addColumn('observed_at', 'bigint', (c) => c.notNull())
    .addColumn('video_count', 'bigint')
    .addColumn('view_count', 'bigint')
    .addPrimaryKeyConstraint('hashtag_snapshots_pk', ['hashtag', 'observed_at'])
    .execute()
  // A period of every hashtag: one range of this index (the primary key serves one hashtag).
  await db.schema
    .createIndex('hashtag_snapshots_observed_idx')
    .on('hashtag_snapshots')
    .columns(['observed_at', 'hashtag', 'video_count'])
    .execute()
  await db.schema
    .createTable('sound_snapshots')
    .addColumn('sound_id', 'text', (c) => c.notNull())
    .addColumn('observed_at', 'bigint', (c) => c.notNull())
    .addColumn('user_count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sound_snapshots_pk', ['sound_id', 'observed_at'])
    .execute()
  await db.schema
    .createIndex('sound_snapshots_observed_idx')
    .on('sound_snapshots')
    .columns(['observed_at', 'sound_id', 'user_count'])
    .execute()
  // Covering: a period's first and last follower counts of every creator, read from the index.
  await db.schema
    .createIndex('creator_snapshots_observed_idx')
    .on('creator_snapshots')
    .columns(['observed_at', 'creator_id', 'followers'])
    .execute()
  // The history starts with what the rows hold. A hashtag's figures carry their own time; a
  // sound's user count is dated by the sound's newest observation, the closest time stored.
  await sql`
    insert into hashtag_snapshots (hashtag, observed_at, video_count, view_count)
    select name, tiktok_observed_at, tiktok_video_count, tiktok_view_count
    from hashtags
    where tiktok_observed_at is not null
      and (tiktok_video_count is not null or tiktok_view_count is not null)`.execute(db)
  await sql`
    insert into sound_snapshots (sound_id, observed_at, user_count)
    select id, observed_at, tiktok_user_count
    from sounds
    where tiktok_user_count is not null`.execute(db)
}
