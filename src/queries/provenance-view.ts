/** The `provenance` of a served creator or video (metrics.md §1.2), from its stored columns. */
import type { ProvenanceColumns } from '../db/schema.js'
import { isoTime } from './iso-time.js'

export interface ProvenanceView {
  observed_at: string | null
  contributors: number | null
  counts_source: 'exact' | 'rounded' | null
}

export function provenanceView(row: ProvenanceColumns): ProvenanceView {
  return {
    observed_at: isoTime(row.counts_observed_at),
    // 0 recorded contributors means only unknown senders stood behind the row: unknown, not 0.
    contributors: row.contributors === null || row.contributors === 0 ? null : row.contributors,
    counts_source: row.counts_exact === null ? null : row.counts_exact === 1 ? 'exact' : 'rounded',
  }
}
