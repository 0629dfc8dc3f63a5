/**
 * Webhook endpoints of an owner (an API key, or the operator): create, list, change, delete,
 * and their delivery log. An owner sees only its own endpoints (another's answers "not found");
 * an admin sees every one. The secret is returned at creation and rotation only.
 */
import { randomBytes } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import type { Owner } from '../access/owner.js'
import type { DB, WebhookDeliveryRow, WebhookEndpointRow } from '../db/schema.js'
import type { GuardOptions } from './guarded-post.js'
import { invalidField, webhookNotFound } from './webhook-refusal.js'
import { webhookUrlRefusal } from './webhook-url.js'

export const MAX_DESCRIPTION_LENGTH = 500

/** An endpoint as the API shows it (never its secret). */
export interface WebhookView {
  id: string
  owner: string
  url: string
  description: string | null
  enabled: boolean
  disabled_reason: string | null
  consecutive_failures: number
  created_at: string
  updated_at: string
}

/** One delivery of the log. */
export interface WebhookDeliveryView {
  id: string
  event: string
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  created_at: string
  last_attempt_at: string | null
  next_attempt_at: string | null
  delivered_at: string | null
  last_status_code: number | null
  last_error: string | null
  /** The body that was (or will be) sent. */
  payload: Record<string, unknown>
}

export interface WebhookInput {
  url: string
  description?: string | null
}

export interface WebhookChange {
  url?: string
  description?: string | null
  enabled?: boolean
}

const iso = (ms: number | string | null): string | null =>
  ms === null ? null : new Date(Number(ms)).toISOString()

