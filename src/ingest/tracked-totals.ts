/**
 * Keeps the tracked totals of hashtags and sounds (metrics.md §6: tracked videos and their summed
 * plays) by delta, so a batch never re-aggregates every video of a popular tag.
 */

/** What one video adds to the totals of its hashtags and sound. Unknown plays count as 0. */
export interface VideoContribution {
  plays: number | null
  hashtags: readonly string[]
  musicId: string | null
}

export interface TotalsDelta {
  videos: number
  views: number
}

export type DeltaMap = Map<string, TotalsDelta>

function add(map: DeltaMap, key: string, videos: number, views: number): void {
  const d = map.get(key)
  if (d) {
    d.videos += videos
    d.views += views
  } else map.set(key, { videos, views })
}

/** Adds to `hashtags` and `sounds` the change from a video's old contribution to its new one. */
export function accumulateDelta(
  before: VideoContribution | undefined,
  after: VideoContribution,
  hashtags: DeltaMap,
  sounds: DeltaMap,
): void {
  const oldPlays = before?.plays ?? 0
  const newPlays = after.plays ?? 0
  const oldTags = new Set(before?.hashtags ?? [])
  for (const tag of after.hashtags) {
    if (oldTags.has(tag)) add(hashtags, tag, 0, newPlays - oldPlays)
    else add(hashtags, tag, 1, newPlays)
  }
  const oldMusic = before?.musicId ?? null
  if (oldMusic === after.musicId) {
    if (after.musicId !== null) add(sounds, after.musicId, 0, newPlays - oldPlays)
  } else {
    if (oldMusic !== null) add(sounds, oldMusic, -1, -oldPlays)
    if (after.musicId !== null) add(sounds, after.musicId, 1, newPlays)
  }
}
