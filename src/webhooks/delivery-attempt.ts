/**
 * One attempt at one delivery and its record: sign the stored body with a fresh timestamp, POST
 * it, then store the outcome — delivered, due again after the retry delay, or failed for good.
 * An endpoint whose deliveries keep failing for good is disabled (domain/webhook-retry.ts).
 */
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import {
  DISABLE_AFTER_FAILED_DELIVERIES,
  type RetrySchedule,
  retryDelayMs,
} from '../domain/webhook-retry.js'
import { guardedPost, type PostOptions, type PostOutcome } from './guarded-post.js'
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  signatureHeader,
  WEBHOOK_USER_AGENT,
} from './webhook-signature.js'
import { failPendingDeliveries } from './webhook-store.js'

/** A delivery with what sending it needs. */
export interface DueDelivery {
  id: string
  endpoint_id: string
  event: string
  payload: string
  attempts: number
  url: string
  secret: string
}

export interface AttemptOptions extends PostOptions {
  schedule: RetrySchedule
  /** Epoch milliseconds. */
  nowMs: () => number
  /** In [0, 1): the retry delay's jitter. */
  random: () => number
}

/** Sends one attempt of `delivery` (never throws for the receiver's faults). */
export function sendDelivery(delivery: DueDelivery, options: AttemptOptions): Promise<PostOutcome> {
  const headers = {
    'content-type': 'application/json',
    'user-agent': WEBHOOK_USER_AGENT,
    [EVENT_HEADER]: delivery.event,
    [DELIVERY_HEADER]: delivery.id,
    // Signed at this attempt, so a retry an hour later is inside the receiver's window.
    [SIGNATURE_HEADER]: signatureHeader(delivery.secret, delivery.payload, options.nowMs() / 1000),
  }
  return guardedPost(delivery.url, headers, delivery.payload, options)
}

/**
 * Stores how an attempt went. `once` (a test ping): no retry, and the endpoint's failure count
 * is left alone — a test says how the receiver is now, it is not an event that was lost.
 */
export async function recordAttempt(
  db: Kysely<DB>,
  delivery: DueDelivery,
  outcome: PostOutcome,
  options: AttemptOptions & { once?: boolean },
): Promise<'delivered' | 'pending' | 'failed'> {
  const now = options.nowMs()
  const attempts = delivery.attempts + 1
  const last = {
    attempts,
    last_attempt_at: now,
    last_status_code: outcome.statusCode,
    last_error: outcome.error,
  }
  if (outcome.delivered) {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('webhook_deliveries')
        .set({ ...last, status: 'delivered', delivered_at: now, next_attempt_at: null })
        .where('id', '=', delivery.id)
        .execute()
      if (options.once !== true) {
        await trx
          .updateTable('webhook_endpoints')
          .set({ consecutive_failures: 0 })
          .where('id', '=', delivery.endpoint_id)
          .where('consecutive_failures', '>', 0)
          .execute()
      }
    })
    return 'delivered'
  }
  const delay =
    options.once === true ? null : retryDelayMs(attempts, options.schedule, options.random())
  if (delay !== null) {
    await db
      .updateTable('webhook_deliveries')
      .set({ ...last, status: 'pending', next_attempt_at: now + delay })
      .where('id', '=', delivery.id)
      .execute()
    return 'pending'
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('webhook_deliveries')
      .set({ ...last, status: 'failed', next_attempt_at: null })
      .where('id', '=', delivery.id)
      .execute()
    if (options.once === true) return
    await trx
      .updateTable('webhook_endpoints')
      .set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1) }))
      .where('id', '=', delivery.endpoint_id)
      .execute()
    const disabled = await trx
      .updateTable('webhook_endpoints')
      .set({
        enabled: 0,
        updated_at: now,
        disabled_reason: `${DISABLE_AFTER_FAILED_DELIVERIES} deliveries in a row failed after every retry (last: ${outcome.error ?? 'no answer'}); re-enable it once the receiver works`,
      })
      .where('id', '=', delivery.endpoint_id)
      .where('enabled', '=', 1)
      .where('consecutive_failures', '>=', DISABLE_AFTER_FAILED_DELIVERIES)
      .executeTakeFirst()
    if (Number(disabled.numUpdatedRows) > 0) {
      await failPendingDeliveries(
        trx,
        delivery.endpoint_id,
        now,
        'the endpoint was disabled after repeated failures',
      )
    }
  })
  return 'failed'
}
