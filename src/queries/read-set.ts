/**
 * What an answer read, by change key (db/change-keys.ts): queries note the entities they read,
 * and a cache that computes an answer inside `collectReads` learns which writes make it stale.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

const current = new AsyncLocalStorage<Set<string>>()

/** Records that the answer being computed read these entities (a no-op outside collectReads). */
export function noteReads(...keys: string[]): void {
  const reads = current.getStore()
  if (reads !== undefined) for (const k of keys) reads.add(k)
}

/** Runs `compute`, returning its result and every key noted while it ran. */
export async function collectReads<T>(
  compute: () => Promise<T>,
): Promise<{ result: T; reads: Set<string> }> {
  const reads = new Set<string>()
  const result = await current.run(reads, compute)
  return { result, reads }
}
