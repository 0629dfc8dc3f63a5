/**
 * "Send test": a `ping` delivery to one endpoint, attempted at once and answered with how it
 * went. It is logged like any delivery but never retried, and it works on a disabled endpoint
 * too (to check a receiver before enabling it again).
 */
import type { Kysely } from 'kysely'
import type { Owner } from '../access/owner.js'
import type { DB } from '../db/schema.js'
import { DEFAULT_RETRY_SCHEDULE } from '../domain/webhook-retry.js'
import { recordAttempt, sendDelivery } from './delivery-attempt.js'
import { deliveryBody, newDeliveryId } from './enqueue-event.js'
import { DEFAULT_TIMEOUT_MS, type GuardOptions } from './guarded-post.js'
import { ownedWebhook } from './webhook-store.js'

export interface TestOutcome {
  delivery_id: string
  delivered: boolean
  status_code: number | null
  error: string | null
}

export async function sendTestPing(
  db: Kysely<DB>,
  owner: Owner,
  endpointId: string,
  options: GuardOptions & { nowMs: () => number; timeoutMs?: number },
): Promise<TestOutcome> {
  const endpoint = await ownedWebhook(db, owner, endpointId)
  const id = newDeliveryId()
  const now = options.nowMs()
  const payload = deliveryBody(
    id,
    'ping',
    { message: 'A test delivery from Toklytics.', webhook_id: endpoint.id },
    now,
  )
  // Not due (next_attempt_at null): the runner never claims it; this call sends it.
  await db
    .insertInto('webhook_deliveries')
    .values({
      id,
      endpoint_id: endpoint.id,
      event: 'ping',
      payload,
      created_at: now,
      attempts: 0,
      next_attempt_at: null,
      status: 'pending',
    })
    .execute()
  const delivery = {
    id,
    endpoint_id: endpoint.id,
    event: 'ping',
    payload,
    attempts: 0,
    url: endpoint.url,
    secret: endpoint.secret,
  }
  const attempt = {
    allowPrivate: options.allowPrivate,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    schedule: DEFAULT_RETRY_SCHEDULE,
    nowMs: options.nowMs,
    random: () => 0.5,
    once: true,
  }
  const outcome = await sendDelivery(delivery, attempt)
  await recordAttempt(db, delivery, outcome, attempt)
  return {
    delivery_id: id,
    delivered: outcome.delivered,
    status_code: outcome.statusCode,
    error: outcome.error,
  }
}
