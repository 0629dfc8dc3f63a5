/** The ingest queue: captures stored as 'queued' by the API and processed by `toklytics worker`. */
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // Who processed a capture and when: a worker's name (host:pid), null for synchronous ingestion.
  await db.schema.alterTable('captures').addColumn('processed_at', 'bigint').execute()
  await db.schema.alterTable('captures').addColumn('processed_by', 'text').execute()
  // How many times a capture's processing committed: the exactly-once invariant is that no row
  // ever holds more than 1 (0 while queued). Every capture stored so far was processed once.
  await db.schema
    .alterTable('captures')
    .addColumn('process_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db
    .updateTable('captures' as never)
    .set({ process_count: 1 } as never)
    .execute()
  // Workers claim the oldest queued captures; a partial index keeps that lookup (and the queue
  // depth gauge) independent of how many captures were ever stored.
  await db.schema
    .createIndex('captures_queued_idx')
    .on('captures')
    .column('id')
    .where(sql.ref('status'), '=', 'queued')
    .execute()
}
