/** `GET /sounds/rising`: sounds by the growth of TikTok's count of videos using them (§8). */
import { RISING_PERIOD_DAYS } from '../../domain/metric-constants.js'
import { round2 } from '../../domain/rounding.js'
import type { QueryContext } from '../query-context.js'
import { soundView } from '../sounds/sound-view.js'
import { listFrame, type RisingQuery, rankingFields, risingEntries } from './rising-ranking.js'
import { soundUsage } from './tracked-usage.js'

/** As the rising hashtags, over sound_snapshots.user_count and the videos using each sound. */
export async function risingSounds(ctx: QueryContext, p: RisingQuery) {
  const region = p.region?.toUpperCase()
  const { windows, entries } = await risingEntries(ctx, 'sound', p, async (w) =>
    region === undefined ? null : new Set((await soundUsage(ctx, w, { region })).keys()),
  )
  const ids = entries.map((e) => e.key)
  const [rows, usage] = await Promise.all([
    ids.length === 0
      ? []
      : ctx.db.selectFrom('sounds').selectAll().where('id', 'in', ids).execute(),
    soundUsage(ctx, windows.current, { region, keys: ids }),
  ])
  const byId = new Map(rows.map((r) => [r.id, r]))
  const days = RISING_PERIOD_DAYS[p.period]
  return {
    ...listFrame(p, windows),
    items: entries.flatMap((e) => {
      const row = byId.get(e.key)
      if (row === undefined) return []
      const tracked = usage.get(e.key) ?? 0
      return [
        {
          ...soundView(row),
          ...rankingFields(e),
          tracked_videos_in_period: tracked,
          tracked_videos_per_day: round2(tracked / days),
        },
      ]
    }),
  }
}

export type RisingSoundList = Awaited<ReturnType<typeof risingSounds>>
