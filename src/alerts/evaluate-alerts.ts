/**
 * One pass of alert evaluation (metrics.md §10): every enabled rule against each watched item a
 * write touched (or every item, when what changed is unknown), each firing stored once by its
 * event key — evaluating the same data twice, or in two processes at once, fires nothing new.
 */
import type { Kysely } from 'kysely'
import {
  creatorKey,
  handleKey,
  hashtagKey,
  soundKey,
  soundTotalsKey,
  videoKey,
} from '../db/change-keys.js'
import type { DB } from '../db/schema.js'
import { sqlNumberOrNull } from '../db/sql-number.js'
import {
  type AlertRuleKind,
  changeFires,
  DEFAULT_RISING_TOP,
  DEFAULT_WINDOW_DAYS,
  isNewPost,
  milestoneCrossed,
  NEW_POST_GRACE_SECONDS,
  RULE_ITEM_KINDS,
  risingEventKey,
  utcDate,
  VIRAL_RECENT_SECONDS,
  viralFires,
  type WatchItemKind,
} from '../domain/alert-rules.js'
import { growthBetween } from '../domain/growth.js'
import { SECONDS_PER_DAY } from '../domain/metric-constants.js'
import { formatThousands as formatCount } from '../domain/sponsorship.js'
import { isoTime } from '../queries/iso-time.js'
import { counterAfter, counterAt } from './counter-history.js'
import { ruleFromRow, type StoredRule } from './watchlist-store.js'

export interface WatchedPair {
  rule: StoredRule
  owner: string
  itemKind: WatchItemKind
  ref: string
  /** The creator's id (null until tracked); the ref itself for other kinds. */
  entityId: string | null
}

export interface FiredAlert {
  id: number
  rule_id: string
  watchlist_id: string
  owner: string
  item_kind: WatchItemKind
  item_ref: string
  kind: AlertRuleKind
  event_key: string
  message: string
  details: Record<string, unknown>
  fired_at: number
  /** The rule's webhook, or null: every enabled webhook of the owner. */
  webhook_id: string | null
}

interface AlertEvent {
  key: string
  message: string
  details: Record<string, unknown>
}

/** Ranks (1 = first) of the items on a rising list: the rising queries answer it. */
export type RisingRanks = (
  kind: 'creator' | 'hashtag' | 'sound',
  period: '7d' | '30d',
  top: number,
) => Promise<ReadonlyMap<string, number>>

export interface EvaluateOptions {
  db: Kysely<DB>
  /** Epoch seconds. */
  now: number
  /** What changed since the last pass (change-keys.ts), or 'all'. */
  changed: ReadonlySet<string> | 'all'
  /** Rising rules are evaluated only when given (the loop asks at most once a minute). */
  rising?: RisingRanks | undefined
  /** Events stored by earlier passes of this process. */
  known?: KnownEvents | undefined
  /**
   * Called in the transaction that stores each new alert (webhook deliveries are queued with
   * it, so an alert is never stored without them, nor queued twice).
   */
  deliver?: ((trx: Kysely<DB>, alert: FiredAlert) => Promise<void>) | undefined
}

/** Every enabled rule with each item of its list that the rule applies to. */
async function watchedPairs(db: Kysely<DB>): Promise<WatchedPair[]> {
  const rows = await db
    .selectFrom('alert_rules as r')
    .innerJoin('watchlists as w', 'w.id', 'r.watchlist_id')
    .innerJoin('watchlist_items as i', 'i.watchlist_id', 'r.watchlist_id')
    .select([
      'r.id',
      'r.watchlist_id',
      'r.kind',
      'r.params',
      'r.webhook_id',
      'r.enabled',
      'r.created_at',
      'w.owner_key_id',
      'i.kind as item_kind',
      'i.ref',
      'i.entity_id',
    ])
    .where('r.enabled', '=', 1)
    .execute()
  const pairs: WatchedPair[] = []
  for (const row of rows) {
    const rule = ruleFromRow(row)
    const itemKind = row.item_kind as WatchItemKind
    if (!RULE_ITEM_KINDS[rule.kind]?.includes(itemKind)) continue
    pairs.push({ rule, owner: row.owner_key_id, itemKind, ref: row.ref, entityId: row.entity_id })
  }
  return pairs
}

