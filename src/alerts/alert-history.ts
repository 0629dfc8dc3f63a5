/** The alerts fired for an owner (every owner's, for an admin), newest first. */
import type { Kysely } from 'kysely'
import type { Owner } from '../access/owner.js'
import type { DB } from '../db/schema.js'
import { isoTime } from '../queries/iso-time.js'

export interface AlertView {
  id: number
  watchlist_id: string
  rule_id: string
  kind: string
  item: { kind: string; ref: string }
  message: string
  details: Record<string, unknown>
  fired_at: string
}

export interface AlertPage {
  data: AlertView[]
  total: number
}

export async function listAlerts(
  db: Kysely<DB>,
  owner: Owner,
  filter: { watchlistId?: string | undefined; limit: number; offset: number },
): Promise<AlertPage> {
  let q = db.selectFrom('alerts')
  if (!owner.admin) q = q.where('owner_key_id', '=', owner.id)
  if (filter.watchlistId !== undefined) q = q.where('watchlist_id', '=', filter.watchlistId)
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return {
    total: Number(count.n),
    data: rows.map((r) =>
      alertView({
        ...r,
        id: Number(r.id),
        details: JSON.parse(r.details) as Record<string, unknown>,
        fired_at: Number(r.fired_at),
      }),
    ),
  }
}

/** An alert as the API, the MCP tools and webhook receivers see it. */
export function alertView(a: {
  id: number
  watchlist_id: string
  rule_id: string
  kind: string
  item_kind: string
  item_ref: string
  message: string
  details: Record<string, unknown>
  fired_at: number
}): AlertView {
  return {
    id: a.id,
    watchlist_id: a.watchlist_id,
    rule_id: a.rule_id,
    kind: a.kind,
    item: { kind: a.item_kind, ref: a.item_ref },
    message: a.message,
    details: a.details,
    fired_at: isoTime(a.fired_at),
  }
}
