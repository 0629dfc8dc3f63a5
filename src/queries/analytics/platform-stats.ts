/** `GET /analytics/platform-stats`: what Toklytics tracks, from index scans, cached for a minute. */
import { SECONDS_PER_DAY } from '../../domain/metric-constants.js'
import { isoTime } from '../iso-time.js'
import { type QueryCache, queryCache } from '../query-cache.js'
import type { QueryContext } from '../query-context.js'

/** How long a computed result is served before it is recomputed. */
export const PLATFORM_STATS_TTL_SECONDS = 60

export interface PlatformStats {
  total_creators: number
  total_videos: number
  /** Σ plays of the tracked videos (unknown plays count as 0). */
  total_views: number
  total_hashtags: number
  total_sounds: number
  total_captures: number
  /** Distinct contributors (tokens) whose captures are stored. */
  contributors: number
  /** Newest `observed_at` of a stored capture; null when there is none. */
  newest_observation_at: string | null
  /** Tracked videos with posted_at ≥ now − 24 h / now − 7 d. */
  videos_posted_last_24h: number
  videos_posted_last_7d: number
  /** Rows that belong to the generated demo data set (`toklytics demo remove` deletes them). */
  demo: { creators: number; videos: number; hashtags: number; sounds: number; captures: number }
  computed_at: string
  cache_ttl_seconds: number
}

/** PostgreSQL returns count(*) as bigint (parsed to number) and sum(bigint) as a numeric string. */
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v))

type Table = 'creators' | 'videos' | 'hashtags' | 'sounds' | 'captures'

/**
 * Rows of a table and how many of them are demo rows: a plain count(*) (SQLite counts a b-tree
 * without reading its entries) and a range count over the is_demo index.
 */
async function countRows(ctx: QueryContext, table: Table): Promise<{ all: number; demo: number }> {
  const all = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  const demo = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .where('is_demo', '=', 1)
    .executeTakeFirstOrThrow()
  return { all: num(all.n), demo: num(demo.n) }
}

/**
 * Every figure from index scans (counts over the is_demo indexes, Σ plays over videos(plays),
 * distinct contributors over captures(contributor), windows over videos(posted_at, …)). At
 * 3.5 M videos the two scans of videos take about a hundred milliseconds, which is why the
 * result is cached. Separate statements, run one after the other, so that on SQLite other
 * requests are served between them rather than after one long statement.
 */
export async function computePlatformStats(ctx: QueryContext): Promise<PlatformStats> {
  const now = ctx.now()
  const { db } = ctx
  const creators = await countRows(ctx, 'creators')
  const videos = await countRows(ctx, 'videos')
  const views = await db
    .selectFrom('videos')
    .select((eb) => eb.fn.sum('plays').as('n'))
    .executeTakeFirstOrThrow()
  const hashtags = await countRows(ctx, 'hashtags')
  const sounds = await countRows(ctx, 'sounds')
  const captures = await countRows(ctx, 'captures')
  const contributors = await db
    .selectFrom('captures')
    .select((eb) => eb.fn.count('contributor').distinct().as('n'))
    .executeTakeFirstOrThrow()
  const newest = await db
    .selectFrom('captures')
    .select((eb) => eb.fn.max('observed_at').as('n'))
    .executeTakeFirstOrThrow()
  const postedSince = async (since: number) =>
    num(
      (
        await db
          .selectFrom('videos')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('posted_at', '>=', since)
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    total_creators: creators.all,
    total_videos: videos.all,
    total_views: num(views.n),
    total_hashtags: hashtags.all,
    total_sounds: sounds.all,
    total_captures: captures.all,
    contributors: num(contributors.n),
    newest_observation_at: newest.n === null ? null : isoTime(num(newest.n)),
    videos_posted_last_24h: await postedSince(now - SECONDS_PER_DAY),
    videos_posted_last_7d: await postedSince(now - 7 * SECONDS_PER_DAY),
    demo: {
      creators: creators.demo,
      videos: videos.demo,
      hashtags: hashtags.demo,
      sounds: sounds.demo,
      captures: captures.demo,
    },
    computed_at: isoTime(now),
    cache_ttl_seconds: PLATFORM_STATS_TTL_SECONDS,
  }
}

export type PlatformStatsCache = QueryCache<PlatformStats>

export function platformStatsCache(): PlatformStatsCache {
  return queryCache({ ttlSeconds: PLATFORM_STATS_TTL_SECONDS, max: 1 })
}

/** Platform totals (see `PlatformStats`), at most `cache_ttl_seconds` old (`computed_at` says when). */
export async function getPlatformStats(
  ctx: QueryContext,
  cache: PlatformStatsCache,
): Promise<PlatformStats> {
  return cache.get(ctx, 'platform-stats', () => computePlatformStats(ctx))
}
