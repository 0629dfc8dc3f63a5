/** A single-row counter that every writing transaction bumps, so readers can tell data changed. */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('data_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute()
  await db
    .insertInto('data_version' as never)
    .values({ id: 1, version: 0 } as never)
    .execute()
}
