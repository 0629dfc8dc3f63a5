/**
 * Watchlists, their items and alert rules: created, changed and read by their owner (an admin
 * or the operator reaches everyone's). Another owner's list is "not found", never "forbidden",
 * so list ids cannot be probed.
 */
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Owner } from '../access/owner.js'
import type { DB, WatchlistRow } from '../db/schema.js'
import {
  type AlertRuleKind,
  type AlertRuleSettings,
  alertRuleSettings,
  RULE_ITEM_KINDS,
  type WatchItemKind,
} from '../domain/alert-rules.js'
import { isoTime } from '../queries/iso-time.js'
import { invalid, notFound } from '../support/refusal.js'
import { normalizeItemRef } from './watch-item-ref.js'

/** Enough for a brand's roster and a researcher's hashtag set; the evaluator reads them all. */
export const MAX_ITEMS_PER_WATCHLIST = 1000
export const MAX_RULES_PER_WATCHLIST = 50

const newId = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`

export interface WatchItemInput {
  kind: WatchItemKind
  ref: string
}

export interface WatchlistSummary {
  id: string
  name: string
  owner: string
  created_at: string
  updated_at: string
  item_count: number
  rule_count: number
}

export interface AlertRuleInput extends AlertRuleSettings {
  kind: AlertRuleKind
  webhook_id?: string | null
}

export interface StoredRule {
  id: string
  watchlist_id: string
  kind: AlertRuleKind
  settings: AlertRuleSettings
  webhook_id: string | null
  enabled: boolean
  created_at: number
}

export function ruleFromRow(row: {
  id: string
  watchlist_id: string
  kind: string
  params: string
  webhook_id: string | null
  enabled: number
  created_at: number
}): StoredRule {
  return {
    id: row.id,
    watchlist_id: row.watchlist_id,
    kind: row.kind as AlertRuleKind,
    settings: JSON.parse(row.params) as AlertRuleSettings,
    webhook_id: row.webhook_id,
    enabled: Number(row.enabled) === 1,
    created_at: Number(row.created_at),
  }
}

/** The owner's lists (every list for an admin), by name. */
export async function listWatchlists(db: Kysely<DB>, owner: Owner): Promise<WatchlistSummary[]> {
  let q = db
    .selectFrom('watchlists as w')
    .select((eb) => [
      'w.id',
      'w.name',
      'w.owner_key_id',
      'w.created_at',
      'w.updated_at',
      eb
        .selectFrom('watchlist_items as i')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('i.watchlist_id', '=', 'w.id')
        .as('item_count'),
      eb
        .selectFrom('alert_rules as r')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('r.watchlist_id', '=', 'w.id')
        .as('rule_count'),
    ])
    .orderBy('w.name')
    .orderBy('w.id')
  if (!owner.admin) q = q.where('w.owner_key_id', '=', owner.id)
  const rows = await q.execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    owner: r.owner_key_id,
    created_at: isoTime(Number(r.created_at)),
    updated_at: isoTime(Number(r.updated_at)),
    item_count: Number(r.item_count ?? 0),
    rule_count: Number(r.rule_count ?? 0),
  }))
}

/** The list if `owner` may see it; a Refusal (not found) otherwise. */
export async function ownedWatchlist(
  db: Kysely<DB>,
  owner: Owner,
  id: string,
): Promise<WatchlistRow> {
  const row = await db.selectFrom('watchlists').selectAll().where('id', '=', id).executeTakeFirst()
  if (row === undefined || (!owner.admin && row.owner_key_id !== owner.id)) {
    throw notFound(`watchlist ${id}`)
  }
  return { ...row, created_at: Number(row.created_at), updated_at: Number(row.updated_at) }
}

async function refuseDuplicateName(db: Kysely<DB>, ownerId: string, name: string, except?: string) {
  let q = db
    .selectFrom('watchlists')
    .select('id')
    .where('owner_key_id', '=', ownerId)
    .where('name', '=', name)
  if (except !== undefined) q = q.where('id', '!=', except)
  if ((await q.executeTakeFirst()) !== undefined) {
    throw invalid(`Invalid body field 'name': a watchlist named "${name}" exists already.`)
  }
}

/** A new list with its first items (each normalised; duplicates kept once). */
export async function createWatchlist(
  db: Kysely<DB>,
  owner: Owner,
  input: { name: string; items?: readonly WatchItemInput[] },
  now: number,
): Promise<string> {
  const name = input.name.trim()
  if (name === '') throw invalid(`Invalid body field 'name': must not be blank.`)
  const items = normalizedItems(input.items ?? [])
  const id = newId('wl')
  await db.transaction().execute(async (trx) => {
    await refuseDuplicateName(trx, owner.id, name)
    await trx
      .insertInto('watchlists')
      .values({ id, owner_key_id: owner.id, name, created_at: now, updated_at: now })
      .execute()
    for (const item of items) await insertItem(trx, id, item, now)
  })
  return id
}

export async function renameWatchlist(
  db: Kysely<DB>,
  owner: Owner,
  id: string,
  name: string,
  now: number,
): Promise<void> {
  const list = await ownedWatchlist(db, owner, id)
  const trimmed = name.trim()
  if (trimmed === '') throw invalid(`Invalid body field 'name': must not be blank.`)
  await refuseDuplicateName(db, list.owner_key_id, trimmed, id)
  await db
    .updateTable('watchlists')
    .set({ name: trimmed, updated_at: now })
    .where('id', '=', id)
    .execute()
}

/** The list, its items, rules and fired alerts. */
export async function deleteWatchlist(db: Kysely<DB>, owner: Owner, id: string): Promise<void> {
  await ownedWatchlist(db, owner, id)
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('alerts').where('watchlist_id', '=', id).execute()
    await trx.deleteFrom('alert_rules').where('watchlist_id', '=', id).execute()
    await trx.deleteFrom('watchlist_items').where('watchlist_id', '=', id).execute()
    await trx.deleteFrom('watchlists').where('id', '=', id).execute()
  })
}

function normalizedItems(items: readonly WatchItemInput[]): WatchItemInput[] {
  if (items.length > MAX_ITEMS_PER_WATCHLIST) {
    throw invalid(`Invalid body field 'items': at most ${MAX_ITEMS_PER_WATCHLIST} items.`)
  }
  const seen = new Map<string, WatchItemInput>()
  for (const item of items) {
    const ref = normalizeItemRef(item.kind, item.ref)
    seen.set(`${item.kind}\0${ref}`, { kind: item.kind, ref })
  }
  return [...seen.values()]
}

/** A creator's id by username, when tracked: the watch then follows the account. */
async function creatorIdOf(db: Kysely<DB>, username: string): Promise<string | null> {
  const row = await db
    .selectFrom('creators')
    .select('id')
    .where('username_lower', '=', username)
    .orderBy('identity_observed_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.id ?? null
}

async function insertItem(db: Kysely<DB>, watchlistId: string, item: WatchItemInput, now: number) {
  const entityId = item.kind === 'creator' ? await creatorIdOf(db, item.ref) : item.ref
  await db
    .insertInto('watchlist_items')
    .values({
      watchlist_id: watchlistId,
      kind: item.kind,
      ref: item.ref,
      entity_id: entityId,
      added_at: now,
    })
    .onConflict((oc) => oc.columns(['watchlist_id', 'kind', 'ref']).doNothing())
    .execute()
}

/** Adds one item (normalised); adding one that is there already changes nothing. */
export async function addWatchItem(
  db: Kysely<DB>,
  owner: Owner,
  id: string,
  item: WatchItemInput,
  now: number,
): Promise<WatchItemInput> {
  await ownedWatchlist(db, owner, id)
  const [normalized] = normalizedItems([item])
  if (normalized === undefined) throw invalid(`Invalid body field 'ref'.`)
  const count = await db
    .selectFrom('watchlist_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('watchlist_id', '=', id)
    .executeTakeFirstOrThrow()
  if (Number(count.n) >= MAX_ITEMS_PER_WATCHLIST) {
    throw invalid(`A watchlist holds at most ${MAX_ITEMS_PER_WATCHLIST} items.`)
  }
  await insertItem(db, id, normalized, now)
  await db.updateTable('watchlists').set({ updated_at: now }).where('id', '=', id).execute()
  return normalized
}

export async function removeWatchItem(
  db: Kysely<DB>,
  owner: Owner,
  id: string,
  item: WatchItemInput,
  now: number,
): Promise<void> {
  await ownedWatchlist(db, owner, id)
  const ref = normalizeItemRef(item.kind, item.ref)
  const result = await db
    .deleteFrom('watchlist_items')
    .where('watchlist_id', '=', id)
    .where('kind', '=', item.kind)
    .where('ref', '=', ref)
    .executeTakeFirst()
  if (Number(result.numDeletedRows) === 0) throw notFound(`${item.kind} ${ref} in this watchlist`)
  await db.updateTable('watchlists').set({ updated_at: now }).where('id', '=', id).execute()
}

export async function listRules(db: Kysely<DB>, owner: Owner, id: string): Promise<StoredRule[]> {
  await ownedWatchlist(db, owner, id)
  const rows = await db
    .selectFrom('alert_rules')
    .selectAll()
    .where('watchlist_id', '=', id)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map(ruleFromRow)
}

/** A new rule; its settings checked against its kind (growth and drop need `percent`). */
export async function addRule(
  db: Kysely<DB>,
  owner: Owner,
  id: string,
  input: AlertRuleInput,
  now: number,
  /** Whether the owner may send to this webhook (the webhook store answers). */
  webhookOwned: (webhookId: string) => Promise<boolean>,
): Promise<StoredRule> {
  const list = await ownedWatchlist(db, owner, id)
  const { kind, webhook_id: webhookId, ...given } = input
  const checked = alertRuleSettings(kind, given)
  if ('refused' in checked) throw invalid(checked.refused)
  if (webhookId != null && !(await webhookOwned(webhookId))) {
    throw invalid(
      `Invalid body field 'webhook_id': no webhook ${webhookId} of this watchlist's owner.`,
    )
  }
  const count = await db
    .selectFrom('alert_rules')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('watchlist_id', '=', list.id)
    .executeTakeFirstOrThrow()
  if (Number(count.n) >= MAX_RULES_PER_WATCHLIST) {
    throw invalid(`A watchlist holds at most ${MAX_RULES_PER_WATCHLIST} alert rules.`)
  }
  const rule = {
    id: newId('ar'),
    watchlist_id: list.id,
    kind,
    params: JSON.stringify(checked.settings),
    webhook_id: webhookId ?? null,
    enabled: 1,
    created_at: now,
  }
  await db.insertInto('alert_rules').values(rule).execute()
  return ruleFromRow(rule)
}

export async function removeRule(
  db: Kysely<DB>,
  owner: Owner,
  id: string,
  ruleId: string,
): Promise<void> {
  await ownedWatchlist(db, owner, id)
  const result = await db
    .deleteFrom('alert_rules')
    .where('watchlist_id', '=', id)
    .where('id', '=', ruleId)
    .executeTakeFirst()
  if (Number(result.numDeletedRows) === 0) throw notFound(`alert rule ${ruleId} in this watchlist`)
}

/** Rule kinds and the items they apply to, for the answer's explanation of an idle rule. */
export const ruleAppliesTo = (kind: AlertRuleKind, itemKind: WatchItemKind) =>
  RULE_ITEM_KINDS[kind].includes(itemKind)
