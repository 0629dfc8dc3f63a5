/**
 * Batches of captures for queue-mode tests and the cluster test: a pool of creators observed over
 * and over, with numbers that only grow with observation time, so that any processing order
 * gives the same store (newest wins; nothing trips a plausibility rule).
 */
import {
  contentHash,
  itemListBody,
  listUrl,
  userDetailBody,
  userUrl,
  withoutViewerKeys,
} from './fixture-captures.js'

export interface LoadCapture {
  url: string
  observed_at: string
  body: string
}

export interface LoadBatch {
  seq: number
  captures: LoadCapture[]
  /** The content hash the server stores for each capture. */
  hashes: string[]
}

/** When batch 0 was observed: a day ago, so that every batch's observation time is in the past. */
export const loadEpochMs = (): number => Date.now() - 86_400_000

/**
 * Batch `seq` observes `perBatch` creators of a pool of `pool` (a profile and a list of two
 * videos each) at `epochMs + seq` seconds. Every capture is distinct; creators recur.
 */
export function loadBatch(seq: number, epochMs: number, pool = 12, perBatch = 3): LoadBatch {
  const batch: LoadBatch = { seq, captures: [], hashes: [] }
  const observed = new Date(epochMs + seq * 1000).toISOString()
  for (let j = 0; j < perBatch; j++) {
    const c = (seq * perBatch + j) % pool
    const id = `83${String(c).padStart(8, '0')}`
    const username = `queue_load_${c}`
    const videos = [0, 1].map((v) => ({
      id: `73${String(c).padStart(8, '0')}${v}`,
      plays: 100_000 + seq * 10 + v,
      likes: 5_000 + seq,
      author: { id, username },
    }))
    for (const [url, body] of [
      [userUrl(username), userDetailBody({ followers: 20_000 + seq, id, username })],
      [listUrl(`sec_${id}`), itemListBody(...videos)],
    ] as const) {
      const text = JSON.stringify(withoutViewerKeys(body))
      batch.captures.push({ url, observed_at: observed, body: text })
      batch.hashes.push(contentHash(url, text))
    }
  }
  return batch
}
