/** The creators a rank table or rising list may show: by region and by niche membership (§4). */
import type { QueryContext } from '../query-context.js'

export interface CreatorFilter {
  /** creators.region, upper case. */
  region?: string | undefined
  /** A taxonomy niche: its members (creator_niches). */
  niche?: string | undefined
}

/** Ids of the creators that pass `filter` (one index range of creators or creator_niches). */
export async function creatorsWhere(
  ctx: QueryContext,
  filter: CreatorFilter,
): Promise<Set<string>> {
  let q = ctx.db.selectFrom('creators').select('creators.id')
  if (filter.region !== undefined) q = q.where('creators.region', '=', filter.region)
  if (filter.niche !== undefined) {
    q = q
      .innerJoin('creator_niches', 'creator_niches.creator_id', 'creators.id')
      .where('creator_niches.niche', '=', filter.niche)
  }
  return new Set((await q.execute()).map((r) => r.id))
}
