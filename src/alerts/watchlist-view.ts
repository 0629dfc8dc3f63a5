/**
 * A watchlist as its owner reads it: each item with its latest number, the change over the
 * trailing 1, 7 and 30 days (metrics.md §10: the latest observation at or before each cutoff
 * against the newest) and a 30-day sparkline of daily values — null where nothing was observed.
 */
import type { Kysely } from 'kysely'
import type { Owner } from '../access/owner.js'
import type { DB } from '../db/schema.js'
import { sqlNumberOrNull } from '../db/sql-number.js'
import type { WatchItemKind } from '../domain/alert-rules.js'
import { type CounterObservation, trailingGrowth } from '../domain/growth.js'
import { SECONDS_PER_DAY } from '../domain/metric-constants.js'
import { isoTime } from '../queries/iso-time.js'
import { asObservation, counterHistory } from './counter-history.js'
import { listRules, ownedWatchlist, type StoredRule } from './watchlist-store.js'

export const SPARKLINE_DAYS = 30

export interface ItemChange {
  change: number
  change_percent: number | null
}

export interface WatchItemView {
  kind: WatchItemKind
  ref: string
  added_at: string
  /** Whether Toklytics holds the entity yet (a watch may name one no capture has brought). */
  tracked: boolean
  label: string
  url: string
  /** What `value` counts: followers (creator), plays (video), TikTok's video count (hashtag, sound). */
  metric: 'followers' | 'plays' | 'videos'
  value: number | null
  observed_at: string | null
  change_1d: ItemChange | null
  change_7d: ItemChange | null
  change_30d: ItemChange | null
  /** The last value of each UTC day with an observation in the last 30 days, oldest first. */
  sparkline: Array<{ date: string; value: number }>
}

export interface WatchlistView {
  id: string
  name: string
  owner: string
  created_at: string
  updated_at: string
  items: WatchItemView[]
  rules: RuleView[]
}

export interface RuleView {
  id: string
  kind: string
  settings: StoredRule['settings']
  webhook_id: string | null
  enabled: boolean
  created_at: string
}

export const ruleView = (r: StoredRule): RuleView => ({
  id: r.id,
  kind: r.kind,
  settings: r.settings,
  webhook_id: r.webhook_id,
  enabled: r.enabled,
  created_at: isoTime(r.created_at),
})

export async function watchlistView(
  db: Kysely<DB>,
  owner: Owner,
  id: string,
  now: number,
): Promise<WatchlistView> {
  const list = await ownedWatchlist(db, owner, id)
  const items = await db
    .selectFrom('watchlist_items')
    .selectAll()
    .where('watchlist_id', '=', id)
    .orderBy('kind')
    .orderBy('ref')
    .execute()
  const views: WatchItemView[] = []
  for (const item of items) views.push(await itemView(db, item, now))
  return {
    id: list.id,
    name: list.name,
    owner: list.owner_key_id,
    created_at: isoTime(list.created_at),
    updated_at: isoTime(list.updated_at),
    items: views,
    rules: (await listRules(db, owner, id)).map(ruleView),
  }
}

interface ItemRow {
  kind: string
  ref: string
  entity_id: string | null
  added_at: number
}

