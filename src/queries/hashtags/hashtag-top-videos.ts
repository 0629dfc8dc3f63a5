/** The most-played tracked videos carrying a hashtag, without reading every video of #fyp. */
import { sql } from 'kysely'
import type { QueryContext } from '../query-context.js'

/** How many videos a hashtag page lists. */
export const TOP_VIDEOS = 10

/** When to read all of a tag's videos and when to walk the plays index (tests use small values). */
export interface TopVideosStrategy {
  /**
   * Up to this many tracked videos, a tag's videos are all read through video_hashtags and
   * sorted: cheaper than walking the plays index for a tag few videos carry.
   */
  readAllMax: number
  /** How far down the plays index (most-played first) a popular tag's videos are looked for. */
  playsWalk: number
}

export const TOP_VIDEOS_STRATEGY: TopVideosStrategy = { readAllMax: 10_000, playsWalk: 10_000 }

/**
 * All the tag's videos, sorted: plays desc (unknown last: plays are ≥ 0, so unknown as −1), then
 * id. Cost: the tag's videos. The order is deliberately an expression no index provides: with
 * `plays is null, plays desc, id` PostgreSQL walks the videos' sort index hoping to meet the tag
 * early, and reads millions of rows for a tag of small creators.
 */
async function byTag(ctx: QueryContext, tag: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('video_hashtags')
    .innerJoin('videos', 'videos.id', 'video_hashtags.video_id')
    .select('videos.id')
    .where('video_hashtags.hashtag', '=', tag)
    .orderBy(sql`coalesce(videos.plays, -1)`, 'desc')
    .orderBy('videos.id')
    .limit(TOP_VIDEOS)
    .execute()
  return rows.map((r) => r.id)
}

/**
 * The tag's videos among the `playsWalk` most-played videos (plays ≥ the `playsWalk`-th figure),
 * each checked against video_hashtags' primary key. When that finds TOP_VIDEOS, they are the top
 * (every other video of the tag has fewer plays); otherwise undefined.
 */
async function byPlays(
  ctx: QueryContext,
  tag: string,
  playsWalk: number,
): Promise<string[] | undefined> {
  const floor = await ctx.db
    .selectFrom('videos')
    .select('plays')
    .where('plays', 'is not', null)
    .orderBy('plays', 'desc')
    .limit(1)
    .offset(playsWalk - 1)
    .executeTakeFirst()
  if (floor?.plays == null) return undefined
  const rows = await ctx.db
    .selectFrom('videos')
    .select('videos.id')
    .where('videos.plays', '>=', floor.plays)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('video_hashtags')
          .select('video_hashtags.video_id')
          .whereRef('video_hashtags.video_id', '=', 'videos.id')
          .where('video_hashtags.hashtag', '=', tag),
      ),
    )
    .orderBy('videos.plays', 'desc')
    .orderBy('videos.id')
    .limit(TOP_VIDEOS)
    .execute()
  return rows.length === TOP_VIDEOS ? rows.map((r) => r.id) : undefined
}

/**
 * Ids of the tag's TOP_VIDEOS most-played tracked videos: plays desc (unknown last), then id.
 * `trackedVideos` (the tag's materialized count) picks the cheaper way; both give the same list.
 */
export async function hashtagTopVideoIds(
  ctx: QueryContext,
  tag: string,
  trackedVideos: number,
  strategy: TopVideosStrategy = TOP_VIDEOS_STRATEGY,
): Promise<string[]> {
  if (trackedVideos <= strategy.readAllMax) return byTag(ctx, tag)
  return (await byPlays(ctx, tag, strategy.playsWalk)) ?? byTag(ctx, tag)
}
