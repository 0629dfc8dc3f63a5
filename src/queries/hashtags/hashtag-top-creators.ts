/** The creators who used a hashtag most (creator_hashtags, materialized at write time). */
import { sql } from 'kysely'
import { sqlNumber } from '../../db/sql-number.js'
import type { QueryContext } from '../query-context.js'
import { type CreatorUsesView, creatorUsesView } from './creator-uses-views.js'

/** How many creators a hashtag page lists. */
export const TOP_CREATORS = 10

/**
 * Creators by how many of their tracked videos carry the tag (desc), then followers (desc, unknown
 * last), then id. Walks creator_hashtags(hashtag, uses desc) from the top, so only the leading
 * groups of equal uses are read, not every creator of #fyp.
 */
export async function hashtagTopCreators(
  ctx: QueryContext,
  tag: string,
): Promise<CreatorUsesView[]> {
  const rows = await ctx.db
    .selectFrom('creator_hashtags')
    .innerJoin('creators', 'creators.id', 'creator_hashtags.creator_id')
    .selectAll('creators')
    .select('creator_hashtags.uses')
    .where('creator_hashtags.hashtag', '=', tag)
    .orderBy('creator_hashtags.uses', 'desc')
    .orderBy(sql`creators.followers is null`)
    .orderBy('creators.followers', 'desc')
    .orderBy('creators.id')
    .limit(TOP_CREATORS)
    .execute()
  return rows.map(({ uses, ...c }) => creatorUsesView(c, sqlNumber(uses), ctx.publicBaseUrl))
}
