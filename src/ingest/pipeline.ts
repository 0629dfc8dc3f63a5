/**
 * The ingestion pipeline: prepare each capture (check → sanitise → parse → hash → compress, on
 * worker threads when a pool is given) → normalize → write one transaction → refresh metrics.
 * Each capture is accepted, a duplicate, or dropped with a reason.
 */
import type { IngestSummary } from '../contract/ingest-envelope.js'
import type { Database } from '../db/open.js'
import { writeTransaction } from '../db/write-transaction.js'
import { acceptCaptures, distinctByHash, noteBatch } from './accept-captures.js'
import { deriveEntities } from './derive-entities.js'
import {
  addSeconds,
  reportSeconds,
  StepClock,
  type StepObserver,
  type StepSeconds,
} from './ingest-steps.js'
import { type PreparedResult, prepareCapture, type Sealed, seal } from './prepare-capture.js'
import { refreshCreatorMetrics } from './refresh-creator-metrics.js'

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
  /** Receives each step's time per batch (`toklytics_ingest_step_seconds`). */
  onStep?: StepObserver
}

/** Prepares a batch's captures, one result per capture, in order. */
export type CapturePreparer = (
  captures: readonly unknown[],
  nowMs: number,
) => Promise<PreparedResult[]>

/**
 * On the main thread; hashing and compression still go to libuv's thread pool (so `seal` is
 * the time until the last of them is done, overlapping the others' steps).
 */
export const prepareInline: CapturePreparer = (captures, nowMs) =>
  Promise.all(
    captures.map(async (raw, index): Promise<PreparedResult> => {
      const clock = new StepClock()
      const checked = prepareCapture(raw, index, nowMs, clock)
      if (!checked.ok) {
        const { reason, detail } = checked
        return { ok: false, index, reason, detail, seconds: clock.seconds }
      }
      const sealed = await seal(checked.prepared)
      clock.lap('seal')
      return { ok: true, sealed, seconds: clock.seconds }
    }),
  )

/**
 * Ingests a batch. Everything accepted is written in one transaction and committed before this
 * resolves; a failure rolls the whole batch back and rejects (nothing partial is acknowledged).
 */
export async function ingestBatch(deps: IngestDeps, batch: IngestBatch): Promise<IngestSummary> {
  const nowMs = deps.now()
  const dropped: IngestSummary['dropped'] = []
  const sealed: Sealed[] = []
  const seconds: StepSeconds = {}
  for (const r of await (deps.preparer ?? prepareInline)(batch.captures, nowMs)) {
    addSeconds(seconds, r.seconds)
    if (r.ok) sealed.push(r.sealed)
    else dropped.push({ index: r.index, reason: r.reason, detail: r.detail })
  }
  const clock = new StepClock()
  const { distinct: prepared, duplicates } = distinctByHash(sealed)
  clock.lap('dedupe')
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
    await noteBatch(deps.database.db, batch, 0, nowSec)
    reportSeconds(deps.onStep, { ...seconds, ...clock.seconds })
    return summary
  }

  const isDemo = batch.isDemo === true
  const changeKeys = new Set<string>()
  await writeTransaction(
    deps.database,
    async (trx) => {
      // Already stored (or being stored by a concurrent request): a duplicate.
      const stored = await acceptCaptures(trx, batch, prepared, 'parsed', nowSec)
      clock.lap('store')
      const fresh = prepared.filter((p) => stored.has(p.hash))
      summary.duplicates += prepared.length - fresh.length
      summary.accepted = fresh.length
      if (fresh.length === 0) return
      const derived = await deriveEntities(
        trx,
        fresh.map((p) => ({
          parsed: p.parsed,
          observedAt: p.observedAt,
          capture: p.hash,
          contributor: batch.contributor,
        })),
        isDemo,
        clock,
      )
      for (const k of derived.changeKeys) changeKeys.add(k)
      await refreshCreatorMetrics(trx, derived.touchedCreators)
      clock.lap('refresh')
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
    () => summary.accepted > 0 && changeKeys,
  )
  reportSeconds(deps.onStep, { ...seconds, ...clock.seconds })
  return summary
}
