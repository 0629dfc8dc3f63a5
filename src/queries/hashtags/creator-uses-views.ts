/** Top creators of a hashtag or sound page: the API's `Creator` plus how often they used it. */
import { type CreatorRecord, type CreatorView, creatorView } from '../creator-view.js'
import type { QueryContext } from '../query-context.js'

export type CreatorUsesView = CreatorView & {
  /** How many of the creator's tracked videos carry the hashtag / use the sound. */
  uses: number
}

/** The `Creator` object of `c` with its `uses` of the hashtag or sound. */
export function creatorUsesView(
  c: CreatorRecord,
  uses: number,
  publicBaseUrl: string,
): CreatorUsesView {
  return { ...creatorView(c, publicBaseUrl), uses }
}

/** The `Creator` objects of `list` (id and uses), in that order; unknown ids are skipped. */
export async function creatorUsesViews(
  ctx: QueryContext,
  list: readonly { creatorId: string; uses: number }[],
): Promise<CreatorUsesView[]> {
  if (list.length === 0) return []
  const rows = await ctx.db
    .selectFrom('creators')
    .selectAll()
    .where(
      'id',
      'in',
      list.map((u) => u.creatorId),
    )
    .execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  return list.flatMap((u) => {
    const c = byId.get(u.creatorId)
    return c ? [creatorUsesView(c, u.uses, ctx.publicBaseUrl)] : []
  })
}