export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('hex')}`

export function webhookView(row: Selectable<WebhookEndpointRow>): WebhookView {
  return {
    id: row.id,
    owner: row.owner_key_id,
    url: row.url,
    description: row.description,
    enabled: Number(row.enabled) === 1,
    disabled_reason: row.disabled_reason,
    consecutive_failures: Number(row.consecutive_failures),
    created_at: iso(row.created_at) ?? '',
    updated_at: iso(row.updated_at) ?? '',
  }
}

function deliveryView(row: Selectable<WebhookDeliveryRow>): WebhookDeliveryView {
  return {
    id: row.id,
    event: row.event,
    status: row.status as WebhookDeliveryView['status'],
    attempts: Number(row.attempts),
    created_at: iso(row.created_at) ?? '',
    last_attempt_at: iso(row.last_attempt_at),
    next_attempt_at: iso(row.next_attempt_at),
    delivered_at: iso(row.delivered_at),
    last_status_code: row.last_status_code === null ? null : Number(row.last_status_code),
    last_error: row.last_error,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  }
}

/** The endpoint `id` if `owner` may see it; else "not found" (whether it exists or not). */
export async function ownedWebhook(
  db: Kysely<DB>,
  owner: Owner,
  id: string,
): Promise<Selectable<WebhookEndpointRow>> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (row === undefined || (!owner.admin && row.owner_key_id !== owner.id)) {
    throw webhookNotFound(id)
  }
  return row
}

/** For alert rules: whether `owner` may send to the webhook `id`. */
export function webhookOwned(db: Kysely<DB>): (owner: Owner, id: string) => Promise<boolean> {
  return async (owner, id) => {
    const row = await db
      .selectFrom('webhook_endpoints')
      .select('owner_key_id')
      .where('id', '=', id)
      .executeTakeFirst()
    return row !== undefined && (owner.admin || row.owner_key_id === owner.id)
  }
}

async function checkedUrl(url: string, guard: GuardOptions): Promise<string> {
  const trimmed = url.trim()
  const refusal = await webhookUrlRefusal(trimmed, guard)
  if (refusal !== null) throw invalidField('url', refusal)
  return trimmed
}

function checkedDescription(description: string | null | undefined): string | null {
  const trimmed = description?.trim() ?? ''
  if (trimmed.length > MAX_DESCRIPTION_LENGTH) {
    throw invalidField('description', `is longer than ${MAX_DESCRIPTION_LENGTH} characters`)
  }
  return trimmed === '' ? null : trimmed
}

/** A new endpoint of `owner`, with its secret (shown this once). */
export async function createWebhook(
  db: Kysely<DB>,
  owner: Owner,
  input: WebhookInput,
  nowMs: number,
  guard: GuardOptions,
): Promise<{ webhook: WebhookView; secret: string }> {
  const row = {
    id: `wh_${randomBytes(8).toString('hex')}`,
    owner_key_id: owner.id,
    url: await checkedUrl(input.url, guard),
    description: checkedDescription(input.description),
    secret: newWebhookSecret(),
    enabled: 1,
    disabled_reason: null,
    consecutive_failures: 0,
    created_at: nowMs,
    updated_at: nowMs,
  }
  await db.insertInto('webhook_endpoints').values(row).execute()
  return { webhook: webhookView(row), secret: row.secret }
}

/** The owner's endpoints (every one for an admin), oldest first. */
export async function listWebhooks(db: Kysely<DB>, owner: Owner): Promise<WebhookView[]> {
  let q = db.selectFrom('webhook_endpoints').selectAll()
  if (!owner.admin) q = q.where('owner_key_id', '=', owner.id)
  const rows = await q.orderBy('created_at').orderBy('id').execute()
  return rows.map(webhookView)
}

export async function getWebhook(db: Kysely<DB>, owner: Owner, id: string): Promise<WebhookView> {
  return webhookView(await ownedWebhook(db, owner, id))
}

/**
 * Changes an endpoint. Disabling it fails its pending deliveries (nothing is sent to a disabled
 * endpoint, and events are not kept for later); enabling it clears the failure count and reason.
 */
export async function updateWebhook(
  db: Kysely<DB>,
  owner: Owner,
  id: string,
  change: WebhookChange,
  nowMs: number,
  guard: GuardOptions,
): Promise<WebhookView> {
  const current = await ownedWebhook(db, owner, id)
  const set: Partial<Selectable<WebhookEndpointRow>> = { updated_at: nowMs }
  if (change.url !== undefined) set.url = await checkedUrl(change.url, guard)
  if (change.description !== undefined) set.description = checkedDescription(change.description)
  const wasEnabled = Number(current.enabled) === 1
  if (change.enabled === true && !wasEnabled) {
    Object.assign(set, { enabled: 1, disabled_reason: null, consecutive_failures: 0 })
  }
  await db.transaction().execute(async (trx) => {
    if (change.enabled === false && wasEnabled) {
      Object.assign(set, { enabled: 0, disabled_reason: 'disabled by its owner' })
      await failPendingDeliveries(trx, id, nowMs, 'the endpoint was disabled')
    }
    await trx.updateTable('webhook_endpoints').set(set).where('id', '=', id).execute()
  })
  return getWebhook(db, owner, id)
}

/** A new secret for the endpoint (shown this once); deliveries from now on are signed with it. */
export async function rotateWebhookSecret(
  db: Kysely<DB>,
  owner: Owner,
  id: string,
  nowMs: number,
): Promise<{ webhook: WebhookView; secret: string }> {
  await ownedWebhook(db, owner, id)
  const secret = newWebhookSecret()
  await db
    .updateTable('webhook_endpoints')
    .set({ secret, updated_at: nowMs })
    .where('id', '=', id)
    .execute()
  return { webhook: await getWebhook(db, owner, id), secret }
}

/** The endpoint and its delivery log. */
export async function deleteWebhook(db: Kysely<DB>, owner: Owner, id: string): Promise<void> {
  await ownedWebhook(db, owner, id)
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute()
    await trx.deleteFrom('webhook_endpoints').where('id', '=', id).execute()
  })
}

/** Marks the endpoint's pending deliveries failed (it was disabled). */
export async function failPendingDeliveries(
  db: Kysely<DB>,
  endpointId: string,
  nowMs: number,
  reason: string,
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', next_attempt_at: null, last_error: reason, last_attempt_at: nowMs })
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending')
    .execute()
}

/** A page of the endpoint's deliveries, newest first, and how many it has in all. */
export async function listDeliveries(
  db: Kysely<DB>,
  owner: Owner,
  id: string,
  page: { limit: number; offset: number },
): Promise<{ data: WebhookDeliveryView[]; total: number }> {
  await ownedWebhook(db, owner, id)
  const rows = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('endpoint_id', '=', id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  const count = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('endpoint_id', '=', id)
    .executeTakeFirstOrThrow()
  return { data: rows.map(deliveryView), total: Number(count.n) }
}
