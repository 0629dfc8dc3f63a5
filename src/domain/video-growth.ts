/** Growth of a video's counters between its first and last snapshot: absolute, percent, per day. */

import { growthBetween } from './growth.js'
import { SECONDS_PER_DAY } from './metric-constants.js'
import { round2 } from './rounding.js'

/** The counters a video snapshot carries (null: not sent in that observation). */
export const VIDEO_COUNTERS = ['plays', 'likes', 'comments', 'shares', 'saves', 'reposts'] as const

export type VideoCounter = (typeof VIDEO_COUNTERS)[number]

export type VideoCounters = Record<VideoCounter, number | null>

export interface CounterGrowth {
  /** `last − first`; null when either snapshot lacks the counter. */
  absolute: number | null
  /** `round2(100 × absolute / first)`; null when unknown or first is 0. */
  percent: number | null
  /** `round2(absolute × 86400 / (last − first observed_at in seconds))`. */
  per_day: number | null
}

export interface VideoGrowth {
  /** Seconds between the two snapshots (> 0). */
  spanSeconds: number
  /** `round2(spanSeconds / 86400)`. */
  days: number
  counters: Record<VideoCounter, CounterGrowth>
}

/**
 * `round2(change × 86400 / spanSeconds)`: the average change per day over the span.
 * Throws when the span is not positive (two observations of one video never share a second).
 */
export function perDay(change: number, spanSeconds: number): number {
  if (!(spanSeconds > 0)) throw new RangeError(`span must be positive: ${spanSeconds}`)
  return round2((change * SECONDS_PER_DAY) / spanSeconds)
}

/**
 * Growth of every counter from `first` to `last` (epoch-second `observedAt`s). Null when the
 * span is not positive: with a single snapshot there is nothing to grow from.
 */
export function videoGrowth(
  first: VideoCounters & { observedAt: number },
  last: VideoCounters & { observedAt: number },
): VideoGrowth | null {
  const spanSeconds = last.observedAt - first.observedAt
  if (spanSeconds <= 0) return null
  const counters = {} as Record<VideoCounter, CounterGrowth>
  for (const key of VIDEO_COUNTERS) {
    const from = first[key]
    const to = last[key]
    if (from === null || to === null) {
      counters[key] = { absolute: null, percent: null, per_day: null }
      continue
    }
    const g = growthBetween(
      { observedAt: first.observedAt, value: from },
      { observedAt: last.observedAt, value: to },
    )
    counters[key] = {
      absolute: g.change,
      percent: g.changePercent,
      per_day: perDay(g.change, spanSeconds),
    }
  }
  return { spanSeconds, days: round2(spanSeconds / SECONDS_PER_DAY), counters }
}
