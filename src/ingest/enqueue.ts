/**
 * Queue mode's half of ingestion (PostgreSQL): every check that keeps private or useless data out
 * of storage (shape, time, URL whitelist, viewer-field scrub, kinds never stored), then hash,
 * compress and store the captures as 'queued'. Parsing and writing entities is the worker's
 * (queue-worker.ts), so a burst costs the API little more than the inserts.
 */
import { RECOGNISED_ONLY_KINDS } from '../contract/capture-routes.js'
import { QUEUED } from '../db/capture-queue.js'
import type { Database } from '../db/open.js'
import { watched } from '../db/write-transaction.js'
import { acceptCaptures, distinctByHash, noteBatch, type SealedCapture } from './accept-captures.js'
import { classifyByUrl, parseCapture } from './parsers/registry.js'
import type { IngestBatch } from './pipeline.js'
import { hashAndCompress, screenCapture } from './prepare-capture.js'

/** The 202 answer: what was queued (with the ids of the stored captures), and what was not. */
export interface QueuedSummary {
  received: number
  queued: number
  duplicates: number
  dropped: Array<{ index: number; reason: string; detail: string }>
  /** Ids of the queued captures, in batch order. */
  capture_ids: number[]
}

/** The `kind` of a queued capture whose kind only its body tells (the worker sets the real one). */
const UNCLASSIFIED = 'unclassified'

export interface EnqueueDeps {
  database: Database
  /** Epoch milliseconds. */
  now: () => number
}

interface Ready extends SealedCapture {
  index: number
}

/**
 * Stores a batch's captures as queued, in one transaction (without the ingest lock: no entity is
 * written, so nothing a reader sees changes and no version is bumped). A capture already stored
 * — queued or processed, sent here or to another instance — is a duplicate.
 */
export async function enqueueBatch(deps: EnqueueDeps, batch: IngestBatch): Promise<QueuedSummary> {
  const nowMs = deps.now()
  const nowSec = Math.floor(nowMs / 1000)
  const summary: QueuedSummary = {
    received: batch.captures.length,
    queued: 0,
    duplicates: 0,
    dropped: [],
    capture_ids: [],
  }
  const pending: Array<Promise<Ready>> = []
  batch.captures.forEach((raw, index) => {
    const screen = screenCapture(raw, nowMs, false)
    if (!screen.ok) {
      summary.dropped.push({ index, reason: screen.reason, detail: screen.detail })
      return
    }
    const { url, observedAt, text, body } = screen.screened
    const kind = classifyByUrl(url)
    if (kind === null || (RECOGNISED_ONLY_KINDS as ReadonlySet<string>).has(kind)) {
      // Never stored: the parser says why, in the words synchronous ingestion uses.
      const result = parseCapture({ url, body: body ?? text })
      if (!result.ok) {
        summary.dropped.push({ index, reason: result.reason, detail: result.detail })
        return
      }
    }
    pending.push(
      hashAndCompress(url.href, text).then((sealed) => ({
        index,
        url: url.href,
        kind: kind === 'by_body' || kind === null ? UNCLASSIFIED : kind,
        observedAt,
        ...sealed,
      })),
    )
  })
  const { distinct: ready, duplicates } = distinctByHash(await Promise.all(pending))
  summary.duplicates = duplicates
  if (ready.length === 0) {
    await noteBatch(deps.database.db, batch, 0, nowSec)
    return summary
  }
  const stored = await watched(deps.database, () =>
    deps.database.db
      .transaction()
      .execute((trx) => acceptCaptures(trx, batch, ready, QUEUED, nowSec)),
  )
  for (const r of ready) {
    const id = stored.get(r.hash)
    if (id === undefined) summary.duplicates++
    else summary.capture_ids.push(id)
  }
  summary.queued = summary.capture_ids.length
  return summary
}
