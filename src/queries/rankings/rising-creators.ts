/** `GET /creators/rising`: creators by the growth of their followers (metrics.md §8). */
import { creatorView } from '../creator-view.js'
import type { QueryContext } from '../query-context.js'
import { creatorsWhere } from './creator-filter.js'
import { listFrame, type RisingQuery, rankingFields, risingEntries } from './rising-ranking.js'

/** With a region, only creators whose account TikTok places in it (creators.region). */
export async function risingCreators(ctx: QueryContext, p: RisingQuery) {
  const region = p.region?.toUpperCase()
  const eligible = region === undefined ? null : await creatorsWhere(ctx, { region })
  const { windows, entries } = await risingEntries(ctx, 'creator', p, async () => eligible)
  const ids = entries.map((e) => e.key)
  const rows =
    ids.length === 0
      ? []
      : await ctx.db.selectFrom('creators').selectAll().where('id', 'in', ids).execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  return {
    ...listFrame(p, windows),
    items: entries.flatMap((e) => {
      const row = byId.get(e.key)
      return row === undefined
        ? []
        : [{ ...creatorView(row, ctx.publicBaseUrl), ...rankingFields(e) }]
    }),
  }
}

export type RisingCreatorList = Awaited<ReturnType<typeof risingCreators>>
