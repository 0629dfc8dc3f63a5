/** Snapshot tables partitioned by month on PostgreSQL (BRIN on observed_at); SQLite unchanged. */
import type { Kysely } from 'kysely'
import type { Dialect } from '../dialect.js'

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await dialect.partitionSnapshots(db, Math.floor(Date.now() / 1000))
}
