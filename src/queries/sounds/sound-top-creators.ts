/** The creators behind a sound's most-played videos, each once, with how often they used it. */

import { sqlNumber } from '../../db/sql-number.js'
import { type CreatorUsesView, creatorUsesViews } from '../hashtags/creator-uses-views.js'
import type { QueryContext } from '../query-context.js'

/** How many creators a sound page lists. */
export const TOP_CREATORS = 10

/** First read of the sound's videos by plays; each further read is FETCH_GROWTH times longer. */
const FIRST_FETCH = 40
const FETCH_GROWTH = 4

/**
 * Creators of the sound's tracked videos, ranked by their most-played video using it (plays
 * desc, then that video's id), each listed once, with `uses` = how many of their tracked videos
 * use it. Why not "most uses" as for hashtags: a sound is used once by almost every creator, so
 * that order would say little, and without a per-creator sound table it would read every video
 * of a popular sound. This one walks videos(music_id, plays desc, id, creator_id) from the top
 * until enough distinct creators are found. Videos with unknown plays do not rank a creator.
 */
export async function soundTopCreators(
  ctx: QueryContext,
  musicId: string,
): Promise<CreatorUsesView[]> {
  const creators: string[] = []
  for (let fetch = FIRST_FETCH; ; fetch *= FETCH_GROWTH) {
    const rows = await ctx.db
      .selectFrom('videos')
      .select('creator_id')
      .where('music_id', '=', musicId)
      .where('plays', 'is not', null)
      .orderBy('plays', 'desc')
      .orderBy('id')
      .limit(fetch)
      .execute()
    creators.length = 0
    for (const r of rows) {
      if (r.creator_id !== null && !creators.includes(r.creator_id)) creators.push(r.creator_id)
      if (creators.length === TOP_CREATORS) break
    }
    if (creators.length === TOP_CREATORS || rows.length < fetch) break
  }
  if (creators.length === 0) return []
  const uses = await ctx.db
    .selectFrom('videos')
    .select((eb) => ['creator_id', eb.fn.countAll<number>().as('uses')])
    .where('music_id', '=', musicId)
    .where('creator_id', 'in', creators)
    .groupBy('creator_id')
    .execute()
  const usesBy = new Map(uses.map((u) => [u.creator_id, sqlNumber(u.uses)]))
  return creatorUsesViews(
    ctx,
    creators.map((id) => ({ creatorId: id, uses: usesBy.get(id) ?? 0 })),
  )
}
