/**
 * The observed history of a watched item's counter — a creator's followers, a video's plays,
 * TikTok's video count of a hashtag or a sound — read from its snapshot table by the table's
 * (key, observed_at) primary key: what the watchlist view and the alert rules both read.
 */
import { type Kysely, sql } from 'kysely'
import type { DB } from '../db/schema.js'
import type { WatchItemKind } from '../domain/alert-rules.js'
import type { CounterObservation } from '../domain/growth.js'

/** Where each kind's counter history is kept: table, key column, value column. */
const HISTORY = {
  creator: { table: 'creator_snapshots', key: 'creator_id', value: 'followers' },
  video: { table: 'video_snapshots', key: 'video_id', value: 'plays' },
  hashtag: { table: 'hashtag_snapshots', key: 'hashtag', value: 'video_count' },
  sound: { table: 'sound_snapshots', key: 'sound_id', value: 'user_count' },
} as const

/** The item's observations with a known value, as `{observed_at, value}` rows to narrow further. */
export function counterHistory(db: Kysely<DB>, kind: WatchItemKind, key: string) {
  const { table, key: keyColumn, value } = HISTORY[kind]
  // One query shape over four tables whose columns Kysely cannot name generically.
  return db
    .selectFrom(table as 'creator_snapshots')
    .select([
      sql<number>`observed_at`.as('observed_at'),
      sql<number | null>`${sql.ref(value)}`.as('value'),
    ])
    .where(sql.ref(keyColumn), '=', key)
    .where(sql.ref(value), 'is not', null)
}

export const asObservation = (r: { observed_at: number; value: number | null }) => ({
  observedAt: Number(r.observed_at),
  value: Number(r.value),
})

/** The latest observation at or before `at`, or null. */
export async function counterAt(
  db: Kysely<DB>,
  kind: WatchItemKind,
  key: string,
  at: number,
): Promise<CounterObservation | null> {
  const row = await counterHistory(db, kind, key)
    .where('observed_at', '<=', at)
    .orderBy('observed_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row === undefined ? null : asObservation(row)
}

/** The earliest observation after `at`, or null. */
export async function counterAfter(
  db: Kysely<DB>,
  kind: WatchItemKind,
  key: string,
  at: number,
): Promise<CounterObservation | null> {
  const row = await counterHistory(db, kind, key)
    .where('observed_at', '>', at)
    .orderBy('observed_at', 'asc')
    .limit(1)
    .executeTakeFirst()
  return row === undefined ? null : asObservation(row)
}
