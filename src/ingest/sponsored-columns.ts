/** A video's stored sponsored columns (metrics.md §11) from its details and caption. */
import type { DetailValue, Flag } from '../db/schema.js'
import { videoSponsorship } from '../domain/sponsored.js'

export interface SponsoredColumns {
  sponsored: Flag | null
  sponsored_evidence: string
}

/** The verdict as 1 / 0 / null and the evidence as a JSON list, as `videos` stores them. */
export function sponsoredColumns(
  details: Readonly<Record<string, DetailValue>>,
  description: string,
): SponsoredColumns {
  const { sponsored, evidence } = videoSponsorship(details, description)
  return {
    sponsored: sponsored === null ? null : sponsored ? 1 : 0,
    sponsored_evidence: JSON.stringify(evidence),
  }
}
