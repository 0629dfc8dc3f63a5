/** The text `toklytics import` prints: a block per file and the totals (pure, for tests). */
import type { IngestSummary } from '../contract/ingest-envelope.js'

/** What happened to one usable file. */
export interface FileOutcome {
  file: string
  format: string
  captures: number
  accepted: number
  duplicates: number
  /** Reason → how many, and the first capture's detail. */
  dropped: Map<string, { count: number; detail: string }>
  flagged: Map<string, number>
  /** Records that did not become captures: reason → 1-based positions (lines, HAR entries). */
  skipped: ReadonlyMap<string, readonly number[]>
  /** Dry run: distinct entities the accepted captures name. */
  entities: IngestSummary['entities'] | null
}

export function emptyOutcome(
  file: string,
  format: string,
  skipped: ReadonlyMap<string, readonly number[]>,
): FileOutcome {
  return {
    file,
    format,
    captures: 0,
    accepted: 0,
    duplicates: 0,
    dropped: new Map(),
    flagged: new Map(),
    skipped,
    entities: null,
  }
}

/** Adds a batch's summary to its file's outcome. */
export function addSummary(outcome: FileOutcome, s: IngestSummary, dryRun: boolean): void {
  outcome.captures += s.received
  outcome.accepted += s.accepted
  outcome.duplicates += s.duplicates
  for (const d of s.dropped) {
    const seen = outcome.dropped.get(d.reason)
    if (seen) seen.count++
    else outcome.dropped.set(d.reason, { count: 1, detail: d.detail })
  }
  for (const f of s.flagged) outcome.flagged.set(f.reason, (outcome.flagged.get(f.reason) ?? 0) + 1)
  if (dryRun) {
    const e = outcome.entities ?? { creators: 0, videos: 0, hashtags: 0, sounds: 0 }
    outcome.entities = {
      creators: e.creators + s.entities.creators,
      videos: e.videos + s.entities.videos,
      hashtags: e.hashtags + s.entities.hashtags,
      sounds: e.sounds + s.entities.sounds,
    }
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

const droppedCount = (o: FileOutcome) => [...o.dropped.values()].reduce((n, d) => n + d.count, 0)
const skippedCount = (o: FileOutcome) => [...o.skipped.values()].reduce((n, at) => n + at.length, 0)

/** "3, 9, 12, …": where skipped records sit, the first few. */
function positions(at: readonly number[]): string {
  const shown = at.slice(0, 5).join(', ')
  return at.length > 5 ? `${shown}, …` : shown
}

/** The counts of a file or of the whole run. */
function countLine(
  captures: number,
  accepted: number,
  duplicates: number,
  dropped: number,
  skipped: number,
  dryRun: boolean,
): string {
  const skippedPart = skipped > 0 ? `, ${skipped} skipped` : ''
  const acceptedPart = dryRun ? `${accepted} would be accepted` : `${accepted} accepted`
  return `${plural(captures, 'capture')}: ${acceptedPart}, ${duplicates} duplicate, ${dropped} dropped${skippedPart}`
}

/** A file's block: name and format, its counts, then every reason. */
export function fileLines(o: FileOutcome, dryRun: boolean): string[] {
  const lines = [
    `${o.file}: ${o.format}`,
    `  ${countLine(o.captures, o.accepted, o.duplicates, droppedCount(o), skippedCount(o), dryRun)}`,
  ]
  for (const [reason, d] of [...o.dropped].sort((a, b) => b[1].count - a[1].count)) {
    lines.push(`  dropped ${reason}: ${d.count} (${d.detail.slice(0, 160)})`)
  }
  for (const [reason, at] of o.skipped) {
    lines.push(`  skipped ${reason}: ${at.length} (at ${positions(at)})`)
  }
  // Entities of accepted captures whose numbers were not applied (plausibility rules).
  for (const [reason, n] of [...o.flagged].sort((a, b) => b[1] - a[1])) {
    lines.push(`  flagged ${reason}: ${n}`)
  }
  if (o.entities !== null && o.accepted > 0) {
    const e = o.entities
    lines.push(
      `  would add or update ${plural(e.creators, 'creator')}, ${plural(e.videos, 'video')}, ${plural(e.hashtags, 'hashtag')}, ${plural(e.sounds, 'sound')}`,
    )
  }
  return lines
}

export interface RunTotals {
  outcomes: readonly FileOutcome[]
  /** Files named or found that could not be used (each reported on stderr). */
  unusable: number
  /** Files in folders passed over for their extension. */
  ignored: number
}

/** The last line: every file's counts added up. */
export function totalLine(t: RunTotals, dryRun: boolean): string {
  const sum = (pick: (o: FileOutcome) => number) => t.outcomes.reduce((n, o) => n + pick(o), 0)
  const files = t.outcomes.length + t.unusable
  const parts = [`${plural(files, 'file')}`]
  if (t.unusable > 0) parts.push(`${t.unusable} not usable`)
  if (t.ignored > 0) parts.push(`${t.ignored} ignored for their extension`)
  const counts = countLine(
    sum((o) => o.captures),
    sum((o) => o.accepted),
    sum((o) => o.duplicates),
    sum(droppedCount),
    sum(skippedCount),
    dryRun,
  )
  return `${dryRun ? 'dry run, nothing written: ' : ''}total: ${parts.join(', ')}; ${counts}`
}

/**
 * The exit code: 0 when something was imported or everything was already there (accepted or
 * duplicate captures), 1 when nothing was (no capture found, or every one dropped).
 */
export function exitCode(outcomes: readonly FileOutcome[]): number {
  return outcomes.some((o) => o.accepted + o.duplicates > 0) ? 0 : 1
}
