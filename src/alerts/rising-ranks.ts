/** The rising lists (metrics.md §8) as ranks by key, for rising alert rules. */
import type { QueryContext } from '../queries/query-context.js'
import { risingEntries } from '../queries/rankings/rising-ranking.js'
import type { RisingRanks } from './evaluate-alerts.js'

/** Ranks of the first `top` of a rising list, worldwide: a creator by id, a hashtag by name, a sound by id. */
export function risingRanks(ctx: QueryContext): RisingRanks {
  return async (kind, period, top) => {
    const { entries } = await risingEntries(ctx, kind, { period, limit: top }, async () => null)
    return new Map(entries.map((e) => [e.key, e.rank]))
  }
}
