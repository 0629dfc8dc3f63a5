/** Fired alerts to webhooks: an `alert.fired` delivery to the rule's webhook, or to all of the owner's. */
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import { enqueueWebhookEvent, type JsonValue } from '../webhooks/enqueue-event.js'
import { alertView } from './alert-history.js'
import type { FiredAlert } from './evaluate-alerts.js'

export const ALERT_EVENT = 'alert.fired'

/** Queues the alert's deliveries in `trx` (the transaction that stores the alert). */
export async function queueAlertWebhooks(trx: Kysely<DB>, alert: FiredAlert): Promise<void> {
  await enqueueWebhookEvent(trx, {
    ownerKeyId: alert.owner,
    endpointId: alert.webhook_id ?? undefined,
    event: ALERT_EVENT,
    // Its JSON is JSON: the details hold numbers, strings and null only.
    payload: alertView(alert) as unknown as { [key: string]: JsonValue },
    nowMs: alert.fired_at * 1000,
  })
}
