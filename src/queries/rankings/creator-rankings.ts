/**
 * `GET /rankings/creators`: the top creators by followers, follower growth or engagement rate,
 * overall or within a niche or region, with their rank change against the previous period
 * (metrics.md §8).
 */
import { type RankChange, rankByScore, rankChange, type Scored } from '../../domain/rank-change.js'
import {
  type PeriodWindow,
  periodWindows,
  type RisingPeriod,
  type Velocity,
  velocityBetween,
} from '../../domain/rising.js'
import { round2 } from '../../domain/rounding.js'
import { creatorView } from '../creator-view.js'
import type { QueryContext } from '../query-context.js'
import { creatorsWhere } from './creator-filter.js'
import { lastInPeriod, periodEnds } from './period-ends.js'
import { velocityView, windowView } from './rising-ranking.js'

export type RankBy = 'followers' | 'growth' | 'engagement'

export interface CreatorRankingQuery {
  by: RankBy
  period: RisingPeriod
  niche?: string | undefined
  region?: string | undefined
  limit: number
}

interface Entry extends RankChange {
  key: string
  rank: number
  score: number
  velocity: Velocity | null
}

/** Engagement rates have no history: their previous rank is unknown, and no one is new. */
const UNKNOWN_CHANGE: RankChange = { previous_rank: null, rank_change: null, new: false }

/** A period's follower velocities (per day, rounded as shown), of the creators `allowed` lets in. */
async function growthIn(
  ctx: QueryContext,
  window: PeriodWindow,
  allowed: ReadonlySet<string> | null,
) {
  const scored: Scored<string>[] = []
  const velocities = new Map<string, Velocity>()
  for (const [key, ends] of await periodEnds(ctx, 'creator', window)) {
    if (allowed !== null && !allowed.has(key)) continue
    const v = velocityBetween(ends.start, ends.end)
    if (v === null) continue
    scored.push({ key, score: round2(v.perDay) })
    velocities.set(key, v)
  }
  return { scored, velocities }
}

/** The top of a published creator column (an index walk of creators by it), ranked. */
async function topBy(
  ctx: QueryContext,
  column: 'followers' | 'engagement_rate',
  filter: { niche?: string | undefined; region?: string | undefined },
  limit: number,
): Promise<Scored<string>[]> {
  let q = ctx.db
    .selectFrom('creators')
    .select(['creators.id', `creators.${column} as value`])
    .where(`creators.${column}`, 'is not', null)
    .orderBy(`creators.${column}`, 'desc')
    .orderBy('creators.id')
    .limit(limit)
  if (filter.region !== undefined) q = q.where('creators.region', '=', filter.region)
  if (filter.niche !== undefined) {
    q = q
      .innerJoin('creator_niches', 'creator_niches.creator_id', 'creators.id')
      .where('creator_niches.niche', '=', filter.niche)
  }
  return (await q.execute()).map((r) => ({ key: r.id, score: Number(r.value) }))
}

async function entriesFor(
  ctx: QueryContext,
  p: CreatorRankingQuery,
  windows: { current: PeriodWindow; previous: PeriodWindow },
  region: string | undefined,
): Promise<Entry[]> {
  const filtered = region !== undefined || p.niche !== undefined
  const allowed = filtered ? await creatorsWhere(ctx, { region, niche: p.niche }) : null
  if (p.by === 'growth') {
    const [current, previous] = await Promise.all([
      growthIn(ctx, windows.current, allowed),
      growthIn(ctx, windows.previous, allowed),
    ])
    const before = new Map(rankByScore(previous.scored).map((r) => [r.key, r.rank]))
    return rankByScore(current.scored)
      .slice(0, p.limit)
      .map((r) => ({
        ...r,
        ...rankChange(r.rank, before.get(r.key) ?? null),
        velocity: current.velocities.get(r.key) ?? null,
      }))
  }
  const column = p.by === 'followers' ? 'followers' : 'engagement_rate'
  const top = rankByScore(await topBy(ctx, column, { region, niche: p.niche }, p.limit))
  if (p.by === 'engagement') return top.map((r) => ({ ...r, ...UNKNOWN_CHANGE, velocity: null }))
  // Followers at the end of the previous period: each creator's last count observed in it.
  const previous: Scored<string>[] = []
  for (const [key, score] of await lastInPeriod(ctx, 'creator', windows.previous)) {
    if (allowed === null || allowed.has(key)) previous.push({ key, score })
  }
  const before = new Map(rankByScore(previous).map((r) => [r.key, r.rank]))
  return top.map((r) => ({
    ...r,
    ...rankChange(r.rank, before.get(r.key) ?? null),
    velocity: null,
  }))
}

export async function creatorRankings(ctx: QueryContext, p: CreatorRankingQuery) {
  const region = p.region?.toUpperCase()
  const windows = periodWindows(ctx.now(), p.period)
  const entries = await entriesFor(ctx, p, windows, region)
  const ids = entries.map((e) => e.key)
  const rows =
    ids.length === 0
      ? []
      : await ctx.db.selectFrom('creators').selectAll().where('id', 'in', ids).execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  return {
    by: p.by,
    period: p.period,
    niche: p.niche ?? null,
    region: region ?? null,
    window: windowView(windows.current),
    previous_window: windowView(windows.previous),
    items: entries.flatMap((e) => {
      const row = byId.get(e.key)
      if (row === undefined) return []
      return [
        {
          ...creatorView(row, ctx.publicBaseUrl),
          rank: e.rank,
          previous_rank: e.previous_rank,
          rank_change: e.rank_change,
          new: e.new,
          value: e.score,
          velocity: e.velocity === null ? null : velocityView(e.velocity),
        },
      ]
    }),
  }
}

export type CreatorRankingList = Awaited<ReturnType<typeof creatorRankings>>
