/** Which totals a hashtag or sound reports (metrics.md §6): TikTok's own, else the tracked ones. */

/** A hashtag's reported totals and where they come from. */
export interface HashtagTotals {
  videoCount: number
  viewCount: number
  source: 'tiktok' | 'tracked'
}

/**
 * `video_count` / `view_count` of a hashtag: TikTok's challenge-detail figures when observed,
 * else the tracked videos' count and summed plays.
 *
 * "Observed" means both TikTok figures are non-null. They are used as they are, even 0 (TikTok's
 * challenge `videoCount` is sometimes 0): the response also carries the tracked numbers, so
 * the client can tell. When only one of the two is known the pair is not mixed with tracked
 * numbers; both come from the tracked videos, so `source` always describes both figures.
 */
export function hashtagTotals(
  tiktok: { videoCount: number | null; viewCount: number | null },
  tracked: { videoCount: number; views: number },
): HashtagTotals {
  if (tiktok.videoCount !== null && tiktok.viewCount !== null) {
    return { videoCount: tiktok.videoCount, viewCount: tiktok.viewCount, source: 'tiktok' }
  }
  return { videoCount: tracked.videoCount, viewCount: tracked.views, source: 'tracked' }
}

/**
 * A sound's `user_count` (videos using it): TikTok's music-payload figure when observed
 * (non-null, even 0), else the number of tracked videos using the sound.
 */
export function soundUserCount(tiktokUserCount: number | null, trackedVideoCount: number): number {
  return tiktokUserCount ?? trackedVideoCount
}
