/** Orders of a creator's top content: by views, and by engagement rate (metrics.md §3). */

import { videoEngagementRate } from './video-metrics.js'

export interface RankedVideo {
  id: string
  plays: number | null
  likes: number | null
  comments: number | null
  shares: number | null
}

const byId = (a: RankedVideo, b: RankedVideo): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * The `limit` most viewed videos: plays desc, ties by id (ascending, as strings). Videos with
 * unknown plays are not ranked.
 */
export function topByViews<T extends RankedVideo>(videos: readonly T[], limit: number): T[] {
  return videos
    .filter((v) => v.plays !== null)
    .sort((a, b) => (b.plays ?? 0) - (a.plays ?? 0) || byId(a, b))
    .slice(0, Math.max(limit, 0))
}

/**
 * The `limit` videos with the highest engagement rate (`round2(100 × (likes + comments +
 * shares) / plays)`, §3): rate desc, ties by plays desc, then id. Only videos with plays > 0
 * are ranked (a rate over no views means nothing).
 */
export function topByEngagement<T extends RankedVideo>(videos: readonly T[], limit: number): T[] {
  return videos
    .filter((v) => v.plays !== null && v.plays > 0)
    .map((v) => ({ v, rate: videoEngagementRate(v) ?? 0 }))
    .sort((a, b) => b.rate - a.rate || (b.v.plays ?? 0) - (a.v.plays ?? 0) || byId(a.v, b.v))
    .slice(0, Math.max(limit, 0))
    .map((r) => r.v)
}