/** The change keys under which a write to this item is recorded. */
function itemKeys(pair: WatchedPair): string[] {
  switch (pair.itemKind) {
    case 'creator':
      return pair.entityId === null
        ? [handleKey(pair.ref)]
        : [creatorKey(pair.entityId), handleKey(pair.ref)]
    case 'video':
      return [videoKey(pair.ref)]
    case 'hashtag':
      return [hashtagKey(pair.ref)]
    case 'sound':
      return [soundKey(pair.ref), soundTotalsKey(pair.ref)]
  }
}

/** Creators watched by username before they were tracked: their id, once a capture brought them. */
async function resolveCreators(db: Kysely<DB>, pairs: WatchedPair[]): Promise<void> {
  const pending = [
    ...new Set(
      pairs.filter((p) => p.itemKind === 'creator' && p.entityId === null).map((p) => p.ref),
    ),
  ]
  if (pending.length === 0) return
  const rows = await db
    .selectFrom('creators')
    .select(['id', 'username_lower'])
    .where('username_lower', 'in', pending)
    .execute()
  const ids = new Map(rows.map((r) => [r.username_lower, r.id]))
  for (const [username, id] of ids) {
    if (username === null) continue
    await db
      .updateTable('watchlist_items')
      .set({ entity_id: id })
      .where('kind', '=', 'creator')
      .where('ref', '=', username)
      .where('entity_id', 'is', null)
      .execute()
  }
  for (const p of pairs) {
    if (p.itemKind === 'creator' && p.entityId === null) p.entityId = ids.get(p.ref) ?? null
  }
}

export async function evaluateAlerts(options: EvaluateOptions): Promise<FiredAlert[]> {
  const { db, now, changed } = options
  const pairs = await watchedPairs(db)
  if (pairs.length === 0) return []
  await resolveCreators(db, pairs)
  const risingCache = new Map<string, Promise<ReadonlyMap<string, number>>>()
  const candidates: Candidate[] = []
  for (const pair of pairs) {
    let events: AlertEvent[]
    if (pair.rule.kind === 'rising') {
      if (options.rising === undefined) continue
      events = await risingEvents(pair, now, options.rising, risingCache)
    } else {
      const touched = changed === 'all' || itemKeys(pair).some((k) => changed.has(k))
      if (!touched) continue
      events = await ruleEvents(db, pair, now)
    }
    for (const event of events) candidates.push({ pair, event })
  }
  const known = options.known ?? new KnownEvents()
  const fresh = await unknownEvents(db, known, candidates)
  return fresh.length === 0 ? [] : storeAlerts(db, known, fresh, now, options.deliver)
}

interface Candidate {
  pair: WatchedPair
  event: AlertEvent
}

const identity = (c: Candidate) =>
  `${c.pair.rule.id}\0${c.pair.itemKind}\0${c.pair.ref}\0${c.event.key}`

/**
 * Events already stored, remembered across passes: a rule that keeps holding (a video stays
 * viral) is recognised without asking the database, and never costs a write.
 */
export class KnownEvents {
  private readonly seen = new Map<string, true>()
  constructor(private readonly capacity = 200_000) {}
  has(id: string): boolean {
    return this.seen.has(id)
  }
  add(id: string): void {
    if (this.seen.size >= this.capacity) {
      const oldest = this.seen.keys().next().value
      if (oldest !== undefined) this.seen.delete(oldest)
    }
    this.seen.set(id, true)
  }
}

/** The candidates not stored yet: the memory first, then one read per rule for the rest. */
async function unknownEvents(
  db: Kysely<DB>,
  known: KnownEvents,
  candidates: readonly Candidate[],
): Promise<Candidate[]> {
  const unsure = candidates.filter((c) => !known.has(identity(c)))
  const byRule = new Map<string, Candidate[]>()
  for (const c of unsure) byRule.set(c.pair.rule.id, [...(byRule.get(c.pair.rule.id) ?? []), c])
  const fresh: Candidate[] = []
  for (const [ruleId, group] of byRule) {
    const stored = new Set<string>()
    for (let i = 0; i < group.length; i += 500) {
      const chunk = group.slice(i, i + 500)
      const rows = await db
        .selectFrom('alerts')
        .select(['rule_id', 'item_kind', 'item_ref', 'event_key'])
        .where('rule_id', '=', ruleId)
        .where('event_key', 'in', [...new Set(chunk.map((c) => c.event.key))])
        .execute()
      for (const r of rows)
        stored.add(`${r.rule_id}\0${r.item_kind}\0${r.item_ref}\0${r.event_key}`)
    }
    for (const c of group) {
      if (stored.has(identity(c))) known.add(identity(c))
      else fresh.push(c)
    }
  }
  return fresh
}

