/** The operator's side of corroboration (metrics.md §1.1): list disputes, accept or reject one. */
import type { Kysely } from 'kysely'
import type { Database } from '../db/open.js'
import type { DB } from '../db/schema.js'
import { writeTransaction } from '../db/write-transaction.js'
import { type ReprocessSummary, rebuildFromCaptures } from '../ingest/reprocess.js'

export interface DisputeRecord {
  id: number
  entity: string
  entityId: string
  field: string
  value: number | null
  contributor: string | null
  /** Epoch seconds of the disputed observation. */
  observedAt: number
  reason: string
  /** null while pending; 'confirmed' or 'rejected'. */
  resolution: string | null
  detail: string
}

/** Disputes, newest first; only pending ones unless `all`. */
export async function listDisputes(
  db: Kysely<DB>,
  options: { all?: boolean; limit?: number } = {},
): Promise<DisputeRecord[]> {
  let query = db
    .selectFrom('implausible_observations')
    .select([
      'id',
      'entity',
      'entity_id',
      'field',
      'value',
      'contributor',
      'observed_at',
      'reason',
      'resolution',
      'detail',
    ])
    .where('value', 'is not', null)
  if (options.all !== true) query = query.where('resolution', 'is', null)
  const rows = await query
    .orderBy('id', 'desc')
    .limit(options.limit ?? 100)
    .execute()
  return rows.map((r) => ({
    id: Number(r.id),
    entity: r.entity,
    entityId: r.entity_id,
    field: r.field,
    value: r.value === null ? null : Number(r.value),
    contributor: r.contributor,
    observedAt: Number(r.observed_at),
    reason: r.reason,
    resolution: r.resolution,
    detail: r.detail,
  }))
}

/**
 * Records the operator's verdict on a dispute and re-derives every entity from the stored
 * captures (the same replay as `toklytics reprocess`), so that an accepted value becomes current,
 * anchor, snapshot and totals consistently, and a rejected one never votes again. Null when no
 * dispute has that id.
 */
export async function decideDispute(
  database: Database,
  id: number,
  verdict: 'accept' | 'reject',
  now: number,
): Promise<ReprocessSummary | null> {
  return writeTransaction(database, async (trx) => {
    const row = await trx
      .selectFrom('implausible_observations')
      .select(['capture_hash', 'entity', 'entity_id', 'field'])
      .where('id', '=', id)
      .where('value', 'is not', null)
      .executeTakeFirst()
    if (row === undefined) return null
    await trx
      .insertInto('dispute_verdicts')
      .values({ ...row, verdict, decided_at: now })
      .onConflict((oc) =>
        oc
          .columns(['capture_hash', 'entity', 'entity_id', 'field'])
          .doUpdateSet({ verdict, decided_at: now }),
      )
      .execute()
    return rebuildFromCaptures(trx)
  })
}
