/** Views per creator and hashtag, kept with the uses, so a creator's top hashtags are one read. */
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('creator_hashtags')
    .addColumn('plays', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('creator_hashtags')
    .addColumn('with_plays', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // Rebuilt in one set-based statement, exactly as refreshCreatorMetrics computes the rows.
  await sql`delete from creator_hashtags`.execute(db)
  await sql`
    insert into creator_hashtags (creator_id, hashtag, uses, plays, with_plays)
    select v.creator_id, vh.hashtag, count(*), coalesce(sum(v.plays), 0), count(v.plays)
    from video_hashtags vh join videos v on v.id = vh.video_id
    where v.creator_id is not null
    group by v.creator_id, vh.hashtag`.execute(db)
}
