/**
 * The accept step shared by synchronous and queued ingestion: one row per distinct capture,
 * stored once by content hash, with the contributor's activity noted in the same transaction.
 */
import type { Insertable, Kysely } from 'kysely'
import type { QUEUED } from '../db/capture-queue.js'
import { insertCaptures } from '../db/capture-rows.js'
import type { CaptureRow, DB } from '../db/schema.js'
import { recordContributorBatch } from './contributor-activity.js'
import { PARSER_VERSION } from './parsers/registry.js'
import type { IngestBatch } from './pipeline.js'
import { withoutNul } from './without-nul.js'

/** A capture ready to store: sealed (hashed, compressed) and classified. */
export interface SealedCapture {
  hash: string
  url: string
  kind: string
  /** Epoch seconds. */
  observedAt: number
  compressed: Uint8Array
}

/** The first capture of each content hash, in batch order, and how many repeated one. */
export function distinctByHash<T extends { hash: string }>(
  captures: readonly T[],
): { distinct: T[]; duplicates: number } {
  const seen = new Set<string>()
  const distinct: T[] = []
  for (const c of captures) {
    if (!seen.has(c.hash)) {
      seen.add(c.hash)
      distinct.push(c)
    }
  }
  return { distinct, duplicates: captures.length - distinct.length }
}

/** `name/version` of the collector that sent a batch (NUL-free), or null. */
function collectorOf(batch: IngestBatch): string | null {
  return batch.collector ? withoutNul(`${batch.collector.name}/${batch.collector.version}`) : null
}

/**
 * Stores the captures' raw rows with `status` ('parsed' once entities are written in the same
 * transaction, 'queued' for a worker) and notes the contributor's batch. Returns each stored
 * row's id by hash: a capture already stored (by anyone) is not in it, and is a duplicate.
 */
export async function acceptCaptures(
  trx: Kysely<DB>,
  batch: IngestBatch,
  captures: readonly SealedCapture[],
  status: 'parsed' | typeof QUEUED,
  nowSec: number,
): Promise<Map<string, number>> {
  const collector = collectorOf(batch)
  const rows: Insertable<CaptureRow>[] = captures.map((c) => ({
    content_hash: c.hash,
    url: c.url,
    kind: c.kind,
    observed_at: c.observedAt,
    received_at: nowSec,
    body: c.compressed,
    parser_version: PARSER_VERSION,
    status,
    drop_reason: null,
    contributor: batch.contributor,
    collector,
    is_demo: batch.isDemo === true ? 1 : 0,
    // A parsed capture was processed once, here; a queued one not yet.
    ...(status === 'parsed' ? { process_count: 1 } : {}),
  }))
  const stored = await insertCaptures(trx, rows)
  await noteBatch(trx, batch, stored.size, nowSec)
  return stored
}

/** Notes a stored contributor's batch (also one that stored nothing: it was seen). */
export async function noteBatch(
  db: Kysely<DB>,
  batch: IngestBatch,
  accepted: number,
  nowSec: number,
): Promise<void> {
  if (batch.contributor !== null) {
    await recordContributorBatch(db, batch.contributor, accepted, nowSec)
  }
}
