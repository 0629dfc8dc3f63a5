/**
 * Removes a contributor's captures and everything derived from them: a full rebuild from the
 * remaining captures (reprocess's machinery) in the same transaction as the delete, so readers
 * see the old store or the purged one, and every number is again what the remaining captures say.
 */
import type { Database } from '../db/open.js'
import { writeTransaction } from '../db/write-transaction.js'
import { type ReprocessSummary, rebuildFromCaptures } from './reprocess.js'

export interface PurgeSummary {
  /** Captures of the contributor that were deleted. */
  removed: number
  /** The rebuild from the captures that remain. */
  rebuilt: ReprocessSummary
}

/**
 * `contributor` is what captures.contributor holds: a stored contributor's id, or 'static',
 * 'cli-import'. The contributor itself is neither deleted nor revoked (that is `revoke`).
 */
export async function purgeContributor(
  database: Database,
  contributor: string,
  onProgress?: (done: number, total: number) => void,
): Promise<PurgeSummary> {
  return writeTransaction(
    database,
    async (trx) => {
      const deleted = await trx
        .deleteFrom('captures')
        .where('contributor', '=', contributor)
        .executeTakeFirst()
      const removed = Number(deleted.numDeletedRows)
      // Nothing of theirs is stored: nothing to rebuild.
      if (removed === 0) return { removed, rebuilt: { captures: 0, parsed: 0, failed: 0 } }
      return { removed, rebuilt: await rebuildFromCaptures(trx, onProgress) }
    },
    (r) => r.removed > 0,
  )
}
