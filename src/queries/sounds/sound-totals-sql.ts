/** A sound's reported `user_count` (metrics.md §6) as SQL, for sorting through an index. */
import { sql } from 'kysely'

/**
 * TikTok's figure when observed, else the tracked count (reference: `domain/sound-totals.ts`).
 * It must stay the expression indexed by migration 005, or the planners stop using the index.
 */
export const soundUserCountSql = sql<number>`coalesce(tiktok_user_count, tracked_video_count)`
