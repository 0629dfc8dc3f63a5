/** A creator's growth flags and 30-day follower projection (metrics.md §9) from one bounded read. */
import { creatorKey } from '../../db/change-keys.js'
import { dailySeries } from '../../domain/daily-series.js'
import { followerProjection } from '../../domain/follower-projection.js'
import { growthAnomalies } from '../../domain/growth-anomalies.js'
import { GROWTH_HISTORY_DAYS, SECONDS_PER_DAY } from '../../domain/metric-constants.js'
import type { QueryContext } from '../query-context.js'
import { noteReads } from '../read-set.js'

/**
 * At most this many (the newest) follower snapshots are read: a creator captured every few
 * minutes would otherwise make this single-entity read scan thousands of rows. Cutting the
 * oldest rows keeps each remaining day's last observation, so the daily series stays exact
 * for the days it still covers.
 */
export const MAX_GROWTH_SNAPSHOTS = 5000

export interface GrowthFlagView {
  date: string
  days: number
  direction: 'spike' | 'drop'
  followers_change: number
  daily_rate: number
  typical_daily_rate: number
  robust_z: number
}

export interface FollowerProjectionView {
  days: number
  at: string
  followers: number
  low: number
  high: number
  trend_per_day: number
  model: string
  observations: number
  span_days: number
}

export interface GrowthSignals {
  growth_flags: GrowthFlagView[]
  follower_projection: FollowerProjectionView | null
}

/**
 * The follower snapshots of the last 180 days up to `now` (known counts only), newest first,
 * on the creator_snapshots(creator_id, observed_at) key; then the rules of metrics.md §9.
 * A creator seen once, or never with a follower count, gets `[]` and null.
 */
export async function growthSignals(ctx: QueryContext, creatorId: string): Promise<GrowthSignals> {
  const now = ctx.now()
  noteReads(creatorKey(creatorId))
  const rows = await ctx.db
    .selectFrom('creator_snapshots')
    .select(['observed_at', 'followers'])
    .where('creator_id', '=', creatorId)
    .where('observed_at', '>', now - GROWTH_HISTORY_DAYS * SECONDS_PER_DAY)
    .where('observed_at', '<=', now)
    .where('followers', 'is not', null)
    .orderBy('observed_at', 'desc')
    .limit(MAX_GROWTH_SNAPSHOTS)
    .execute()
  const series = dailySeries(
    rows.flatMap((r) =>
      r.followers === null ? [] : [{ observedAt: r.observed_at, value: r.followers }],
    ),
  )
  const projection = followerProjection(series)
  return {
    growth_flags: growthAnomalies(series).map((f) => ({
      date: f.date,
      days: f.days,
      direction: f.direction,
      followers_change: f.followersChange,
      daily_rate: f.dailyRate,
      typical_daily_rate: f.typicalDailyRate,
      robust_z: f.robustZ,
    })),
    follower_projection: projection && {
      days: projection.days,
      at: projection.date,
      followers: projection.followers,
      low: projection.low,
      high: projection.high,
      trend_per_day: projection.trendPerDay,
      model: projection.model,
      observations: projection.observations,
      span_days: projection.spanDays,
    },
  }
}
