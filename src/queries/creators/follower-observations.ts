/** The few follower snapshots the trailing growth windows need, fetched by the snapshot key. */
import type { CounterObservation } from '../../domain/growth.js'
import { SECONDS_PER_DAY } from '../../domain/metric-constants.js'
import type { QueryContext } from '../query-context.js'

/**
 * The newest snapshot with a known follower count at or before `now`, and for each of `days`
 * the latest one at or before `now − days`: one LIMIT 1 probe each on the
 * creator_snapshots(creator_id, observed_at) key, instead of the whole history, sent as one
 * UNION ALL (one round trip, which is what a PostgreSQL read mostly costs).
 */
export async function followerObservations(
  ctx: QueryContext,
  creatorId: string,
  now: number,
  days: readonly number[],
): Promise<CounterObservation[]> {
  const latestAtOrBefore = (time: number, i: number) =>
    ctx.db
      .selectFrom((db) =>
        db
          .selectFrom('creator_snapshots')
          .select(['observed_at', 'followers'])
          .where('creator_id', '=', creatorId)
          .where('observed_at', '<=', time)
          .where('followers', 'is not', null)
          .orderBy('observed_at', 'desc')
          .limit(1)
          .as(`w${i}`),
      )
      .selectAll()
  const [first, ...rest] = [now, ...days.map((d) => now - d * SECONDS_PER_DAY)].map(
    latestAtOrBefore,
  )
  if (first === undefined) return []
  const rows = await rest.reduce((all, q) => all.unionAll(q), first).execute()
  return rows.flatMap((r) =>
    r.followers === null ? [] : [{ observedAt: r.observed_at, value: r.followers }],
  )
}
