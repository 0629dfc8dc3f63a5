/**
 * Tracked videos posted within a period that carry each hashtag or sound (metrics.md §8), from a
 * region when asked: one range of videos(posted_at) joined to their tags — a period's videos,
 * not a tag's whole history (#fyp is on most of them).
 */

import { sqlNumber } from '../../db/sql-number.js'
import type { PeriodWindow } from '../../domain/rising.js'
import type { QueryContext } from '../query-context.js'

export interface UsageFilter {
  /** Only videos TikTok placed in this region (ISO 3166-1 alpha-2, upper case). */
  region?: string | undefined
  /** Only these hashtags or sounds (when the list is already known). */
  keys?: readonly string[] | undefined
}

/** Hashtag → number of tracked videos posted in `window` that carry it. */
export async function hashtagUsage(
  ctx: QueryContext,
  window: PeriodWindow,
  filter: UsageFilter,
): Promise<Map<string, number>> {
  if (filter.keys !== undefined && filter.keys.length === 0) return new Map()
  let q = ctx.db
    .selectFrom('videos as v')
    .innerJoin('video_hashtags as vh', 'vh.video_id', 'v.id')
    .select((eb) => ['vh.hashtag as key', eb.fn.countAll<number | string>().as('n')])
    .where('v.posted_at', '>', window.from)
    .where('v.posted_at', '<=', window.to)
    .groupBy('vh.hashtag')
  if (filter.region !== undefined) q = q.where('v.region', '=', filter.region)
  if (filter.keys !== undefined) q = q.where('vh.hashtag', 'in', [...filter.keys])
  const rows = await q.execute()
  return new Map(rows.map((r) => [r.key, sqlNumber(r.n)]))
}

/** Sound id → number of tracked videos posted in `window` that use it. */
export async function soundUsage(
  ctx: QueryContext,
  window: PeriodWindow,
  filter: UsageFilter,
): Promise<Map<string, number>> {
  if (filter.keys !== undefined && filter.keys.length === 0) return new Map()
  let q = ctx.db
    .selectFrom('videos as v')
    .select((eb) => ['v.music_id as key', eb.fn.countAll<number | string>().as('n')])
    .where('v.posted_at', '>', window.from)
    .where('v.posted_at', '<=', window.to)
    .where('v.music_id', 'is not', null)
    .groupBy('v.music_id')
  if (filter.region !== undefined) q = q.where('v.region', '=', filter.region)
  if (filter.keys !== undefined) q = q.where('v.music_id', 'in', [...filter.keys])
  const rows = await q.execute()
  const out = new Map<string, number>()
  for (const r of rows) if (r.key !== null) out.set(r.key, sqlNumber(r.n))
  return out
}
