/**
 * The ingest thread (ingest-thread.ts): owns its own connection to the SQLite file and runs the
 * whole pipeline — preparation on its own pool, the write transaction — off the main thread.
 */
import { parentPort } from 'node:worker_threads'
import type { IngestSummary } from '../contract/ingest-envelope.js'
import { type Database, openDatabase } from '../db/open.js'
import type { StorageFault } from '../db/storage-faults.js'
import type { StepSeconds } from './ingest-steps.js'
import { type IngestBatch, ingestBatch, prepareInline } from './pipeline.js'
import { createPreparePool, type PreparePool } from './prepare-pool.js'

export type IngestThreadRequest =
  | { type: 'open'; url: string; prepareWorkers: number; sqliteCacheMb: number | undefined }
  | { type: 'ingest'; id: number; batch: IngestBatch; nowMs: number }
  | { type: 'close' }

/** An error as it crosses the thread: what storageFaultOf and the logs read of it. */
export interface ThreadError {
  name: string
  message: string
  code?: string
}

export type IngestThreadResponse =
  | { type: 'opened'; error?: ThreadError }
  | { type: 'closed' }
  | {
      type: 'ingested'
      id: number
      summary?: IngestSummary
      error?: ThreadError
      seconds: StepSeconds
      /** The thread's store after the batch: its write fault, or null when writes work. */
      storage: StorageFault | null
    }

function threadError(err: unknown): ThreadError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) }
  const code = (err as { code?: unknown }).code
  return { name: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}) }
}

let database: Database | undefined
let pool: PreparePool | undefined

parentPort?.on('message', async (req: IngestThreadRequest) => {
  if (req.type === 'close') {
    await pool?.close()
    await database?.close()
    parentPort?.postMessage({ type: 'closed' } satisfies IngestThreadResponse)
    return
  }
  if (req.type === 'open') {
    try {
      database = await openDatabase(req.url, {
        migrate: 'none',
        sqliteCacheMb: req.sqliteCacheMb,
      })
      pool = createPreparePool(req.prepareWorkers, prepareInline)
      parentPort?.postMessage({ type: 'opened' } satisfies IngestThreadResponse)
    } catch (err) {
      parentPort?.postMessage({
        type: 'opened',
        error: threadError(err),
      } satisfies IngestThreadResponse)
    }
    return
  }
  const seconds: StepSeconds = {}
  const done = (result: { summary: IngestSummary } | { error: ThreadError }) =>
    parentPort?.postMessage({
      type: 'ingested',
      id: req.id,
      ...result,
      seconds,
      storage: database?.storage.fault ?? null,
    } satisfies IngestThreadResponse)
  try {
    if (database === undefined) throw new Error('the ingest thread has no database open')
    const summary = await ingestBatch(
      {
        database,
        now: () => req.nowMs,
        ...(pool ? { preparer: pool.prepare } : {}),
        onStep: (step, s) => {
          seconds[step] = (seconds[step] ?? 0) + s
        },
      },
      req.batch,
    )
    done({ summary })
  } catch (err) {
    done({ error: threadError(err) })
  }
})
