/** Feeds the demo data set through the real ingestion pipeline, marked as demo. */
import type { IngestSummary } from '../contract/ingest-envelope.js'
import type { Database } from '../db/open.js'
import { type CapturePreparer, ingestBatch } from '../ingest/pipeline.js'
import { type DemoCapture, generateDemoCaptures } from './demo-captures.js'

export interface SeedOptions {
  creators: number
  seed: number
  /** Reference time, epoch milliseconds: demo videos spread over the 90 days before it. */
  nowMs: number
  onProgress?: (creatorsDone: number) => void
  /** Worker threads for the CPU side of ingestion (inline when absent). */
  preparer?: CapturePreparer
  /** Stops before the next batch (server shutdown); batches already sent still commit. */
  signal?: AbortSignal
}

export interface SeedTotals {
  captures: number
  accepted: number
  duplicates: number
  dropped: number
  videos: number
}

export const DEMO_CONTRIBUTOR = 'demo'

/** Captures per ingest call (the envelope allows 500). */
const DEMO_BATCH_CAPTURES = 200

/** True when the database holds nothing yet (no creators, no captures). */
export async function isEmpty(database: Database): Promise<boolean> {
  const any = await database.db.selectFrom('captures').select('id').limit(1).executeTakeFirst()
  const creator = await database.db.selectFrom('creators').select('id').limit(1).executeTakeFirst()
  return any === undefined && creator === undefined
}

export async function seedDemo(database: Database, options: SeedOptions): Promise<SeedTotals> {
  const totals: SeedTotals = { captures: 0, accepted: 0, duplicates: 0, dropped: 0, videos: 0 }
  const deps = {
    database,
    now: () => options.nowMs,
    ...(options.preparer ? { preparer: options.preparer } : {}),
  }
  let done = 0
  const add = (s: IngestSummary) => {
    totals.captures += s.received
    totals.accepted += s.accepted
    totals.duplicates += s.duplicates
    totals.dropped += s.dropped.length
    totals.videos += s.entities.videos
  }
  const generator = generateDemoCaptures({
    creators: options.creators,
    seed: options.seed,
    now: Math.floor(options.nowMs / 1000),
  })
  // Several creators per ingest call, as the extension batches its uploads: one transaction
  // per creator would spend more time committing than writing.
  let pending: DemoCapture[] = []
  let pendingCreators = 0
  // Two uploads in flight: with worker threads, one batch is prepared while another is written.
  let inFlight: Promise<void> | null = null
  const flush = async () => {
    if (pending.length === 0) return
    const captures = pending
    const creatorsInBatch = pendingCreators
    pending = []
    pendingCreators = 0
    const previous = inFlight
    inFlight = ingestBatch(deps, { captures, contributor: DEMO_CONTRIBUTOR, isDemo: true }).then(
      async (summary) => {
        await previous
        add(summary)
        done = Math.min(options.creators, done + creatorsInBatch)
        if (creatorsInBatch > 0) options.onProgress?.(done)
      },
    )
    // Awaited by the next flush; marked handled so a failure surfaces there, not as unhandled.
    inFlight.catch(() => {})
    await previous
  }
  let batches = 0
  for (const batch of generator) {
    if (options.signal?.aborted) break
    if (pending.length + batch.length > DEMO_BATCH_CAPTURES) await flush()
    pending.push(...batch)
    if (++batches <= options.creators) pendingCreators++
  }
  if (!options.signal?.aborted) await flush()
  await inFlight
  return totals
}
