/**
 * Hour buckets of hashtags' and sounds' tracked videos by posting time (domain/tag-hours.ts):
 * trending lists and a tag's 7-day trend sum a week of buckets instead of grouping its videos.
 * Filled here from the stored videos in set-based statements; ingestion keeps them by delta
 * (ingest/tag-hour-deltas.ts), bulk deletes refill them (db/tag-hours-fill.ts).
 */
import { type Kysely, sql } from 'kysely'

async function createBuckets(db: Kysely<unknown>, table: string, key: string): Promise<void> {
  await db.schema
    .createTable(table)
    .addColumn(key, 'text', (c) => c.notNull())
    .addColumn('hour', 'bigint', (c) => c.notNull())
    .addColumn('videos', 'bigint', (c) => c.notNull())
    .addColumn('plays', 'bigint', (c) => c.notNull())
    // Hour first: the trending lists read one range of hours for every tag.
    .addPrimaryKeyConstraint(`${table}_pk`, ['hour', key])
    .execute()
  // A single tag's trend reads its own week; the index holds no counter, so updates skip it.
  await db.schema.createIndex(`${table}_${key}_idx`).on(table).columns([key, 'hour']).execute()
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await createBuckets(db, 'hashtag_hours', 'hashtag')
  await createBuckets(db, 'sound_hours', 'sound_id')
  // Frozen copy of db/tag-hours-fill.ts with 3,600-second buckets (floor division, both engines).
  const hour = sql`(case when v.posted_at >= 0 then v.posted_at / 3600
    else -((-v.posted_at + 3599) / 3600) end)`
  await sql`
    insert into hashtag_hours (hashtag, hour, videos, plays)
    select vh.hashtag, ${hour}, count(*), coalesce(sum(v.plays), 0)
    from video_hashtags vh join videos v on v.id = vh.video_id
    where v.posted_at is not null
    group by vh.hashtag, ${hour}`.execute(db)
  await sql`
    insert into sound_hours (sound_id, hour, videos, plays)
    select v.music_id, ${hour}, count(*), coalesce(sum(v.plays), 0)
    from videos v
    where v.posted_at is not null and v.music_id is not null
    group by v.music_id, ${hour}`.execute(db)
}
