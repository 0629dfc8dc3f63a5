/**
 * Removes a contributor's captures and everything derived from them: a full rebuild from the
 * remaining captures (reprocess's machinery) in the same transaction as the delete, so readers
 * see the old store or the purged one, and every number is again what the remaining captures say.
 */

import { lockQueuedOf, QUEUED } from '../db/capture-queue.js'
import type { Database } from '../db/open.js'
import { chunks } from '../db/upsert.js'
import { writeTransactionAfter } from '../db/write-transaction.js'
import { type ReprocessSummary, rebuildFromCaptures } from '../ingest/reprocess.js'

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
  const purged = await writeTransactionAfter(
    database,
    // Queued captures first, before the ingest lock (see writeTransactionAfter). Captures queued
    // after this point arrived after the purge began: they stay, as later ones would.
    (trx) => lockQueuedOf(trx, database.dialect.rowLocks, contributor),
    async (trx, queued) => {
      let removed = 0
      const deleted = await trx
        .deleteFrom('captures')
        .where('contributor', '=', contributor)
        .where('status', '<>', QUEUED)
        .executeTakeFirst()
      removed += Number(deleted.numDeletedRows)
      for (const part of chunks(queued)) {
        const d = await trx.deleteFrom('captures').where('id', 'in', part).executeTakeFirst()
        removed += Number(d.numDeletedRows)
      }
      // Nothing of theirs is stored: nothing to rebuild.
      if (removed === 0) return { removed, rebuilt: { captures: 0, parsed: 0, failed: 0 } }
      return { removed, rebuilt: await rebuildFromCaptures(trx, onProgress) }
    },
    (r) => r.removed > 0,
  )
  // `before` never returns null here: the purge always takes the lock.
  return purged ?? { removed: 0, rebuilt: { captures: 0, parsed: 0, failed: 0 } }
}
