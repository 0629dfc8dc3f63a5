/**
 * A database from before migration 024 keeps its videos: the migration adds the sponsored
 * columns empty and leaves the rules version stale, and the re-derivation on the next start fills
 * them from the stored details and captions (metrics.md §11), then the creators' figures.
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { type Kysely, sql } from 'kysely'
import { migrateTo, migrateToLatest } from '../src/db/migrate.js'
import { DERIVED_VERSION, rederiveIfStale } from '../src/ingest/rederive.js'
import { testDatabases } from './support/databases.js'

for (const target of testDatabases()) {
  describe(`sponsored re-derivation on ${target.name}`, () => {
    after(() => target.cleanup())

    it('fills videos.sponsored from stored details, then the creator share and brands', async () => {
      const database = await target.open({ migrate: 'none' })
      try {
        const raw = database.db as unknown as Kysely<unknown>
        await migrateTo(database.db, database.dialect, '022-watchlists')
        await sql`insert into creators (id, username, username_lower, followers,
          identity_observed_at, first_seen_at, last_updated)
          values ('1', 'maker', 'maker', 5000, 1, 1, 1)`.execute(raw)
        // Video a: TikTok sent isAd false, the caption discloses #Ad and names two accounts.
        // Video b: isAd false, nothing disclosed. Video c: no flag at all (a projected payload).
        for (const [id, details, description, plays] of [
          [
            '11',
            '{"is_ad":false,"mentioned_usernames":["BrandX"]}',
            'Try it #Ad @brandx @maker',
            1000,
          ],
          ['12', '{"is_ad":false}', 'morning run', 3000],
          ['13', '{}', 'old clip', 2000],
        ] as const) {
          await sql`insert into videos (id, creator_id, description, search_text, posted_at,
            content_type, is_pinned, is_ad, plays, likes, comments, shares, details, observed_at,
            first_seen_at, is_demo)
            values (${id}, '1', ${description}, ${description.toLowerCase()}, ${1_700_000_000 + Number(id)},
            'video', 0, 0, ${plays}, 100, 10, 10, ${details}, 1, 1, 0)`.execute(raw)
        }
        await migrateToLatest(database.db, database.dialect)
        const stale = await database.db
          .selectFrom('derived_state')
          .select('version')
          .where('name', '=', 'creator_metrics')
          .executeTakeFirst()
        assert.ok((stale?.version ?? 0) < DERIVED_VERSION)

        assert.equal(await rederiveIfStale(database), 1)
        const videos = await database.db
          .selectFrom('videos')
          .select(['id', 'sponsored', 'sponsored_evidence'])
          .orderBy('id')
          .execute()
        assert.deepEqual(
          videos.map((v) => [v.id, v.sponsored, v.sponsored_evidence]),
          [
            ['11', 1, '["hashtag:#ad"]'],
            ['12', 0, '[]'],
            ['13', null, '[]'],
          ],
        )
        const creator = await database.db
          .selectFrom('creators')
          .select([
            'sponsored_share',
            'sponsored_engagement_rate',
            'organic_engagement_rate',
            'sponsored_brands',
          ])
          .executeTakeFirstOrThrow()
        // known = 2 (video 13 unknown): 100 × 1 / 2 = 50.0; sponsored ER 120 / 1000 = 12 %;
        // organic ER 120 / 3000 = 4 %; brands: brandx once, "maker" is the creator.
        assert.deepEqual(
          {
            ...creator,
            sponsored_share: Number(creator.sponsored_share),
            sponsored_engagement_rate: Number(creator.sponsored_engagement_rate),
            organic_engagement_rate: Number(creator.organic_engagement_rate),
          },
          {
            sponsored_share: 50,
            sponsored_engagement_rate: 12,
            organic_engagement_rate: 4,
            sponsored_brands: '[{"handle":"brandx","videos":1}]',
          },
        )
        assert.equal(await rederiveIfStale(database), 0)
      } finally {
        await database.close()
      }
    })
  })
}
