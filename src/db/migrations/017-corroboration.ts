/**
 * Corroboration (metrics.md §1.1): each judged counter's last corroborated value (its anchor),
 * each contributor's corroborated observations (its trust), and disputes that remember their
 * value and contributor until corroborated or resolved by an operator.
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('counter_anchors')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('observed_at', 'bigint', (c) => c.notNull())
    .addColumn('contributor', 'text')
    .addPrimaryKeyConstraint('counter_anchors_pk', ['entity', 'entity_id', 'field'])
    .execute()
  await db.schema
    .createTable('contributor_trust')
    .addColumn('contributor', 'text', (c) => c.primaryKey())
    .addColumn('corroborated', 'bigint', (c) => c.notNull())
    .execute()
  // Older rows (drops set aside before this) have neither: they stay as they were recorded.
  await db.schema.alterTable('implausible_observations').addColumn('contributor', 'text').execute()
  await db.schema.alterTable('implausible_observations').addColumn('value', 'bigint').execute()
  // null: pending; 'confirmed' (corroborated, or accepted by an operator); 'rejected'.
  await db.schema.alterTable('implausible_observations').addColumn('resolution', 'text').execute()
  await db.schema
    .alterTable('implausible_observations')
    .addColumn('resolved_at', 'bigint')
    .execute()
  // The operator's word on a disputed observation: kept apart, so reprocess replays it.
  await db.schema
    .createTable('dispute_verdicts')
    .addColumn('capture_hash', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('dispute_verdicts_pk', [
      'capture_hash',
      'entity',
      'entity_id',
      'field',
    ])
    .execute()
}
