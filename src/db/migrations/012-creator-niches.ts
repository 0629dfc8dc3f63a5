/**
 * Each creator's §4 niches, materialized: a niche's members are one index range. Filled by the
 * ingest write path; rows of creators stored before it are filled by the re-derivation that
 * runs after migrations (src/ingest/rederive.ts), never by live code inside a migration.
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('creator_niches')
    .addColumn('niche', 'text', (c) => c.notNull())
    .addColumn('creator_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('creator_niches_pk', ['niche', 'creator_id'])
    .execute()
  await db.schema
    .createIndex('creator_niches_creator_idx')
    .on('creator_niches')
    .column('creator_id')
    .execute()
}
