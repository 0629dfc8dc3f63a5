/**
 * What `toklytics worker` does (queue mode): claim a batch of queued captures, parse them, write
 * what they say exactly as synchronous ingestion does, and mark them processed — one transaction,
 * so a capture is processed once: either the whole batch commits, or (the worker died, the
 * database failed) none of it did and its captures are queued again for any worker.
 */
import type { Kysely } from 'kysely'
import { type CaptureOutcome, claimQueued, markProcessed } from '../db/capture-queue.js'
import type { Database } from '../db/open.js'
import type { DB } from '../db/schema.js'
import { writeTransactionAfter } from '../db/write-transaction.js'
import {
  type CaptureToDerive,
  type Screened,
  screenAndNormalize,
  writeDerivation,
} from './derive-entities.js'
import { excludeCreators } from './excluded-creators.js'
import { addSeconds, StepClock, type StepSeconds } from './ingest-steps.js'
import { PARSER_VERSION } from './parsers/registry.js'
import { refreshCreatorMetrics } from './refresh-creator-metrics.js'
import { parseStoredCapture } from './stored-capture.js'

/** What one committed batch did. */
export interface ProcessedBatch {
  /** The captures processed, in id order. */
  ids: number[]
  parsed: number
  /** Captures the parsers refused, by reason (kept with status 'failed', as reprocess keeps them). */
  failed: Record<string, number>
  entities: { creators: number; videos: number; hashtags: number; sounds: number }
  /** Entities the plausibility rules did not apply (see implausible_observations). */
  flagged: number
  /** Seconds each capture waited between being received and being processed. */
  waits: number[]
  /** Time of the batch's steps: parse (decompress and parse), normalise, merge_write, refresh. */
  seconds: StepSeconds
}

export interface ProcessOptions {
  /** At most this many captures per transaction. */
  limit: number
  /** Recorded in captures.processed_by: who processed them. */
  worker: string
  /** Epoch milliseconds. */
  now: () => number
}

/** A claimed batch, parsed and grouped: everything that needs no lock, done before taking it. */
interface Prepared {
  batch: ProcessedBatch
  /** Runs of demo and of real captures in id (arrival) order, as reprocess replays them. */
  runs: Array<{ isDemo: boolean; screened: Screened }>
}

async function claimAndPrepare(trx: Kysely<DB>, options: ProcessOptions): Promise<Prepared | null> {
  const claimed = await claimQueued(trx, options.limit)
  if (claimed.length === 0) return null
  const nowSec = Math.floor(options.now() / 1000)
  const batch: ProcessedBatch = {
    ids: claimed.map((row) => row.id),
    parsed: 0,
    failed: {},
    entities: { creators: 0, videos: 0, hashtags: 0, sounds: 0 },
    flagged: 0,
    waits: claimed.map((row) => Math.max(0, nowSec - row.received_at)),
    seconds: {},
  }
  const clock = new StepClock()
  const runs: Array<{ isDemo: boolean; captures: CaptureToDerive[] }> = []
  const outcomes: CaptureOutcome[] = []
  for (const row of claimed) {
    const result = parseStoredCapture(row)
    outcomes.push({
      id: row.id,
      status: result.ok ? 'parsed' : 'failed',
      kind: result.kind ?? row.kind,
      dropReason: result.ok ? null : result.reason,
    })
    if (!result.ok) {
      batch.failed[result.reason] = (batch.failed[result.reason] ?? 0) + 1
      continue
    }
    batch.parsed++
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
  clock.lap('parse')
  // The claimed rows are this transaction's alone: marking them needs no ingest lock either.
  await markProcessed(trx, outcomes, options.worker, PARSER_VERSION, nowSec)
  clock.lap('store')
  const screened: { isDemo: boolean; screened: ReturnType<typeof screenAndNormalize> }[] = []
  for (const r of runs) {
    // Erased creators (tombstones) and private accounts are dropped before anything is merged.
    const kept = await excludeCreators(trx, r.captures)
    screened.push({ isDemo: r.isDemo, screened: screenAndNormalize(kept) })
  }
  clock.lap('normalise')
  addSeconds(batch.seconds, clock.seconds)
  return { batch, runs: screened }
}

/**
 * Processes one batch of queued captures; null when none was waiting (or every waiting one is
 * claimed by another worker). Claiming, parsing and marking come before the ingest lock, so
 * workers do them in parallel and take turns only to write entities.
 */
export async function processQueuedBatch(
  database: Database,
  options: ProcessOptions,
): Promise<ProcessedBatch | null> {
  const changeKeys = new Set<string>()
  return writeTransactionAfter(
    database,
    (trx) => claimAndPrepare(trx, options),
    async (trx, { batch, runs }) => {
      const clock = new StepClock()
      const touched = new Set<string>()
      for (const run of runs) {
        const derived = await writeDerivation(trx, run.screened, run.isDemo)
        for (const id of derived.touchedCreators) touched.add(id)
        for (const k of derived.changeKeys) changeKeys.add(k)
        for (const k of ['creators', 'videos', 'hashtags', 'sounds'] as const)
          batch.entities[k] += derived.entities[k]
        batch.flagged += derived.implausible.length
      }
      clock.lap('merge_write')
      await refreshCreatorMetrics(trx, touched)
      clock.lap('refresh')
      addSeconds(batch.seconds, clock.seconds)
      return batch
    },
    (batch) => batch.parsed > 0 && changeKeys,
  )
}

/** Where the loop reports (a logger and metrics, in the CLI command). */
export interface WorkerEvents {
  batch(batch: ProcessedBatch, ms: number): void
  error(err: unknown): void
}

export interface WorkerLoopOptions extends ProcessOptions {
  /** Stops the loop once the batch in progress is committed. */
  signal: AbortSignal
  /** Return when no queued capture is left (tests, benchmarks, one-off catch-up runs). */
  untilEmpty?: boolean
  events: WorkerEvents
}

/** Idle polling backs off from the first to the second, and restarts at the first after work. */
const IDLE_MS = [25, 500] as const
/** After an error (database unreachable, a deadlock), before trying again. */
const ERROR_BACKOFF_MS = [250, 10_000] as const

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}

/**
 * Processes batches until `signal` aborts (SIGTERM: the batch in progress commits first), polling
 * an empty queue with a backoff. Errors are reported and retried: the failed batch rolled back,
 * so its captures are still queued.
 */
export async function runWorkerLoop(database: Database, options: WorkerLoopOptions): Promise<void> {
  let idle: number = IDLE_MS[0]
  let backoff: number = ERROR_BACKOFF_MS[0]
  while (!options.signal.aborted) {
    const started = performance.now()
    let batch: ProcessedBatch | null
    try {
      batch = await processQueuedBatch(database, options)
      backoff = ERROR_BACKOFF_MS[0]
    } catch (err) {
      options.events.error(err)
      await pause(backoff, options.signal)
      backoff = Math.min(backoff * 2, ERROR_BACKOFF_MS[1])
      continue
    }
    if (batch === null) {
      if (options.untilEmpty) return
      await pause(idle, options.signal)
      idle = Math.min(idle * 2, IDLE_MS[1])
      continue
    }
    idle = IDLE_MS[0]
    options.events.batch(batch, performance.now() - started)
  }
}