/** The new alerts of a pass in one transaction; another process storing one first wins it. */
async function storeAlerts(
  db: Kysely<DB>,
  known: KnownEvents,
  fresh: readonly Candidate[],
  now: number,
  deliver: EvaluateOptions['deliver'],
): Promise<FiredAlert[]> {
  const fired: FiredAlert[] = []
  await db.transaction().execute(async (trx) => {
    for (const c of fresh) {
      const stored = await storeAlert(trx, c.pair, c.event, now)
      if (stored === null) continue
      await deliver?.(trx, stored)
      fired.push(stored)
    }
  })
  for (const c of fresh) known.add(identity(c))
  return fired
}

async function storeAlert(
  db: Kysely<DB>,
  pair: WatchedPair,
  event: AlertEvent,
  now: number,
): Promise<FiredAlert | null> {
  const row = await db
    .insertInto('alerts')
    .values({
      rule_id: pair.rule.id,
      watchlist_id: pair.rule.watchlist_id,
      owner_key_id: pair.owner,
      item_kind: pair.itemKind,
      item_ref: pair.ref,
      kind: pair.rule.kind,
      event_key: event.key,
      message: event.message,
      details: JSON.stringify(event.details),
      fired_at: now,
    })
    .onConflict((oc) => oc.columns(['rule_id', 'item_kind', 'item_ref', 'event_key']).doNothing())
    .returning('id')
    .executeTakeFirst()
  if (row === undefined) return null
  return {
    id: Number(row.id),
    rule_id: pair.rule.id,
    watchlist_id: pair.rule.watchlist_id,
    owner: pair.owner,
    item_kind: pair.itemKind,
    item_ref: pair.ref,
    kind: pair.rule.kind,
    event_key: event.key,
    message: event.message,
    details: event.details,
    fired_at: now,
    webhook_id: pair.rule.webhook_id,
  }
}

async function ruleEvents(db: Kysely<DB>, pair: WatchedPair, now: number): Promise<AlertEvent[]> {
  if (pair.entityId === null) return []
  switch (pair.rule.kind) {
    case 'new_post':
      return newPostEvents(db, pair, pair.entityId)
    case 'viral_video':
      return viralEvents(db, pair, pair.entityId)
    case 'follower_milestone':
      return milestoneEvents(db, pair, pair.entityId)
    case 'growth':
    case 'drop':
      return changeEvents(db, pair, pair.entityId, now)
    case 'rising':
      return []
  }
}

async function newPostEvents(
  db: Kysely<DB>,
  pair: WatchedPair,
  creatorId: string,
): Promise<AlertEvent[]> {
  const since = pair.rule.created_at
  const videos = await db
    .selectFrom('videos')
    .select(['id', 'posted_at', 'first_seen_at', 'description'])
    .where('creator_id', '=', creatorId)
    .where('posted_at', '>=', since - NEW_POST_GRACE_SECONDS)
    .where('first_seen_at', '>=', since)
    .execute()
  return videos
    .filter((v) => isNewPost(sqlNumberOrNull(v.posted_at), Number(v.first_seen_at), since))
    .map((v) => ({
      key: v.id,
      message: `@${pair.ref} posted a new video (${v.id}).`,
      details: {
        video_id: v.id,
        posted_at: isoTime(Number(v.posted_at)),
        description: v.description.slice(0, 200),
      },
    }))
}

async function viralEvents(
  db: Kysely<DB>,
  pair: WatchedPair,
  entityId: string,
): Promise<AlertEvent[]> {
  const since = pair.rule.created_at
  let q = db
    .selectFrom('videos as v')
    .innerJoin('creators as c', 'c.id', 'v.creator_id')
    .select(['v.id', 'v.plays', 'v.posted_at', 'v.observed_at', 'c.median_views', 'c.username'])
    .where('v.observed_at', '>=', since)
    .where('v.posted_at', '>=', since - VIRAL_RECENT_SECONDS)
  q =
    pair.itemKind === 'video'
      ? q.where('v.id', '=', entityId)
      : q.where('v.creator_id', '=', entityId)
  const videos = await q.execute()
  const events: AlertEvent[] = []
  for (const v of videos) {
    const plays = sqlNumberOrNull(v.plays)
    const median = sqlNumberOrNull(v.median_views)
    if (!viralFires(plays, median, sqlNumberOrNull(v.posted_at), Number(v.observed_at), since))
      continue
    events.push({
      key: v.id,
      message: `A video of @${v.username ?? pair.ref} went viral: ${formatCount(plays ?? 0)} plays (${v.id}).`,
      details: {
        video_id: v.id,
        plays,
        creator_median_views: median,
        observed_at: isoTime(Number(v.observed_at)),
      },
    })
  }
  return events
}

