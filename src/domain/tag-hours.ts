/**
 * Hour buckets of the trending window (metrics.md §5): a tag's videos of the last 7 days are the
 * whole hours inside the window, read from buckets kept at write time, plus the window's first,
 * partial hour, read from the videos themselves — exact to the second, never a scan of the week.
 */

/** Seconds in one bucket. */
export const HOUR_SECONDS = 3_600

/** The bucket of a `posted_at` (epoch seconds): floor(postedAt / 3600), also below zero. */
export function hourOf(postedAt: number): number {
  return Math.floor(postedAt / HOUR_SECONDS)
}

/** How a window starting at `windowStart` (inclusive, open-ended) splits into edge and buckets. */
export interface WindowSplit {
  /** Videos with windowStart ≤ posted_at < edgeEnd are counted from the videos table. */
  edgeEnd: number
  /** Buckets with hour ≥ firstHour are summed. */
  firstHour: number
}

/** The first whole hour at or after `windowStart`, and where the partial edge before it ends. */
export function splitWindow(windowStart: number): WindowSplit {
  const firstHour = Math.ceil(windowStart / HOUR_SECONDS)
  return { firstHour, edgeEnd: firstHour * HOUR_SECONDS }
}
