/** A hashtag's reported totals (metrics.md §6) as SQL, for sorting through expression indexes. */
import { type RawBuilder, sql } from 'kysely'

/*
 * Mirrors the reference `domain/hashtag-totals.ts`: TikTok's figures only when BOTH were observed,
 * else both tracked ones. The expressions must stay those indexed by migration 005 (unqualified
 * columns, same operators; whitespace does not matter), or the planners stop using the indexes;
 * a test checks the plans.
 */

/** `video_count` of a hashtag (never null: tracked_video_count is NOT NULL). */
export const hashtagVideoCount: RawBuilder<number> = sql<number>`(case
  when tiktok_video_count is not null and tiktok_view_count is not null then tiktok_video_count
  else tracked_video_count end)`

/** `view_count` of a hashtag (never null: tracked_views is NOT NULL). */
export const hashtagViewCount: RawBuilder<number> = sql<number>`(case
  when tiktok_video_count is not null and tiktok_view_count is not null then tiktok_view_count
  else tracked_views end)`
