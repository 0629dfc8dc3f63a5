/** The most-played tracked videos using a sound, read in index order (music_id, plays desc). */
import type { QueryContext } from '../query-context.js'

/** How many videos a sound page lists. */
export const TOP_VIDEOS = 10

/**
 * Ids of the sound's TOP_VIDEOS most-played tracked videos: plays desc, then id; videos whose plays
 * are unknown come last (by id). Two index-ordered reads instead of one `is null` sort, so that
 * #1 sounds with 100,000 videos read ten index entries.
 */
export async function soundTopVideoIds(ctx: QueryContext, musicId: string): Promise<string[]> {
  const known = await ctx.db
    .selectFrom('videos')
    .select('id')
    .where('music_id', '=', musicId)
    .where('plays', 'is not', null)
    .orderBy('plays', 'desc')
    .orderBy('id')
    .limit(TOP_VIDEOS)
    .execute()
  if (known.length === TOP_VIDEOS) return known.map((r) => r.id)
  const unknown = await ctx.db
    .selectFrom('videos')
    .select('id')
    .where('music_id', '=', musicId)
    .where('plays', 'is', null)
    .orderBy('id')
    .limit(TOP_VIDEOS - known.length)
    .execute()
  return [...known, ...unknown].map((r) => r.id)
}
