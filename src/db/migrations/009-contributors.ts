/** Contributor tokens (only a hash of each is kept) and the observations plausibility set aside. */
import type { Kysely } from 'kysely'
import type { Dialect } from '../dialect.js'

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('contributors')
    // The non-secret part of the token (`tkc_<id>_…`): stored in captures.contributor.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('last_seen_at', 'bigint')
    .addColumn('captures_accepted', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute()

  // Observations that were not applied because their numbers are implausible (src/ingest/
  // plausibility.ts): kept for review, never current, rebuilt by reprocess and purge.
  await dialect
    .addSerialId(db.schema.createTable('implausible_observations'))
    .addColumn('capture_hash', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('observed_at', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('implausible_observations_entity_idx')
    .on('implausible_observations')
    .columns(['entity', 'entity_id'])
    .execute()
  await db.schema
    .createIndex('implausible_observations_capture_hash_idx')
    .on('implausible_observations')
    .columns(['capture_hash'])
    .execute()
}
