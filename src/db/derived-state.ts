/**
 * The `derived_state` row of each kind of derived data: the version of the rules the stored rows
 * follow, so that a start re-derives them once after the rules change.
 */
import type { Kysely } from 'kysely'
import type { DB } from './schema.js'

/** The version `name` was last derived under, or null when it never was. */
export async function derivedVersion(db: Kysely<DB>, name: string): Promise<number | null> {
  const row = await db
    .selectFrom('derived_state')
    .select('version')
    .where('name', '=', name)
    .executeTakeFirst()
  return row?.version ?? null
}

/**
 * Records that `name` now follows `version`. The stamp is no served data: written without the
 * ingest lock or a data-version bump, so a command on a current database never waits behind
 * ingestion.
 */
export async function recordDerivedVersion(
  db: Kysely<DB>,
  name: string,
  version: number,
): Promise<void> {
  await db
    .insertInto('derived_state')
    .values({ name, version })
    .onConflict((oc) => oc.column('name').doUpdateSet({ version }))
    .execute()
}
