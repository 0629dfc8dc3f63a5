/** Analytics reads: the platform statistics count distinct contributors from an index, not the capture rows. */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // Capture rows carry their compressed bodies; counting distinct contributors over them would
  // read every body page. This index makes it a scan of small index entries.
  await db.schema
    .createIndex('captures_contributor_idx')
    .on('captures')
    .columns(['contributor'])
    .execute()
}
