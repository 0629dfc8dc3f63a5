/**
 * The one derivation from parsed captures to stored entities, shared by ingestion, reprocess and
 * purge: plausibility screen → normalize → merge and write → record what was set aside.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import { insertImplausible, type WriteResult, writeBatch } from '../db/write.js'
import { normalizeBatch, type TimedCapture } from './normalize.js'
import type { ParsedCapture } from './parsed.js'
import { type SetAside, screenCapture } from './plausibility.js'
import { withoutNul } from './without-nul.js'

export interface CaptureToDerive {
  parsed: ParsedCapture
  /** Epoch seconds. */
  observedAt: number
  /** The capture's content hash. */
  capture: string
}

export interface Derived extends Omit<WriteResult, 'setAside'> {
  /** Entities left out and observations set aside by the plausibility rules, in capture order. */
  implausible: SetAside[]
}

/**
 * Writes what the captures say, in the caller's transaction (which holds the ingest lock).
 * Captures are judged in the order given: ingestion passes them in arrival order and reprocess
 * in stored order, so the same captures are judged the same way.
 */
export async function deriveEntities(
  trx: Kysely<DB>,
  captures: readonly CaptureToDerive[],
  isDemo: boolean,
): Promise<Derived> {
  const rejected: SetAside[] = []
  const timed: TimedCapture[] = captures.map((c) => {
    const screened = screenCapture(withoutNul(c.parsed), c.observedAt)
    for (const r of screened.rejected) {
      rejected.push({ ...r, capture: c.capture, observedAt: c.observedAt })
    }
    return { parsed: screened.parsed, observedAt: c.observedAt, capture: c.capture }
  })
  const { setAside, ...written } = await writeBatch(trx, normalizeBatch(timed), isDemo)
  const implausible = [...rejected, ...setAside]
  await insertImplausible(trx, implausible)
  return { ...written, implausible }
}
