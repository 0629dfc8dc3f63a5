/**
 * Rebuilds every entity from the stored raw captures with the current parsers (after a parser
 * fix). Runs in one transaction: readers see the old data or the new, never a half-built store.
 * Idempotent: merging is order-independent, so the same captures always give the same rows, and
 * captures are judged by the plausibility rules in stored (arrival) order, as ingestion did.
 */
import type { Kysely } from 'kysely'
import { QUEUED } from '../db/capture-queue.js'
import type { Database } from '../db/open.js'
import type { DB } from '../db/schema.js'
import { writeTransaction } from '../db/write-transaction.js'
import { type CaptureToDerive, deriveEntities } from './derive-entities.js'
import { PARSER_VERSION } from './parsers/registry.js'
import { recomputeTrackedTotals } from './recompute-totals.js'
import { refreshCreatorMetrics } from './refresh-creator-metrics.js'
import { parseStoredCapture } from './stored-capture.js'

const CHUNK = 500

export interface ReprocessSummary {
  captures: number
  parsed: number
  failed: number
}

export async function reprocessAll(
  database: Database,
  onProgress?: (done: number, total: number) => void,
): Promise<ReprocessSummary> {
  return writeTransaction(database, (trx) => rebuildFromCaptures(trx, onProgress))
}

/**
 * Deletes everything derived from captures and derives it again from the stored captures, in
 * the caller's transaction (which holds the ingest lock): `reprocess`, and `contributors purge`
 * after deleting a contributor's captures.
 */
export async function rebuildFromCaptures(
  trx: Kysely<DB>,
  onProgress?: (done: number, total: number) => void,
): Promise<ReprocessSummary> {
  const summary: ReprocessSummary = { captures: 0, parsed: 0, failed: 0 }
  const total = Number(
    (
      await trx
        .selectFrom('captures')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '<>', QUEUED)
        .executeTakeFirst()
    )?.n ?? 0,
  )
  for (const table of [
    'video_hashtags',
    'hashtag_hours',
    'sound_hours',
    'video_snapshots',
    'creator_snapshots',
    'hashtag_snapshots',
    'sound_snapshots',
    'creator_hashtags',
    'creator_niches',
    'creator_terms',
    'implausible_observations',
    'counter_anchors',
    'contributor_trust',
    'entity_contributors',
    'videos',
    'creators',
    'hashtags',
    'sounds',
  ] as const) {
    await trx.deleteFrom(table).execute()
  }
  const touched = new Set<string>()
  let lastId = 0
  for (;;) {
    const rows = await trx
      .selectFrom('captures')
      .select(['id', 'content_hash', 'url', 'body', 'observed_at', 'is_demo', 'contributor'])
      .where('id', '>', lastId)
      // Queued captures (queue mode) are a worker's to process, after this rebuild commits; a
      // worker may hold them locked while it waits for the ingest lock this transaction holds.
      .where('status', '<>', QUEUED)
      .orderBy('id')
      .limit(CHUNK)
      .execute()
    if (rows.length === 0) break
    lastId = rows[rows.length - 1]?.id ?? lastId
    // Runs of demo and of real captures, in stored order (demo rows are marked as such).
    const runs: Array<{ isDemo: boolean; captures: CaptureToDerive[] }> = []
    for (const row of rows) {
      summary.captures++
      const result = parseStoredCapture(row)
      await trx
        .updateTable('captures')
        .set({
          parser_version: PARSER_VERSION,
          status: result.ok ? 'parsed' : 'failed',
          drop_reason: result.ok ? null : result.reason,
        })
        .where('id', '=', row.id)
        .execute()
      if (!result.ok) {
        summary.failed++
        continue
      }
      summary.parsed++
      const isDemo = row.is_demo === 1
      const capture = {
        parsed: result.data,
        observedAt: row.observed_at,
        capture: row.content_hash,
        contributor: row.contributor,
      }
      const run = runs[runs.length - 1]
      if (run?.isDemo === isDemo) run.captures.push(capture)
      else runs.push({ isDemo, captures: [capture] })
    }
    for (const run of runs) {
      const derived = await deriveEntities(trx, run.captures, run.isDemo)
      for (const id of derived.touchedCreators) touched.add(id)
    }
    onProgress?.(summary.captures, total)
  }
  // Deltas were applied capture by capture; a full recount is the simplest proof of consistency.
  await recomputeTrackedTotals(trx)
  await refreshCreatorMetrics(trx, touched)
  return summary
}
