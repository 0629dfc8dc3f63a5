/**
 * Queues an event for webhook delivery: one delivery per enabled endpoint of the owner (or for
 * the one endpoint named). Runs in the caller's transaction when given one, so an event is
 * queued exactly when what caused it commits; the delivery runner sends it.
 */
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'

/** A JSON value, as an event's payload holds. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue | undefined }

/** Event names: lower case, dot-separated words (`alert.fired`, `ping`). */
const EVENT_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/

export interface WebhookEvent {
  /** The API key (api_keys.id, or "operator") whose endpoints receive it. */
  ownerKeyId: string
  /** Only this endpoint (it must be the owner's and enabled); every one of the owner's when absent. */
  endpointId?: string | undefined
  /** The event's name, sent as Toklytics-Event and `event` (e.g. `alert.fired`). */
  event: string
  /** What the receiver gets as `data`. */
  payload: { [key: string]: JsonValue | undefined }
  /** Epoch milliseconds (the first attempt is due at once). */
  nowMs: number
}

/** The body every delivery sends: its id, the event, when it happened, and the payload. */
export interface DeliveryBody {
  id: string
  event: string
  created_at: string
  data: WebhookEvent['payload']
}

export const newDeliveryId = (): string => `whd_${randomBytes(10).toString('hex')}`

/** The stored (and sent) JSON body of a delivery. */
export function deliveryBody(
  id: string,
  event: string,
  payload: WebhookEvent['payload'],
  nowMs: number,
): string {
  const body: DeliveryBody = { id, event, created_at: new Date(nowMs).toISOString(), data: payload }
  return JSON.stringify(body)
}

/** Queues `event`; resolves to the ids of the deliveries made (none when no endpoint is enabled). */
export async function enqueueWebhookEvent(db: Kysely<DB>, event: WebhookEvent): Promise<string[]> {
  if (!EVENT_NAME.test(event.event) || event.event.length > 64) {
    throw new Error(`invalid webhook event name ${JSON.stringify(event.event)}`)
  }
  let q = db
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('owner_key_id', '=', event.ownerKeyId)
    .where('enabled', '=', 1)
  if (event.endpointId !== undefined) q = q.where('id', '=', event.endpointId)
  const endpoints = await q.orderBy('id').execute()
  if (endpoints.length === 0) return []
  const rows = endpoints.map((e) => {
    const id = newDeliveryId()
    return {
      id,
      endpoint_id: e.id,
      event: event.event,
      payload: deliveryBody(id, event.event, event.payload, event.nowMs),
      created_at: event.nowMs,
      attempts: 0,
      next_attempt_at: event.nowMs,
      status: 'pending',
    }
  })
  await db.insertInto('webhook_deliveries').values(rows).execute()
  return rows.map((r) => r.id)
}
