/**
 * The ingestion pipeline: prepare each capture (check → sanitise → parse → hash → compress, on
 * worker threads when a pool is given) → normalize → write one transaction → refresh metrics.
 * Each capture is accepted, a duplicate, or dropped with a reason.
 */
import type { Insertable } from 'kysely'
import type { IngestSummary } from '../contract/ingest-envelope.js'
import { recordContributorBatch } from '../db/contributors.js'
import type { Database } from '../db/open.js'
import type { CaptureRow } from '../db/schema.js'
import { insertCaptures } from '../db/write.js'
import { writeTransaction } from '../db/write-transaction.js'
import { deriveEntities } from './derive-entities.js'
import { PARSER_VERSION } from './parsers/registry.js'
import { type PreparedResult, prepareCapture, type Sealed, seal } from './prepare-capture.js'
import { refreshCreatorMetrics } from './refresh-creator-metrics.js'
import { withoutNul } from './without-nul.js'

export interface IngestBatch {
  captures: readonly unknown[]
  collector?: { name: string; version: string } | undefined
  /**
   * Who sent it, never a secret: a stored contributor's id (whose activity is recorded with the
   * batch), 'static' for TOKLYTICS_INGEST_TOKEN, 'cli-import', 'demo'.
   */
  contributor: string | null
  /** Demo captures mark the rows they create, so that `toklytics demo remove` finds them. */
  isDemo?: boolean
}

export interface IngestDeps {
  database: Database
  /** Current time in epoch milliseconds (injectable for tests). */
  now: () => number
  /** Prepares captures off the main thread (see prepare-pool.ts); inline when absent. */
  preparer?: CapturePreparer
}

/** Prepares a batch's captures, one result per capture, in order. */
export type CapturePreparer = (
  captures: readonly unknown[],
  nowMs: number,
) => Promise<PreparedResult[]>

/** On the main thread; hashing and compression still go to libuv's thread pool. */
export const prepareInline: CapturePreparer = (captures, nowMs) =>
  Promise.all(
    captures.map(async (raw, index): Promise<PreparedResult> => {
      const checked = prepareCapture(raw, index, nowMs)
      if (checked.ok) return { ok: true, sealed: await seal(checked.prepared) }
      return { ok: false, index, reason: checked.reason, detail: checked.detail }
    }),
  )

/**
 * Ingests a batch. Everything accepted is written in one transaction and committed before this
 * resolves; a failure rolls the whole batch back and rejects (nothing partial is acknowledged).
 */
export async function ingestBatch(deps: IngestDeps, batch: IngestBatch): Promise<IngestSummary> {
  const nowMs = deps.now()
  const dropped: IngestSummary['dropped'] = []
  const prepared: Sealed[] = []
  const seen = new Set<string>()
  let duplicates = 0
  for (const r of await (deps.preparer ?? prepareInline)(batch.captures, nowMs)) {
    if (!r.ok) dropped.push({ index: r.index, reason: r.reason, detail: r.detail })
    else if (seen.has(r.sealed.hash)) duplicates++
    else {
      seen.add(r.sealed.hash)
      prepared.push(r.sealed)
    }
  }
  const summary: IngestSummary = {
    received: batch.captures.length,
    accepted: 0,
    duplicates,
    dropped,
    flagged: [],
    entities: { creators: 0, videos: 0, hashtags: 0, sounds: 0 },
  }
  const nowSec = Math.floor(nowMs / 1000)
  if (prepared.length === 0) {
    if (batch.contributor !== null) {
      await recordContributorBatch(deps.database.db, batch.contributor, 0, nowSec)
    }
    return summary
  }

  const isDemo = batch.isDemo === true
  const collector = batch.collector
    ? withoutNul(`${batch.collector.name}/${batch.collector.version}`)
    : null
  await writeTransaction(
    deps.database,
    async (trx) => {
      const rows: Insertable<CaptureRow>[] = prepared.map((p) => ({
        content_hash: p.hash,
        url: p.url,
        kind: p.kind,
        observed_at: p.observedAt,
        received_at: nowSec,
        body: p.compressed,
        parser_version: PARSER_VERSION,
        status: 'parsed',
        drop_reason: null,
        contributor: batch.contributor,
        collector,
        is_demo: isDemo ? 1 : 0,
        process_count: 1,
      }))
      // Already stored (or being stored by a concurrent request): a duplicate.
      const stored = await insertCaptures(trx, rows)
      const fresh = prepared.filter((p) => stored.has(p.hash))
      summary.duplicates += prepared.length - fresh.length
      summary.accepted = fresh.length
      if (batch.contributor !== null) {
        await recordContributorBatch(trx, batch.contributor, fresh.length, nowSec)
      }
      if (fresh.length === 0) return
      const derived = await deriveEntities(
        trx,
        fresh.map((p) => ({ parsed: p.parsed, observedAt: p.observedAt, capture: p.hash })),
        isDemo,
      )
      await refreshCreatorMetrics(trx, derived.touchedCreators)
      summary.entities = derived.entities
      const indexOf = new Map(fresh.map((p) => [p.hash, p.index]))
      summary.flagged = derived.implausible
        .map((i) => ({
          index: indexOf.get(i.capture ?? '') ?? -1,
          entity: i.entity,
          id: i.id,
          reason: i.reason,
          detail: i.detail,
        }))
        .sort((a, b) => a.index - b.index)
    },
    () => summary.accepted > 0,
  )
  return summary
}
