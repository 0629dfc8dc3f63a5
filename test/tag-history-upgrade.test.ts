/**
 * Upgrading a 019 database to 020: the history of TikTok's hashtag and sound totals starts with
 * the figures the rows held, on every database (ingestion: api-rising-rankings.test.ts).
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { type Kysely, sql } from 'kysely'
import { migrateTo, migrateToLatest } from '../src/db/migrate.js'
import { testDatabases } from './support/databases.js'

for (const target of testDatabases()) {
  describe(`tag total history upgrade on ${target.name}`, () => {
    after(() => target.cleanup())

    it('seeds hashtag_snapshots and sound_snapshots from the stored totals', async () => {
      const database = await target.open({ migrate: 'none' })
      try {
        const raw = database.db as unknown as Kysely<unknown>
        await migrateTo(database.db, database.dialect, '019-data-changes')
        // A hashtag with TikTok's totals, one with views only, one never seen on its page.
        await sql`insert into hashtags (name, tiktok_video_count, tiktok_view_count,
          tiktok_observed_at, tracked_video_count, tracked_views, first_seen_at, is_demo)
          values ('fyp', 9000000, 800000000000, 1700000000, 12, 3400, 1690000000, 0),
                 ('views', null, 5000, 1700000100, 0, 0, 1690000000, 0),
                 ('tracked', null, null, null, 3, 90, 1690000000, 0)`.execute(raw)
        // A sound with TikTok's user count and one without.
        await sql`insert into sounds (id, title, tiktok_user_count, observed_at,
          tracked_video_count, tracked_views, first_seen_at, is_demo)
          values ('7000000000000000001', 'a', 481284, 1700000200, 1, 10, 1690000000, 0),
                 ('7000000000000000002', 'b', null, 1700000300, 1, 10, 1690000000, 0)`.execute(raw)
        await sql`insert into creator_snapshots (creator_id, observed_at, followers)
          values ('1', 1700000000, 10)`.execute(raw)

        await migrateToLatest(database.db, database.dialect)

        const tags = await database.db
          .selectFrom('hashtag_snapshots')
          .selectAll()
          .orderBy('hashtag')
          .execute()
        assert.deepEqual(
          tags.map((t) => [
            t.hashtag,
            Number(t.observed_at),
            t.video_count === null ? null : Number(t.video_count),
            t.view_count === null ? null : Number(t.view_count),
          ]),
          [
            ['fyp', 1_700_000_000, 9_000_000, 800_000_000_000],
            ['views', 1_700_000_100, null, 5000],
          ],
        )
        const sounds = await database.db.selectFrom('sound_snapshots').selectAll().execute()
        assert.deepEqual(
          sounds.map((s) => [s.sound_id, Number(s.observed_at), Number(s.user_count)]),
          [['7000000000000000001', 1_700_000_200, 481_284]],
        )
        // The rows and the creator history are untouched.
        const fyp = await database.db
          .selectFrom('hashtags')
          .select(['tracked_video_count'])
          .where('name', '=', 'fyp')
          .executeTakeFirstOrThrow()
        assert.equal(Number(fyp.tracked_video_count), 12)
        const snaps = await database.db.selectFrom('creator_snapshots').selectAll().execute()
        assert.equal(snaps.length, 1)
      } finally {
        await database.close()
      }
    })
  })
}
