/**
 * Synchronous ingestion on its own thread (SQLite): better-sqlite3 runs each statement on the
 * thread that calls it, so a batch's write transaction on the main thread would hold every read
 * and `/healthz` behind it. The thread opens the same file (WAL: readers never wait for it) and
 * answers each batch with its summary; the main thread then sees the write at once (data
 * version) and mirrors the thread's storage health for `/readyz`.
 */
import type { Worker } from 'node:worker_threads'
import type { IngestSummary } from '../contract/ingest-envelope.js'
import type { Database } from '../db/open.js'
import { reportSeconds, type StepObserver } from './ingest-steps.js'
import type {
  IngestThreadRequest,
  IngestThreadResponse,
  ThreadError,
} from './ingest-thread-worker.js'
import type { IngestBatch } from './pipeline.js'
import { startWorker } from './start-worker.js'

export interface IngestThread {
  /** Ingests a batch on the thread, as ingestBatch would; `nowMs` is the reception time. */
  ingest(batch: IngestBatch, nowMs: number, onStep?: StepObserver): Promise<IngestSummary>
  close(): Promise<void>
}

/**
 * The ingest thread `serve` should run, or null: only where it helps and can work — synchronous
 * ingestion (TOKLYTICS_INGEST_THREAD=on) into a store whose statements run on the calling thread
 * and that a second connection can open (a file, not `:memory:`).
 */
export async function ingestThreadFor(
  database: Database,
  options: {
    url: string
    enabled: boolean
    sync: boolean
    prepareWorkers: number
    sqliteCacheMb?: number
  },
): Promise<IngestThread | null> {
  const shareable = !options.url.endsWith(':memory:')
  if (!options.enabled || !options.sync || !database.dialect.runsOnCallingThread || !shareable)
    return null
  return startIngestThread(database, options.url, options.prepareWorkers, options.sqliteCacheMb)
}

/** The thread's error as an Error of this thread, with the code storageFaultOf reads. */
function asError(e: ThreadError): Error {
  const err = new Error(e.message) as Error & { code?: string }
  err.name = e.name
  if (e.code !== undefined) err.code = e.code
  return err
}

/**
 * Starts the thread on `url` (an SQLite file the caller has opened and migrated as `database`)
 * with `prepareWorkers` preparation threads of its own.
 */
export async function startIngestThread(
  database: Database,
  url: string,
  prepareWorkers: number,
  sqliteCacheMb?: number,
): Promise<IngestThread> {
  const worker: Worker = startWorker(import.meta.url, 'ingest-thread-worker')
  const pending = new Map<
    number,
    {
      resolve: (s: IngestSummary) => void
      reject: (e: Error) => void
      onStep: StepObserver | undefined
    }
  >()
  /** The answers not yet given, which `close` waits for. */
  const inFlight = new Set<Promise<IngestSummary>>()
  let nextId = 0
  let failure: Error | null = null
  const opened = new Promise<void>((resolve, reject) => {
    worker.on('message', (res: IngestThreadResponse) => {
      if (res.type === 'opened') {
        if (res.error) reject(asError(res.error))
        else resolve()
        return
      }
      if (res.type === 'closed') return
      const job = pending.get(res.id)
      pending.delete(res.id)
      if (pending.size === 0) worker.unref()
      if (res.storage === null) database.storage.recovered()
      else database.storage.failed(res.storage)
      if (!job) return
      reportSeconds(job.onStep, res.seconds)
      if (res.summary) {
        database.dataVersion.noteLocalWrite()
        job.resolve(res.summary)
      } else job.reject(asError(res.error ?? { name: 'Error', message: 'no answer' }))
    })
    // A thread that dies fails what it held (those uploads get an error and are sent again).
    const fail = (err: Error) => {
      failure = err
      reject(err)
      for (const job of pending.values()) job.reject(err)
      pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => {
      if (failure === null && pending.size > 0) fail(new Error(`the ingest thread ended (${code})`))
    })
  })
  worker.postMessage({
    type: 'open',
    url,
    prepareWorkers,
    sqliteCacheMb,
  } satisfies IngestThreadRequest)
  await opened
  worker.unref()
  return {
    ingest(batch, nowMs, onStep) {
      if (failure) return Promise.reject(failure)
      const answer = new Promise<IngestSummary>((resolve, reject) => {
        const id = nextId++
        pending.set(id, { resolve, reject, onStep })
        worker.ref()
        // The captures as received (JSON values) and the sender: all structured-cloneable.
        worker.postMessage({ type: 'ingest', id, batch, nowMs } satisfies IngestThreadRequest)
      })
      inFlight.add(answer)
      const settled = () => inFlight.delete(answer)
      answer.then(settled, settled)
      return answer
    },
    /** After the batches in flight: the thread closes its database (a clean WAL) and ends. */
    async close() {
      await Promise.allSettled(inFlight)
      if (failure === null) {
        const closed = new Promise<void>((resolve) =>
          worker.on('message', (res: IngestThreadResponse) => {
            if (res.type === 'closed') resolve()
          }),
        )
        worker.ref()
        worker.postMessage({ type: 'close' } satisfies IngestThreadRequest)
        await closed
      }
      await worker.terminate()
    },
  }
}
