/**
 * The first and last observation of a counter within a period, for every entity observed in it
 * (metrics.md §8): one range of the snapshot table's (observed_at, key, value) index, grouped,
 * then the two boundary rows per entity — never an entity's whole history.
 */
import { sql } from 'kysely'
import { sqlNumber } from '../../db/sql-number.js'
import type { CounterObservation } from '../../domain/growth.js'
import type { PeriodWindow } from '../../domain/rising.js'
import type { QueryContext } from '../query-context.js'

/** Which counter of which snapshot table. */
export const COUNTER_SOURCES = {
  creator: { table: 'creator_snapshots', key: 'creator_id', value: 'followers' },
  hashtag: { table: 'hashtag_snapshots', key: 'hashtag', value: 'video_count' },
  sound: { table: 'sound_snapshots', key: 'sound_id', value: 'user_count' },
} as const

export type CounterSource = keyof typeof COUNTER_SOURCES

export interface PeriodEnds {
  start: CounterObservation
  end: CounterObservation
}

interface EndRow {
  key: string
  observed_at: number | string
  value: number | string
}

/** Entities with at least two known values in `window`, with the first and the last of them. */
export async function periodEnds(
  ctx: QueryContext,
  source: CounterSource,
  window: PeriodWindow,
): Promise<Map<string, PeriodEnds>> {
  const { table, key, value } = COUNTER_SOURCES[source]
  const t = sql.table(table)
  const k = sql.ref(`s.${key}`)
  const v = sql.ref(`s.${value}`)
  const { rows } = await sql<EndRow>`
    with b as (
      select ${k} as key, min(s.observed_at) as lo, max(s.observed_at) as hi
      from ${t} s
      where s.observed_at > ${window.from} and s.observed_at <= ${window.to} and ${v} is not null
      group by ${k}
      having min(s.observed_at) < max(s.observed_at)
    )
    select b.key as key, s.observed_at as observed_at, ${v} as value
    from b join ${t} s on ${k} = b.key and (s.observed_at = b.lo or s.observed_at = b.hi)`.execute(
    ctx.db,
  )
  const out = new Map<string, PeriodEnds>()
  for (const r of rows) {
    const o = { observedAt: sqlNumber(r.observed_at), value: sqlNumber(r.value) }
    const have = out.get(r.key)
    if (have === undefined) out.set(r.key, { start: o, end: o })
    else if (o.observedAt < have.start.observedAt) have.start = o
    else have.end = o
  }
  return out
}

/** Every entity observed in `window` with a known value, and its last value there. */
export async function lastInPeriod(
  ctx: QueryContext,
  source: CounterSource,
  window: PeriodWindow,
): Promise<Map<string, number>> {
  const { table, key, value } = COUNTER_SOURCES[source]
  const t = sql.table(table)
  const k = sql.ref(`s.${key}`)
  const v = sql.ref(`s.${value}`)
  const { rows } = await sql<Omit<EndRow, 'observed_at'>>`
    with b as (
      select ${k} as key, max(s.observed_at) as hi
      from ${t} s
      where s.observed_at > ${window.from} and s.observed_at <= ${window.to} and ${v} is not null
      group by ${k}
    )
    select b.key as key, ${v} as value
    from b join ${t} s on ${k} = b.key and s.observed_at = b.hi`.execute(ctx.db)
  return new Map(rows.map((r) => [r.key, sqlNumber(r.value)]))
}