async function itemView(db: Kysely<DB>, item: ItemRow, now: number): Promise<WatchItemView> {
  const kind = item.kind as WatchItemKind
  const base = { kind, ref: item.ref, added_at: isoTime(Number(item.added_at)) }
  switch (kind) {
    case 'creator': {
      const creator =
        item.entity_id === null
          ? undefined
          : await db
              .selectFrom('creators')
              .select(['username', 'nickname', 'followers', 'profile_observed_at', 'last_updated'])
              .where('id', '=', item.entity_id)
              .executeTakeFirst()
      const observed =
        item.entity_id === null ? [] : await series(db, 'creator', item.entity_id, now)
      return withSeries(
        {
          ...base,
          tracked: creator !== undefined,
          label: `@${creator?.username ?? item.ref}`,
          url: `https://www.tiktok.com/@${creator?.username ?? item.ref}`,
          metric: 'followers',
        },
        observed,
        sqlNumberOrNull(creator?.followers),
        now,
      )
    }
    case 'video': {
      const video = await db
        .selectFrom('videos as v')
        .leftJoin('creators as c', 'c.id', 'v.creator_id')
        .select(['v.description', 'v.plays', 'c.username'])
        .where('v.id', '=', item.ref)
        .executeTakeFirst()
      const observed = await series(db, 'video', item.ref, now)
      const text = video?.description.trim() ?? ''
      return withSeries(
        {
          ...base,
          tracked: video !== undefined,
          label:
            text === '' ? `Video ${item.ref}` : text.length > 80 ? `${text.slice(0, 79)}…` : text,
          url: `https://www.tiktok.com/@${video?.username ?? '_'}/video/${item.ref}`,
          metric: 'plays',
        },
        observed,
        sqlNumberOrNull(video?.plays),
        now,
      )
    }
    case 'hashtag': {
      const tag = await db
        .selectFrom('hashtags')
        .select('tiktok_video_count')
        .where('name', '=', item.ref)
        .executeTakeFirst()
      const value = sqlNumberOrNull(tag?.tiktok_video_count)
      return withSeries(
        {
          ...base,
          tracked: tag !== undefined,
          label: `#${item.ref}`,
          url: `https://www.tiktok.com/tag/${encodeURIComponent(item.ref)}`,
          metric: 'videos',
        },
        await series(db, 'hashtag', item.ref, now),
        value,
        now,
      )
    }
    case 'sound': {
      const sound = await db
        .selectFrom('sounds')
        .select(['title', 'tiktok_user_count'])
        .where('id', '=', item.ref)
        .executeTakeFirst()
      const value = sqlNumberOrNull(sound?.tiktok_user_count)
      return withSeries(
        {
          ...base,
          tracked: sound !== undefined,
          label: sound?.title ?? `Sound ${item.ref}`,
          url: `https://www.tiktok.com/music/x-${item.ref}`,
          metric: 'videos',
        },
        await series(db, 'sound', item.ref, now),
        value,
        now,
      )
    }
  }
}

/**
 * An item's observations of the last 30 days, plus the latest one before them (the base of the
 * 30-day change): two reads on the history's (key, observed_at) primary key.
 */
async function series(
  db: Kysely<DB>,
  kind: WatchItemKind,
  key: string,
  now: number,
): Promise<CounterObservation[]> {
  const from = now - SPARKLINE_DAYS * SECONDS_PER_DAY
  const history = counterHistory(db, kind, key)
  const [inside, before] = await Promise.all([
    history
      .where('observed_at', '>', from)
      .where('observed_at', '<=', now)
      .orderBy('observed_at')
      .execute(),
    history.where('observed_at', '<=', from).orderBy('observed_at', 'desc').limit(1).execute(),
  ])
  return [...before, ...inside].map(asObservation)
}

function withSeries(
  head: Omit<
    WatchItemView,
    'value' | 'observed_at' | 'change_1d' | 'change_7d' | 'change_30d' | 'sparkline'
  >,
  series: readonly CounterObservation[],
  current: number | null,
  now: number,
): WatchItemView {
  const newest = series.at(-1)
  const change = (days: number): ItemChange | null => {
    const g = trailingGrowth(series, now, days)
    return g === null ? null : { change: g.change, change_percent: g.changePercent }
  }
  return {
    ...head,
    // The published value (corroborated) when known; else the newest observation.
    value: current ?? newest?.value ?? null,
    observed_at: newest === undefined ? null : isoTime(newest.observedAt),
    change_1d: change(1),
    change_7d: change(7),
    change_30d: change(30),
    sparkline: dailySparkline(series, now),
  }
}

/** The last value of each UTC day within the last 30 days. */
function dailySparkline(series: readonly CounterObservation[], now: number) {
  const from = now - SPARKLINE_DAYS * SECONDS_PER_DAY
  const byDay = new Map<string, number>()
  for (const o of series) {
    if (o.observedAt <= from || o.observedAt > now) continue
    byDay.set(isoTime(o.observedAt).slice(0, 10), o.value)
  }
  return [...byDay].map(([date, value]) => ({ date, value }))
}
