/** A watched item's last 30 days as a tiny inline SVG line (no chart library for 30 points). */
import type { WatchItem } from '../api-types.js'
import { count, DASH } from '../format.js'
import { sparklinePoints } from '../watch-format.js'

const WIDTH = 96
const HEIGHT = 26
const PAD = 3

export function Sparkline({ points }: { points: WatchItem['sparkline'] }) {
  if (points.length === 0) {
    return (
      <span class="unknown" title="nothing observed in the last 30 days">
        {DASH}
      </span>
    )
  }
  const xy = sparklinePoints(
    points.map((p) => p.value),
    WIDTH,
    HEIGHT,
    PAD,
  )
  const first = points[0]
  const last = points[points.length - 1]
  const label =
    first === undefined || last === undefined
      ? ''
      : points.length === 1
        ? `${first.date}: ${count(first.value)} (one day observed)`
        : `${first.date}: ${count(first.value)} → ${last.date}: ${count(last.value)} (${points.length} days observed)`
  const end = xy[xy.length - 1]
  return (
    <svg
      class="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      data-points={points.length}
    >
      <title>{label}</title>
      {xy.length > 1 ? (
        <polyline points={xy.map(([x, y]) => `${x},${y}`).join(' ')} fill="none" />
      ) : null}
      {end === undefined ? null : <circle cx={end[0]} cy={end[1]} r={2.5} />}
    </svg>
  )
}
