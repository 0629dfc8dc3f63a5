/** Selection of the creator sample `S` of metrics.md §2: the videos every creator metric uses. */

import { SAMPLE_SIZE } from './metric-constants.js'

/** The fields of a video the creator metrics read. Counters are null when unknown (§1). */
export interface SampleVideo {
  /** Epoch seconds (UTC). */
  postedAt: number | null
  isPinned: boolean
  plays: number | null
  likes: number | null
  comments: number | null
  shares: number | null
  saves: number | null
}

/**
 * `S` = the creator's most recent 30 videos by `postedAt` (newest first), excluding pinned
 * videos (hand-picked outliers) and videos whose `plays` is unknown.
 *
 * Videos with an unknown `postedAt` are excluded too: they cannot be placed among the "most
 * recent" and would make `span_days` (posts per week) meaningless.
 * Videos posted at the same second keep their input order (the sort is stable), so pass them
 * in a deterministic order (e.g. by id) for a deterministic sample.
 * Returns a new array; `videos` is not modified.
 */
export function selectSample<T extends SampleVideo>(videos: readonly T[]): T[] {
  return videos
    .filter((v) => !v.isPinned && v.plays !== null && v.postedAt !== null)
    .sort((a, b) => (b.postedAt ?? 0) - (a.postedAt ?? 0))
    .slice(0, SAMPLE_SIZE)
}