async function milestoneEvents(
  db: Kysely<DB>,
  pair: WatchedPair,
  creatorId: string,
): Promise<AlertEvent[]> {
  const since = pair.rule.created_at
  const creator = await db
    .selectFrom('creators')
    .select('followers')
    .where('id', '=', creatorId)
    .executeTakeFirst()
  const current = sqlNumberOrNull(creator?.followers)
  if (current === null) return []
  // The count when the rule began: the last one seen by then, else the first one seen after.
  const base =
    (await counterAt(db, 'creator', creatorId, since)) ??
    (await counterAfter(db, 'creator', creatorId, since))
  if (base === null) return []
  const baseline = base.value
  const milestone = milestoneCrossed(baseline, current)
  if (milestone === null) return []
  return [
    {
      key: String(milestone),
      message: `@${pair.ref} passed ${formatCount(milestone)} followers (now ${formatCount(current)}).`,
      details: { milestone, followers: current, baseline_followers: baseline },
    },
  ]
}

async function changeEvents(
  db: Kysely<DB>,
  pair: WatchedPair,
  entityId: string,
  now: number,
): Promise<AlertEvent[]> {
  const kind = pair.rule.kind as 'growth' | 'drop'
  const percent = pair.rule.settings.percent ?? Number.POSITIVE_INFINITY
  const days = pair.rule.settings.window_days ?? DEFAULT_WINDOW_DAYS
  const newest = await counterAt(db, pair.itemKind, entityId, now)
  // Only observations made since the rule began are news.
  if (newest === null || newest.observedAt < pair.rule.created_at) return []
  const base = await counterAt(
    db,
    pair.itemKind,
    entityId,
    newest.observedAt - days * SECONDS_PER_DAY,
  )
  if (base === null) return []
  const change = growthBetween(base, newest)
  if (!changeFires(kind, change.changePercent, percent)) return []
  const counter = pair.itemKind === 'creator' ? 'followers' : 'plays'
  const subject = pair.itemKind === 'creator' ? `@${pair.ref}` : `Video ${pair.ref}`
  return [
    {
      key: `${days}d:${utcDate(newest.observedAt)}`,
      message: `${subject}: ${counter} ${change.change >= 0 ? '+' : ''}${change.changePercent}% in ${days} day${days === 1 ? '' : 's'} (${formatCount(base.value)} → ${formatCount(newest.value)}).`,
      details: {
        counter,
        window_days: days,
        from: isoTime(base.observedAt),
        to: isoTime(newest.observedAt),
        start_value: base.value,
        end_value: newest.value,
        change: change.change,
        change_percent: change.changePercent,
      },
    },
  ]
}

async function risingEvents(
  pair: WatchedPair,
  now: number,
  rising: RisingRanks,
  cache: Map<string, Promise<ReadonlyMap<string, number>>>,
): Promise<AlertEvent[]> {
  if (pair.itemKind === 'video') return []
  const period = pair.rule.settings.period ?? '7d'
  const top = pair.rule.settings.top ?? DEFAULT_RISING_TOP
  const cacheKey = `${pair.itemKind}:${period}:${top}`
  let ranks = cache.get(cacheKey)
  if (ranks === undefined) {
    ranks = rising(pair.itemKind, period, top)
    cache.set(cacheKey, ranks)
  }
  const key = pair.itemKind === 'creator' ? (pair.entityId ?? '') : pair.ref
  const rank = (await ranks).get(key)
  if (rank === undefined) return []
  const label =
    pair.itemKind === 'creator'
      ? `@${pair.ref}`
      : pair.itemKind === 'hashtag'
        ? `#${pair.ref}`
        : `Sound ${pair.ref}`
  return [
    {
      key: risingEventKey(period, now),
      message: `${label} is rising: #${rank} on the ${period} rising ${pair.itemKind}s.`,
      details: { rank, period },
    },
  ]
}
