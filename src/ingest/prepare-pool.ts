/**
 * A pool of ingestion worker threads. Preparing captures (JSON parse, privacy check, parse,
 * hash, compress) is most of ingestion's CPU; on worker threads it runs in parallel with the
 * main thread's database writes, and batches split across workers.
 */
import { availableParallelism } from 'node:os'
import type { Worker } from 'node:worker_threads'
import type { CapturePreparer } from './pipeline.js'
import type { PreparedResult } from './prepare-capture.js'
import type { PrepareRequest, PrepareResponse } from './prepare-worker.js'
import { startWorker } from './start-worker.js'

export interface PreparePool {
  prepare: CapturePreparer
  close(): Promise<void>
}

/** Below this many captures a batch is prepared inline: a round trip costs more than it saves. */
const MIN_CAPTURES_FOR_WORKERS = 8

/** One worker per core but one (the main thread writes), at least one. */
export const defaultWorkerCount = (): number => Math.max(1, availableParallelism() - 1)

export function createPreparePool(size: number, inline: CapturePreparer): PreparePool {
  const pending = new Map<
    number,
    { resolve: (r: PreparedResult[]) => void; reject: (e: Error) => void; worker: Worker }
  >()
  // A worker keeps the process alive only while it has work: an idle pool never blocks exit.
  const busy = new Map<Worker, number>()
  const track = (w: Worker, delta: number) => {
    const n = (busy.get(w) ?? 0) + delta
    busy.set(w, n)
    if (n > 0) w.ref()
    else w.unref()
  }
  let nextId = 0
  let turn = 0
  let broken = false
  let closing = false
  const workers = Array.from({ length: size }, () => {
    const w = startWorker(import.meta.url, 'prepare-worker')
    w.on('message', (res: PrepareResponse) => {
      // Structured clone delivers Uint8Arrays; the SQLite driver binds Buffers (same memory).
      for (const r of res.results) {
        if (r.ok) {
          const c = r.sealed.compressed
          r.sealed.compressed = Buffer.from(c.buffer, c.byteOffset, c.byteLength)
        }
      }
      const job = pending.get(res.id)
      pending.delete(res.id)
      if (job) {
        track(job.worker, -1)
        job.resolve(res.results)
      }
    })
    // A crashed worker fails the batches it held (their uploads get an error and are retried by
    // the client); later batches are prepared inline rather than sent to a dead thread.
    w.on('error', (err) => {
      broken = true
      for (const p of pending.values()) p.reject(err)
      pending.clear()
    })
    w.on('exit', () => {
      if (!closing) broken = true
    })
    w.unref()
    return w
  })

  const send = (captures: unknown[], startIndex: number, nowMs: number) =>
    new Promise<PreparedResult[]>((resolve, reject) => {
      const id = nextId++
      const worker = workers[turn++ % workers.length]
      if (!worker) return reject(new Error('the ingestion worker pool is empty'))
      pending.set(id, { resolve, reject, worker })
      track(worker, 1)
      worker.postMessage({ id, captures, startIndex, nowMs } satisfies PrepareRequest)
    })

  return {
    async prepare(captures, nowMs) {
      if (broken || captures.length < MIN_CAPTURES_FOR_WORKERS) return inline(captures, nowMs)
      const per = Math.ceil(captures.length / workers.length)
      const parts: Promise<PreparedResult[]>[] = []
      for (let i = 0; i < captures.length; i += per) {
        parts.push(send(captures.slice(i, i + per), i, nowMs))
      }
      return (await Promise.all(parts)).flat()
    },
    async close() {
      closing = true
      await Promise.all(workers.map((w) => w.terminate()))
    },
  }
}
