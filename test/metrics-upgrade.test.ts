/**
 * Upgrading a v1 database to metrics v2: migration 016 makes the metric columns nullable (a
 * table rebuild on SQLite) without losing a row or an index, and the re-derivation after it
 * replaces v1's zeros-for-no-evidence with nulls, on every database.
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { type Kysely, sql } from 'kysely'
import { migrateTo, migrateToLatest } from '../src/db/migrate.js'
import type { Database } from '../src/db/open.js'
import { DERIVED_VERSION, rederiveIfStale } from '../src/ingest/rederive.js'
import { testDatabases } from './support/databases.js'

/** The creators table's indexes, by name. */
async function creatorIndexes(database: Database): Promise<string[]> {
  const db = database.db as unknown as Kysely<unknown>
  const { rows } =
    database.dialect.name === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master
          where type = 'index' and tbl_name = 'creators' and sql is not null`.execute(db)
      : await sql<{ name: string }>`select indexname as name from pg_indexes
          where tablename = 'creators' and schemaname = current_schema()`.execute(db)
  return rows.map((r) => r.name).sort()
}

/** A creator row as v1 stored one seen only through its profile: zeros for every metric. */
const V1_ROW = sql`insert into creators (id, username, username_lower, followers,
  identity_observed_at, first_seen_at, last_updated, sample_size, avg_views, avg_likes,
  avg_comments, avg_shares, avg_saves, median_views, engagement_rate, viral_ratio,
  posts_per_week, sponsorship_low, sponsorship_high, tier, grade)
  values ('6799838955094836230', 'zg.520', 'zg.520', 427682, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 'mid', 'N/A')`

for (const target of testDatabases()) {
  describe(`metrics v2 upgrade on ${target.name}`, () => {
    after(() => target.cleanup())

    it('a new database is current from the start: nothing to re-derive', async () => {
      const database = await target.open()
      try {
        assert.deepEqual(await database.db.selectFrom('derived_state').selectAll().execute(), [
          { name: 'creator_metrics', version: DERIVED_VERSION },
        ])
        assert.equal(await rederiveIfStale(database), 0)
      } finally {
        await database.close()
      }
    })

    it('keeps every row and index, then re-derives v1 zeros into nulls', async () => {
      const database = await target.open({ migrate: 'none' })
      try {
        const raw = database.db as unknown as Kysely<unknown>
        await migrateTo(database.db, database.dialect, '015-video-text-index')
        await V1_ROW.execute(raw)
        // v1's columns refuse null.
        await assert.rejects(sql`update creators set avg_views = null`.execute(raw))
        const indexesBefore = await creatorIndexes(database)

        await migrateToLatest(database.db, database.dialect)
        assert.deepEqual(await creatorIndexes(database), indexesBefore)
        const kept = await database.db
          .selectFrom('creators')
          .select(['username', 'followers', 'avg_views', 'engagement_rate', 'classified_tag_uses'])
          .execute()
        // PostgreSQL returns bigints as strings.
        assert.deepEqual(
          kept.map((r) => ({
            username: r.username,
            followers: Number(r.followers),
            avg_views: Number(r.avg_views),
            engagement_rate: r.engagement_rate,
            classified_tag_uses: r.classified_tag_uses,
          })),
          [
            {
              username: 'zg.520',
              followers: 427_682,
              avg_views: 0,
              engagement_rate: 0,
              classified_tag_uses: 0,
            },
          ],
        )

        // The re-derivation after migrating: nothing was measured, so nothing is 0 any more.
        assert.equal(await rederiveIfStale(database), 1)
        const row = await database.db.selectFrom('creators').selectAll().executeTakeFirstOrThrow()
        for (const key of [
          'avg_views',
          'avg_likes',
          'avg_saves',
          'median_views',
          'engagement_rate',
          'viral_ratio',
          'posts_per_week',
          'sponsorship_low',
          'sponsorship_high',
          'score_engagement',
        ] as const) {
          assert.equal(row[key], null, key)
        }
        assert.equal(row.sample_size, 0)
        const state = await database.db.selectFrom('derived_state').selectAll().execute()
        assert.deepEqual(state, [{ name: 'creator_metrics', version: DERIVED_VERSION }])
        // Once current, a start does not recompute again.
        assert.equal(await rederiveIfStale(database), 0)
      } finally {
        await database.close()
      }
    })
  })
}
