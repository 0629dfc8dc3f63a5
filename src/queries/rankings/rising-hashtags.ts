/** `GET /hashtags/rising`: hashtags by the growth of TikTok's video count (metrics.md §8). */
import { RISING_PERIOD_DAYS } from '../../domain/metric-constants.js'
import { round2 } from '../../domain/rounding.js'
import { hashtagView } from '../hashtags/hashtag-view.js'
import type { QueryContext } from '../query-context.js'
import { listFrame, type RisingQuery, rankingFields, risingEntries } from './rising-ranking.js'
import { hashtagUsage } from './tracked-usage.js'

/**
 * Ranked by the rising score of TikTok's video count within the period; with a region, only
 * hashtags that tracked videos from that region posted in the same period carry, and the tracked
 * usage counts those videos alone (TikTok's totals are worldwide).
 */
export async function risingHashtags(ctx: QueryContext, p: RisingQuery) {
  const region = p.region?.toUpperCase()
  const { windows, entries } = await risingEntries(ctx, 'hashtag', p, async (w) =>
    region === undefined ? null : new Set((await hashtagUsage(ctx, w, { region })).keys()),
  )
  const names = entries.map((e) => e.key)
  const [rows, usage] = await Promise.all([
    names.length === 0
      ? []
      : ctx.db.selectFrom('hashtags').selectAll().where('name', 'in', names).execute(),
    hashtagUsage(ctx, windows.current, { region, keys: names }),
  ])
  const byName = new Map(rows.map((r) => [r.name, r]))
  const days = RISING_PERIOD_DAYS[p.period]
  return {
    ...listFrame(p, windows),
    items: entries.flatMap((e) => {
      const row = byName.get(e.key)
      if (row === undefined) return []
      const tracked = usage.get(e.key) ?? 0
      return [
        {
          ...hashtagView(row),
          ...rankingFields(e),
          tracked_videos_in_period: tracked,
          tracked_videos_per_day: round2(tracked / days),
        },
      ]
    }),
  }
}

export type RisingHashtagList = Awaited<ReturnType<typeof risingHashtags>>
