/** Ingestion worker thread: prepares and seals captures sent by the pool (prepare-pool.ts). */
import { parentPort } from 'node:worker_threads'
import { type PreparedResult, prepareSealedSync } from './prepare-capture.js'

export interface PrepareRequest {
  id: number
  captures: unknown[]
  /** Position of the first capture in its batch (drop reasons report batch indexes). */
  startIndex: number
  nowMs: number
}

export interface PrepareResponse {
  id: number
  results: PreparedResult[]
}

parentPort?.on('message', (req: PrepareRequest) => {
  const results = req.captures.map((raw, i) => {
    const r = prepareSealedSync(raw, req.startIndex + i, req.nowMs)
    // A small Buffer may share Node's allocation pool: give each body its own ArrayBuffer,
    // which is then moved (not copied) to the main thread.
    return r.ok
      ? { ...r, sealed: { ...r.sealed, compressed: new Uint8Array(r.sealed.compressed) } }
      : r
  })
  const transfer = results.flatMap((r) => (r.ok ? [r.sealed.compressed.buffer as ArrayBuffer] : []))
  parentPort?.postMessage({ id: req.id, results } satisfies PrepareResponse, transfer)
})
