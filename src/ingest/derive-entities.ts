/**
 * The one derivation from parsed captures to stored entities, shared by ingestion, reprocess and
 * purge: plausibility screen → normalize → merge and write → record what was set aside.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import { excludeCreators } from './excluded-creators.js'
import type { StepClock } from './ingest-steps.js'
import { type NormalizedBatch, normalizeBatch, type TimedCapture } from './normalize.js'
import type { ParsedCapture } from './parsed.js'
import { type SetAside, screenCapture } from './plausibility.js'
import { withoutNul } from './without-nul.js'
import { insertImplausible, type WriteResult, writeBatch } from './write-entities.js'

export interface CaptureToDerive {
  parsed: ParsedCapture
  /** Epoch seconds. */
  observedAt: number
  /** The capture's content hash. */
  capture: string
  /** Who sent it (corroboration weighs it); null: unknown. */
  contributor: string | null
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
  clock?: StepClock,
): Promise<Derived> {
  const screened = screenAndNormalize(await excludeCreators(trx, captures))
  clock?.lap('normalise')
  const derived = await writeDerivation(trx, screened, isDemo)
  clock?.lap('merge_write')
  return derived
}

/** The part of a derivation that needs no stored row (so no lock): screen, then group. */
export interface Screened {
  rejected: SetAside[]
  batch: NormalizedBatch
}

export function screenAndNormalize(captures: readonly CaptureToDerive[]): Screened {
  const rejected: SetAside[] = []
  const timed: TimedCapture[] = captures.map((c) => {
    const screened = screenCapture(withoutNul(c.parsed), c.observedAt)
    for (const r of screened.rejected) {
      rejected.push({ ...r, capture: c.capture, observedAt: c.observedAt })
    }
    return {
      parsed: screened.parsed,
      observedAt: c.observedAt,
      capture: c.capture,
      contributor: c.contributor,
    }
  })
  return { rejected, batch: normalizeBatch(timed) }
}

/** The rest, in the caller's transaction (which holds the ingest lock): merge, write, record. */
export async function writeDerivation(
  trx: Kysely<DB>,
  screened: Screened,
  isDemo: boolean,
): Promise<Derived> {
  const { setAside, ...written } = await writeBatch(trx, screened.batch, isDemo)
  const implausible = [...screened.rejected, ...setAside]
  await insertImplausible(trx, implausible)
  return { ...written, implausible }
}
