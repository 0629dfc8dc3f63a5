/** A stored contributor's activity, noted with each of its batches. */
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'

/**
 * Notes a batch of a stored contributor (in the batch's own transaction when it wrote anything,
 * so the count never disagrees with the captures). Ids that are not stored contributors
 * ('static', 'cli-import', 'demo') change nothing.
 */
export async function recordContributorBatch(
  db: Kysely<DB>,
  id: string,
  accepted: number,
  now: number,
): Promise<void> {
  await db
    .updateTable('contributors')
    .set((eb) => ({
      last_seen_at: now,
      captures_accepted: eb('captures_accepted', '+', accepted),
    }))
    .where('id', '=', id)
    .execute()
}
