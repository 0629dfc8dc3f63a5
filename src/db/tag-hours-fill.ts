/** Fills hashtag_hours and sound_hours from the stored videos in set-based statements. */
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { DB } from './schema.js'

/** floor(`column` / `seconds`) for an integer column on both engines (division truncates). */
function bucketOfSql(column: string, seconds: number): RawBuilder<number> {
  const c = sql.ref(column)
  const s = sql.lit(seconds)
  return sql<number>`(case when ${c} >= 0 then ${c} / ${s} else -((-${c} + ${s} - 1) / ${s}) end)`
}

/**
 * Replaces every bucket with one computed from videos and video_hashtags: per key and
 * floor(posted_at / bucketSeconds), the videos and their summed plays (unknown as 0).
 * Videos without a posting time are in no bucket.
 */
export async function fillTagHours(db: Kysely<DB>, bucketSeconds: number): Promise<void> {
  const hour = bucketOfSql('v.posted_at', bucketSeconds)
  await db.deleteFrom('hashtag_hours').execute()
  await db.deleteFrom('sound_hours').execute()
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
