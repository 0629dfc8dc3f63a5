/** The disputed values of an entity's counters (metrics.md §1.1), as the API shows them. */

import { sqlNumber } from '../db/sql-number.js'
import { agree } from '../domain/corroboration.js'
import { isoTime } from './iso-time.js'
import type { QueryContext } from './query-context.js'

/** One value some contributors report and that is not corroborated (yet). */
export interface DisputedValueView {
  field: string
  value: number
  /** When it was last reported. */
  observed_at: string
  /** Distinct contributors reporting it (values that agree count as one claim). */
  sources: number
  /** Observations behind it. */
  reports: number
  reason: string
}

/**
 * The pending disputes of one entity, grouped into claims: a dispute joins the first claim of
 * its field whose value it agrees with (newest first), so two contributors reporting 5,000,000
 * and 5,000,050 are one claim with two sources. Newest claim first.
 */
export async function disputedValues(
  ctx: QueryContext,
  entity: 'creator' | 'video',
  id: string,
): Promise<DisputedValueView[]> {
  const rows = await ctx.db
    .selectFrom('implausible_observations')
    .select(['field', 'value', 'observed_at', 'contributor', 'reason'])
    .where('entity', '=', entity)
    .where('entity_id', '=', id)
    .where('resolution', 'is', null)
    .where('value', 'is not', null)
    .orderBy('observed_at', 'desc')
    .limit(200)
    .execute()
  const claims: Array<DisputedValueView & { contributors: Set<string | null> }> = []
  for (const r of rows) {
    // Not null: the query keeps only rows with a value.
    const value = sqlNumber(r.value ?? 0)
    const at = sqlNumber(r.observed_at)
    const claim = claims.find((c) => c.field === r.field && agree(c.value, value))
    if (claim === undefined) {
      claims.push({
        field: r.field,
        value,
        observed_at: isoTime(at),
        sources: 0,
        reports: 0,
        reason: r.reason,
        contributors: new Set(),
      })
    }
    const target = claim ?? claims[claims.length - 1]
    if (target === undefined) continue
    target.contributors.add(r.contributor)
    target.reports++
    target.sources = target.contributors.size
  }
  return claims.map(({ contributors: _, ...view }) => view)
}
