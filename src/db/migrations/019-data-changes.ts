/**
 * What each data version changed (db/change-keys.ts, as a JSON array, or "*" for everything), so
 * a cache drops only the answers that read it. Kept for the last versions only.
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('data_changes')
    .addColumn('version', 'bigint', (c) => c.primaryKey())
    .addColumn('entities', 'text', (c) => c.notNull())
    .execute()
}
