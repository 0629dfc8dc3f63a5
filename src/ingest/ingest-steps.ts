/**
 * The named steps of the write path, in order, and how their time is measured. Each capture goes
 * decode → screen (privacy) → parse → seal (hash, compress); each batch then dedupe → store (raw
 * rows) → normalise (plausibility screen, grouping) → merge_write (read, merge and upsert per
 * entity kind, interleaved, so timed as one) → refresh (creator metrics).
 */
export const INGEST_STEPS = [
  'decode',
  'screen',
  'parse',
  'seal',
  'dedupe',
  'store',
  'normalise',
  'merge_write',
  'refresh',
] as const

export type IngestStep = (typeof INGEST_STEPS)[number]

/** Seconds spent per step: what a capture's preparation reports (it may run on a worker thread). */
export type StepSeconds = Partial<Record<IngestStep, number>>

/** Receives the time of each step of each batch (Prometheus' histogram in server/metrics.ts). */
export type StepObserver = (step: IngestStep, seconds: number) => void

/** A stopwatch that charges the time since its last lap to a step. */
export class StepClock {
  readonly seconds: StepSeconds = {}
  private last = performance.now()

  lap(step: IngestStep): void {
    const now = performance.now()
    this.seconds[step] = (this.seconds[step] ?? 0) + (now - this.last) / 1000
    this.last = now
  }
}

/** Adds one capture's step times into a batch's. */
export function addSeconds(into: StepSeconds, from: StepSeconds | undefined): void {
  if (from === undefined) return
  for (const step of INGEST_STEPS) {
    const s = from[step]
    if (s !== undefined) into[step] = (into[step] ?? 0) + s
  }
}

/** Reports a batch's step times, in step order. */
export function reportSeconds(observer: StepObserver | undefined, seconds: StepSeconds): void {
  if (observer === undefined) return
  for (const step of INGEST_STEPS) {
    const s = seconds[step]
    if (s !== undefined) observer(step, s)
  }
}
