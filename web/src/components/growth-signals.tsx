/** A creator's unusual follower days and 30-day projection (metrics.md §9), in words. */
import {
  PROJECTION_MIN_OBSERVATIONS,
  PROJECTION_MIN_SPAN_DAYS,
} from '../../../src/domain/metric-constants.js'
import type { CreatorAnalytics } from '../api-types.js'
import { count } from '../format.js'

type Flag = CreatorAnalytics['growth_flags'][number]
type Projection = NonNullable<CreatorAnalytics['follower_projection']>

/** `+48,210`, `−900`. */
const signed = (n: number) => (n < 0 ? `−${count(-n)}` : `+${count(n)}`)

/** Chart marks in the colours of the list (--bad, --warn in styles.css). */
export const SPIKE_COLOR = '#b91c1c'
export const DROP_COLOR = '#b45309'

/** "Unusual growth on 2026-11-02: +48,210 in a day, typical +310/day". */
export function flagText(f: Flag): string {
  const what = f.direction === 'spike' ? 'Unusual growth' : 'Unusual drop'
  const change =
    f.days === 1
      ? `${signed(f.followers_change)} in a day`
      : `${signed(f.followers_change)} over ${f.days} days (${signed(f.daily_rate)}/day)`
  return `${what} on ${f.date}: ${change}, typical ${signed(f.typical_daily_rate)}/day`
}

export function GrowthFlags({ flags }: { flags: CreatorAnalytics['growth_flags'] }) {
  if (flags.length === 0) return null
  return (
    <ul class="growth-flags" data-metric="growth_flags">
      {flags.map((f) => (
        <li key={f.date} class={`growth-flag ${f.direction}`}>
          {flagText(f)}{' '}
          <span class="muted" title="robust z-score (metrics.md §9): beyond ±3.5 is unusual">
            (z {String(f.robust_z).replace('-', '−')})
          </span>
        </li>
      ))}
    </ul>
  )
}

export function ProjectionNote({ projection: p }: { projection: Projection | null }) {
  if (p === null) {
    return (
      <p class="hint" data-metric="follower_projection">
        Not enough history for a projection: needs {PROJECTION_MIN_OBSERVATIONS} daily observations
        over {PROJECTION_MIN_SPAN_DAYS} days.
      </p>
    )
  }
  return (
    <p class="hint" data-metric="follower_projection">
      In {p.days} days ({p.at}): about <strong>{count(p.followers)}</strong> followers, between{' '}
      {count(p.low)} and {count(p.high)} — a straight line through {p.observations} daily
      observations over {p.span_days} days ({signed(p.trend_per_day)}/day), dashed on the chart.
    </p>
  )
}
