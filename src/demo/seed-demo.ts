/** Feeds the demo data set through the real ingestion pipeline, marked as demo. */
import type { IngestSummary } from '../contract/ingest-envelope.js'
import type { Database } from '../db/open.js'
import { ingestBatch } from '../ingest/pipeline.js'
import { type DemoCapture, generateDemoCaptures } from './demo-captures.js'

export interface SeedOptions {
  creators: number
  seed: number
  /** Reference time, epoch milliseconds: demo videos spread over the 90 days before it. */
  nowMs: number
  onProgress?: (creatorsDone: number) => void
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
  const deps = { database, now: () => options.nowMs }
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
  const flush = async () => {
    if (pending.length === 0) return
    add(await ingestBatch(deps, { captures: pending, contributor: DEMO_CONTRIBUTOR, isDemo: true }))
    done = Math.min(options.creators, done + pendingCreators)
    if (pendingCreators > 0) options.onProgress?.(done)
    pending = []
    pendingCreators = 0
  }
  let batches = 0
  for (const batch of generator) {
    if (pending.length + batch.length > DEMO_BATCH_CAPTURES) await flush()
    pending.push(...batch)
    if (++batches <= options.creators) pendingCreators++
  }
  await flush()
  return totals
}
