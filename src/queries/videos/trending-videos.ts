/** `GET /videos/trending`: the most-played videos posted in a period before now (metrics.md §5). */
import { sql } from 'kysely'
import { numberWithoutIndex } from '../../db/planner-hints.js'
import { sqlNumber } from '../../db/sql-number.js'
import {
  DEFAULT_TRENDING_PERIOD,
  type TrendingPeriod,
  trendingWindowStart,
} from '../../domain/trending.js'
import type { QueryContext } from '../query-context.js'
import { type VideoListItem, videoItems } from './video-items.js'

export interface TrendingVideosQuery {
  period?: TrendingPeriod
  limit: number
}

/**
 * A window of up to this many videos is read through videos(posted_at, plays) without touching
 * the table; a bigger one (≥ 1.4 % of 3.5 M videos) is found faster by walking the plays index
 * from the top, which meets a window video every `all videos / window` rows.
 */
export const READ_WINDOW_UP_TO = 50_000

/** The exact §5 order (unknown plays or likes count as 0, as `compareTrendingVideos` says). */
async function readWindow(ctx: QueryContext, since: number, limit: number, minPlays = 0) {
  return (
    ctx.db
      .selectFrom('videos')
      .select(['videos.id', 'videos.plays'])
      .where('videos.posted_at', '>=', since)
      // Not `plays >= …`: SQLite would then read the plays index instead of the window's range.
      .$if(minPlays > 0, (q) => q.where(sql`coalesce(videos.plays, 0)`, '>=', minPlays))
      .orderBy(sql`coalesce(videos.plays, 0)`, 'desc')
      .orderBy(sql`coalesce(videos.likes, 0)`, 'desc')
      .orderBy('videos.id')
      .limit(limit)
      .execute()
  )
}

/**
 * The window's top `limit` in two passes over the (posted_at, plays) index: the plays of the
 * `limit`-th video, then only the videos with at least those plays are read from the table and
 * ordered by likes and id — the same answer as sorting the whole window.
 */
async function readWindowTop(ctx: QueryContext, since: number, limit: number) {
  const plays = sql<number>`coalesce(videos.plays, 0)`
  const kth = await ctx.db
    .selectFrom('videos')
    .select(plays.as('p'))
    .where('videos.posted_at', '>=', since)
    .orderBy(plays, 'desc')
    .limit(1)
    .offset(limit - 1)
    .executeTakeFirst()
  return readWindow(ctx, since, limit, kth === undefined ? 0 : sqlNumber(kth.p))
}

/**
 * Along migration 004's `(plays is null), plays desc, id` index; `posted_at + 0` keeps SQLite
 * from reading the whole window through the posted_at index instead. This order differs from
 * §5 only where plays are unknown (last here, equal to 0 there), so a page whose last video has
 * positive plays is exactly §5's.
 */
async function walkPlays(ctx: QueryContext, since: number, limit: number) {
  return ctx.db
    .selectFrom('videos')
    .select(['videos.id', 'videos.plays'])
    .where(numberWithoutIndex(sql.ref<number>('videos.posted_at')), '>=', since)
    .orderBy(sql`videos.plays is null`)
    .orderBy('videos.plays', 'desc')
    .orderBy(sql`coalesce(videos.likes, 0)`, 'desc')
    .orderBy('videos.id')
    .limit(limit)
    .execute()
}

/**
 * Videos with `posted_at ≥ now − period` (24h | 7d | 30d, default 7d) by plays desc, likes desc,
 * then id; unknown plays or likes count as 0.
 */
export async function trendingVideos(
  ctx: QueryContext,
  p: TrendingVideosQuery,
  readWindowUpTo = READ_WINDOW_UP_TO,
): Promise<VideoListItem[]> {
  const since = trendingWindowStart(ctx.now(), p.period ?? DEFAULT_TRENDING_PERIOD)
  // How big is the window? Counting stops after readWindowUpTo + 1 index entries.
  const probe = await ctx.db
    .selectFrom((db) =>
      db
        .selectFrom('videos')
        .select('videos.posted_at')
        .where('videos.posted_at', '>=', since)
        .limit(readWindowUpTo + 1)
        .as('w'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  let rows: { id: string; plays: number | null }[]
  if (sqlNumber(probe.n) > readWindowUpTo) {
    rows = await walkPlays(ctx, since, p.limit)
    const last = rows.at(-1)
    if (last === undefined || !((last.plays ?? 0) > 0)) rows = await readWindow(ctx, since, p.limit)
  } else {
    rows = await readWindowTop(ctx, since, p.limit)
  }
  return videoItems(
    ctx,
    rows.map((r) => r.id),
  )
}
