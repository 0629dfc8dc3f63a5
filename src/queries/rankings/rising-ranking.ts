/**
 * What the three rising lists share (metrics.md §8): each period's velocities scored by the
 * rising rule, the current ranking against the previous one, the list's frame and its figures.
 */
import type { CounterObservation } from '../../domain/growth.js'
import { type RankChange, rankAgainstPrevious, type Scored } from '../../domain/rank-change.js'
import {
  type PeriodWindow,
  periodWindows,
  type RisingKind,
  type RisingPeriod,
  risingScore,
  type Velocity,
  velocityBetween,
} from '../../domain/rising.js'
import { round2 } from '../../domain/rounding.js'
import { isoTime } from '../iso-time.js'
import type { QueryContext } from '../query-context.js'
import { type CounterSource, periodEnds } from './period-ends.js'

export interface RisingQuery {
  period: RisingPeriod
  /** ISO 3166-1 alpha-2, any case. */
  region?: string | undefined
  limit: number
}

/** The list's frame: which periods were compared, for which region. */
export function listFrame(
  p: RisingQuery,
  windows: { current: PeriodWindow; previous: PeriodWindow },
) {
  return {
    period: p.period,
    region: p.region?.toUpperCase() ?? null,
    window: windowView(windows.current),
    previous_window: windowView(windows.previous),
  }
}

export const windowView = (w: PeriodWindow) => ({ from: isoTime(w.from), to: isoTime(w.to) })

const observationView = (o: CounterObservation) => ({
  observed_at: isoTime(o.observedAt),
  value: o.value,
})

/** A velocity as the API shows it: its two observations, the days between, the rate per day. */
export function velocityView(v: Velocity) {
  return {
    start: observationView(v.start),
    end: observationView(v.end),
    span_days: round2(v.spanDays),
    per_day: round2(v.perDay),
  }
}

export type VelocityView = ReturnType<typeof velocityView>

export interface RisingEntry extends RankChange {
  key: string
  rank: number
  score: number
  velocity: Velocity
}

/** Scores every entity of `window` that may be listed (`eligible`, when filtered). */
async function scoredIn(
  ctx: QueryContext,
  source: CounterSource & RisingKind,
  window: PeriodWindow,
  eligible: ReadonlySet<string> | null,
): Promise<{ scored: Scored<string>[]; velocities: Map<string, Velocity> }> {
  const scored: Scored<string>[] = []
  const velocities = new Map<string, Velocity>()
  for (const [key, ends] of await periodEnds(ctx, source, window)) {
    if (eligible !== null && !eligible.has(key)) continue
    const velocity = velocityBetween(ends.start, ends.end)
    const score = velocity === null ? null : risingScore(velocity, source)
    if (velocity === null || score === null) continue
    scored.push({ key, score })
    velocities.set(key, velocity)
  }
  return { scored, velocities }
}

/**
 * The first `limit` risers of the current period, ranked, with their rank change. `eligibleIn`
 * restricts a period's candidates (the region filter); null lets every entity in.
 */
export async function risingEntries(
  ctx: QueryContext,
  kind: CounterSource & RisingKind,
  p: RisingQuery,
  eligibleIn: (w: PeriodWindow) => Promise<ReadonlySet<string> | null>,
): Promise<{ windows: { current: PeriodWindow; previous: PeriodWindow }; entries: RisingEntry[] }> {
  const windows = periodWindows(ctx.now(), p.period)
  const [current, previous] = await Promise.all([
    eligibleIn(windows.current).then((e) => scoredIn(ctx, kind, windows.current, e)),
    eligibleIn(windows.previous).then((e) => scoredIn(ctx, kind, windows.previous, e)),
  ])
  const entries = rankAgainstPrevious(current.scored, previous.scored)
    .slice(0, p.limit)
    .map((r) => ({ ...r, velocity: current.velocities.get(r.key) as Velocity }))
  return { windows, entries }
}

/** The ranking fields of a listed entry (rank, its change, the score and its velocity). */
export function rankingFields(e: RisingEntry) {
  return {
    rank: e.rank,
    previous_rank: e.previous_rank,
    rank_change: e.rank_change,
    new: e.new,
    score: e.score,
    velocity: velocityView(e.velocity),
  }
}
