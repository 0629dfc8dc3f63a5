/**
 * The watchlist and alert operations of the API, for an owner (an API key, or the operator):
 * REST routes and MCP tools are adapters over them, as over the read operations. An answer of
 * null is "done, nothing to say" (204 on REST).
 */
import type { Kysely } from 'kysely'
import type { Owner } from '../access/owner.js'
import { listAlerts } from '../alerts/alert-history.js'
import {
  type AlertRuleInput,
  addRule,
  addWatchItem,
  createWatchlist,
  deleteWatchlist,
  listWatchlists,
  ownedWatchlist,
  removeRule,
  removeWatchItem,
  renameWatchlist,
  type WatchItemInput,
} from '../alerts/watchlist-store.js'
import { ruleView, watchlistView } from '../alerts/watchlist-view.js'
import type { DB } from '../db/schema.js'
import { pagination } from '../queries/pagination.js'
import { type Answer, single } from './operation-answer.js'
import { answering } from './refusal-answer.js'

export interface WatchlistOperationDeps {
  /** The primary (writable) database. */
  db: Kysely<DB>
  /** Epoch seconds. */
  now: () => number
  /** Whether `owner` may send alerts to the webhook `id` (the webhook store answers). */
  webhookOwned?: (owner: Owner, id: string) => Promise<boolean>
}

/** Path, query and body of a call in one object, validated against the contract. */
type Input = Record<string, unknown>

const str = (input: Input, name: string) => String(input[name])

export function watchlistOperations(deps: WatchlistOperationDeps) {
  const { db, now } = deps
  const view = (owner: Owner, id: string) => watchlistView(db, owner, id, now())
  const alertPage = async (owner: Owner, input: Input, watchlistId?: string) => {
    const page = Number(input.page ?? 1)
    const limit = Number(input.limit ?? 20)
    const result = await listAlerts(db, owner, { watchlistId, limit, offset: (page - 1) * limit })
    return { data: result.data, pagination: pagination({ page, limit }, result.total) }
  }
  return {
    listWatchlists: (owner: Owner) =>
      answering(async () => single(await listWatchlists(db, owner))),
    createWatchlist: (owner: Owner, input: Input) =>
      answering(async () => {
        const items = (input.items ?? []) as WatchItemInput[]
        const id = await createWatchlist(db, owner, { name: str(input, 'name'), items }, now())
        return single(await view(owner, id))
      }),
    getWatchlist: (owner: Owner, input: Input) =>
      answering(async () => single(await view(owner, str(input, 'id')))),
    renameWatchlist: (owner: Owner, input: Input) =>
      answering(async () => {
        await renameWatchlist(db, owner, str(input, 'id'), str(input, 'name'), now())
        return single(await view(owner, str(input, 'id')))
      }),
    deleteWatchlist: (owner: Owner, input: Input) =>
      answering(async () => {
        await deleteWatchlist(db, owner, str(input, 'id'))
        return null
      }),
    addWatchlistItem: (owner: Owner, input: Input) =>
      answering(async () => {
        const item = { kind: input.kind, ref: input.ref } as WatchItemInput
        await addWatchItem(db, owner, str(input, 'id'), item, now())
        return single(await view(owner, str(input, 'id')))
      }),
    removeWatchlistItem: (owner: Owner, input: Input) =>
      answering(async () => {
        const item = { kind: input.kind, ref: input.ref } as WatchItemInput
        await removeWatchItem(db, owner, str(input, 'id'), item, now())
        return null
      }),
    addAlertRule: (owner: Owner, input: Input) =>
      answering(async () => {
        const { id, ...rule } = input
        const owned = deps.webhookOwned ?? (async () => false)
        const listOwner = await ownedWatchlist(db, owner, String(id))
        const stored = await addRule(
          db,
          owner,
          String(id),
          rule as unknown as AlertRuleInput,
          now(),
          (w) =>
            // The list's owner must own the webhook (an admin adds rules for that owner).
            owned({ id: listOwner.owner_key_id, admin: false }, w),
        )
        return single(ruleView(stored))
      }),
    removeAlertRule: (owner: Owner, input: Input) =>
      answering(async () => {
        await removeRule(db, owner, str(input, 'id'), str(input, 'rule_id'))
        return null
      }),
    listWatchlistAlerts: (owner: Owner, input: Input) =>
      answering(async () => {
        await ownedWatchlist(db, owner, str(input, 'id'))
        return alertPage(owner, input, str(input, 'id'))
      }),
    listAlerts: (owner: Owner, input: Input) => answering(() => alertPage(owner, input)),
  } satisfies Record<string, (owner: Owner, input: Input) => Promise<Answer | null>>
}

export type WatchlistOperations = ReturnType<typeof watchlistOperations>
export type WatchlistOperationId = keyof WatchlistOperations

/** The operations that act for an owner: never a shared cache entry, never an anonymous call. */
export const OWNED_OPERATION_IDS: ReadonlySet<string> = new Set<WatchlistOperationId>([
  'listWatchlists',
  'createWatchlist',
  'getWatchlist',
  'renameWatchlist',
  'deleteWatchlist',
  'addWatchlistItem',
  'removeWatchlistItem',
  'addAlertRule',
  'removeAlertRule',
  'listWatchlistAlerts',
  'listAlerts',
])
