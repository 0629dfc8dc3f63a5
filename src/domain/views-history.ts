/** A creator's tracked views over time, from the snapshots of their videos' play counts. */

import { SECONDS_PER_DAY } from './metric-constants.js'

export interface PlaysObservation {
  videoId: string
  /** Epoch seconds. */
  observedAt: number
  /** Null when the observation did not carry the play count (it is then ignored). */
  plays: number | null
}

export interface ViewsPoint {
  /** UTC day, `YYYY-MM-DD`. */
  day: string
  /** Time of the day's last observation counted (epoch seconds). */
  observedAt: number
  /** Σ over the creator's videos of their latest known plays at `observedAt`. */
  trackedViews: number
  /** Videos with a known play count at `observedAt`. */
  trackedVideos: number
}

const dayOf = (epochSeconds: number): string =>
  new Date(Math.floor(epochSeconds / SECONDS_PER_DAY) * SECONDS_PER_DAY * 1000)
    .toISOString()
    .slice(0, 10)

/**
 * One point per UTC day on which a video of the creator was observed (within `since`…`until`,
 * inclusive, epoch seconds): the sum over the creator's videos of each video's newest known
 * plays as of that day's last observation. A video not observed that day counts with its latest
 * earlier value (observations before `since` count too), so the series is a running total of
 * what was tracked, not of what happened to be observed that day. Oldest first.
 */
export function dailyTrackedViews(
  observations: readonly PlaysObservation[],
  range: { since?: number | undefined; until?: number | undefined } = {},
): ViewsPoint[] {
  const since = range.since ?? Number.NEGATIVE_INFINITY
  const until = range.until ?? Number.POSITIVE_INFINITY
  const known = observations
    .filter((o) => o.plays !== null && o.observedAt <= until)
    .sort(
      (a, b) =>
        a.observedAt - b.observedAt || (a.videoId < b.videoId ? -1 : a.videoId > b.videoId ? 1 : 0),
    )
  const latest = new Map<string, number>()
  let total = 0
  const points: ViewsPoint[] = []
  for (const o of known) {
    const plays = o.plays ?? 0
    total += plays - (latest.get(o.videoId) ?? 0)
    latest.set(o.videoId, plays)
    if (o.observedAt < since) continue
    const day = dayOf(o.observedAt)
    const point = { day, observedAt: o.observedAt, trackedViews: total, trackedVideos: latest.size }
    const last = points[points.length - 1]
    if (last !== undefined && last.day === day) points[points.length - 1] = point
    else points.push(point)
  }
  return points
}
