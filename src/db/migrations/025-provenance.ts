/**
 * Provenance of served counters (metrics.md §1.2): when the served followers / plays were
 * observed, whether TikTok sent them exact or rounded, and the distinct contributors whose
 * observations of each creator and video were accepted (the rows, and their count per entity).
 */
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['creators', 'videos'] as const) {
    // 1: the served counter came from statsV2 (exact strings); 0: from rounded ints; null unknown.
    await db.schema.alterTable(table).addColumn('counts_exact', 'integer').execute()
    await db.schema.alterTable(table).addColumn('counts_observed_at', 'bigint').execute()
    // Kept at ingestion, so that list pages read it with the row. Null for rows stored before
    // this migration (their contributors were never recorded) until `toklytics reprocess`.
    await db.schema.alterTable(table).addColumn('contributors', 'integer').execute()
  }
  // The observation a stored counter comes from was the newest that knew it: for rows stored
  // before, the newest observation of its kind is the best record there is.
  await sql`update creators set counts_observed_at = coalesce(profile_observed_at, identity_observed_at) where followers is not null`.execute(
    db,
  )
  await sql`update videos set counts_observed_at = observed_at where plays is not null`.execute(db)
  // One row per (entity, contributor): the primary key makes insert-or-ignore cheap and the
  // read of a batch's known pairs an index range scan. Never served: only counted.
  await db.schema
    .createTable('entity_contributors')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('contributor', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('entity_contributors_pk', ['entity', 'entity_id', 'contributor'])
    .execute()
}
