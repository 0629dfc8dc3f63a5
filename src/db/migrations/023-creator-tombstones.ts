/**
 * Creator tombstones: erased or opted-out creators, kept by TikTok user id only so that
 * ingestion can refuse them (issue #17). Nothing else about them is kept.
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('creator_tombstones')
    .addColumn('tiktok_id', 'text', (c) => c.primaryKey())
    // The handle and sec_uid at erasure: what the operator typed, shown by `creators tombstones`.
    .addColumn('username', 'text')
    .addColumn('sec_uid', 'text')
    .addColumn('reason', 'text')
    .addColumn('erased_at', 'bigint', (c) => c.notNull())
    .execute()
}
