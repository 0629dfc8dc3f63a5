/**
 * Sponsored content (metrics.md §11): each video's verdict and evidence, each creator's share,
 * paid-vs-organic engagement and brands. The values are filled by the re-derivation the next
 * start runs (ingest/rederive.ts): a migration stays free of the rules it would have to copy.
 */
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('videos').addColumn('sponsored', 'integer').execute()
  await db.schema
    .alterTable('videos')
    .addColumn('sponsored_evidence', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute()
  for (const column of [
    'sponsored_share',
    'sponsored_engagement_rate',
    'organic_engagement_rate',
  ] as const) {
    await db.schema.alterTable('creators').addColumn(column, 'double precision').execute()
  }
  await db.schema
    .alterTable('creators')
    .addColumn('sponsored_brands', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute()
  // Stored videos need re-deriving (rules v3); a database without any has nothing stale.
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from videos`.execute(db)
  if (Number(rows[0]?.n ?? 0) === 0) {
    await sql`update derived_state set version = 3 where name = 'creator_metrics' and version = 2`.execute(
      db,
    )
  }
}
