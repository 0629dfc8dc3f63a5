/** Per-post sponsorship value of a creator (metrics.md §2.2), priced by niche CPM. */

import {
  DEFAULT_CPM,
  NICHE_CPM,
  SPONSORSHIP_BASE_CPM,
  SPONSORSHIP_HIGH_PER_1000,
  SPONSORSHIP_LOW_PER_1000,
} from './metric-constants.js'
import { normalizeNicheQuery } from './niches.js'
import { round0 } from './rounding.js'

/** A sponsorship range in whole USD and its display label. */
export interface SponsorshipValue {
  low: number
  high: number
  /** `"$<low> - $<high>"` with en-US thousands separators, e.g. "$1,200 - $2,400". */
  label: string
}

/**
 * CPM (USD per 1,000 views) of a niche: finance 18, tech 15, fashion 14, beauty 12,
 * education 12, fitness 10, travel 10, food 8, gaming 8, anything else (or null) 10.
 * The niche is matched case-insensitively, with a leading '#' ignored.
 */
export function cpmForNiche(niche: string | null): number {
  if (niche === null) return DEFAULT_CPM
  const key = normalizeNicheQuery(niche)
  // Object.hasOwn keeps prototype names such as "constructor" out of the lookup.
  return Object.hasOwn(NICHE_CPM, key) ? (NICHE_CPM[key] ?? DEFAULT_CPM) : DEFAULT_CPM
}

/**
 * `low = round(median_views / 1000 × 10 × f)`, `high = round(median_views / 1000 × 20 × f)`,
 * `f = CPM(primary niche) / 10`; USD per post, whole dollars (half-up).
 * `niche` is the creator's primary niche, null when none (CPM 10, so f = 1).
 * Zero median views give "$0 - $0" (measured: nobody watches); an unknown median (n = 0) gives
 * null, because nothing was measured (metrics.md §2.2, v2).
 */
export function sponsorshipValue(
  medianViews: number | null,
  niche: string | null,
): SponsorshipValue | null {
  if (medianViews === null) return null
  const cpm = cpmForNiche(niche)
  // median × rate × cpm / (1000 × base) as one division, so a true .5 stays a tie.
  const divisor = 1000 * SPONSORSHIP_BASE_CPM
  const low = round0((medianViews * SPONSORSHIP_LOW_PER_1000 * cpm) / divisor)
  const high = round0((medianViews * SPONSORSHIP_HIGH_PER_1000 * cpm) / divisor)
  return { low, high, label: sponsorshipLabel(low, high) }
}

/** `"$<low> - $<high>"` with thousands separators, e.g. "$1,200 - $2,400" (metrics.md §2.2). */
export function sponsorshipLabel(low: number, high: number): string {
  return `$${formatThousands(low)} - $${formatThousands(high)}`
}

/**
 * An integer with en-US thousands separators ("1234567" → "1,234,567"). Done by hand rather
 * than with `toLocaleString` so the output does not depend on the ICU data Node was built with.
 */
export function formatThousands(value: number): string {
  const digits = String(Math.abs(Math.trunc(value)))
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return value < 0 ? `-${grouped}` : grouped
}
