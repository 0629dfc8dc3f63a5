/**
 * The webhook delivery runner: every interval it claims the deliveries that are due, sends them
 * (several at once), and records each outcome. A claim moves the delivery's due time a lease
 * ahead in its own short transaction — on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so several
 * processes may run the runner and never send one delivery twice — and a process that dies
 * mid-send leaves its deliveries to be claimed again when the lease runs out.
 */
import type { Config } from '../config.js'
import type { Database } from '../db/open.js'
import { DEFAULT_RETRY_SCHEDULE, type RetrySchedule } from '../domain/webhook-retry.js'
import { type PeriodicPass, startPeriodicPass } from '../support/periodic-pass.js'
import {
  type AttemptOptions,
  type DueDelivery,
  recordAttempt,
  sendDelivery,
} from './delivery-attempt.js'
import { DEFAULT_TIMEOUT_MS } from './guarded-post.js'

export interface WebhookDeliveryOptions {
  database: Database
  config: Pick<Config, 'webhookAllowPrivate'>
  /** Epoch milliseconds (Date.now in production). */
  nowMs?: () => number
  /** The retry schedule (DEFAULT_RETRY_SCHEDULE; milliseconds in tests). */
  schedule?: Partial<RetrySchedule>
  /** How often due deliveries are looked for (1 s). */
  intervalMs?: number
  /** Deadline of one POST (10 s). */
  timeoutMs?: number
  /** Deliveries claimed and sent at once (20). */
  batch?: number
  /** In [0, 1): the retry jitter (Math.random). */
  random?: () => number
  /** A pass that failed (the database unreachable): it is retried at the next interval. */
  onError?: (err: unknown) => void
}

/** runOnce resolves to the number of deliveries attempted. */
export type WebhookDelivery = PeriodicPass<number>

/** Claims due deliveries: their due time moves a lease ahead so no other pass takes them. */
async function claimDue(
  database: Database,
  nowMs: number,
  limit: number,
  leaseMs: number,
): Promise<DueDelivery[]> {
  return database.db.transaction().execute(async (trx) => {
    let due = trx
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', nowMs)
      .where('endpoint_id', 'in', (eb) =>
        eb.selectFrom('webhook_endpoints').select('id').where('enabled', '=', 1),
      )
      .orderBy('next_attempt_at')
      .limit(limit)
    if (database.dialect.rowLocks) due = due.forUpdate().skipLocked()
    const ids = (await due.execute()).map((r) => r.id)
    if (ids.length === 0) return []
    await trx
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: nowMs + leaseMs })
      .where('id', 'in', ids)
      .execute()
    const rows = await trx
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .select(['d.id', 'd.endpoint_id', 'd.event', 'd.payload', 'd.attempts', 'e.url', 'e.secret'])
      .where('d.id', 'in', ids)
      .execute()
    return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }))
  })
}

/** Starts the runner (src/support/periodic-pass.ts); stop() on shutdown. */
export function startWebhookDelivery(options: WebhookDeliveryOptions): WebhookDelivery {
  const { database } = options
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const attempt: AttemptOptions = {
    allowPrivate: options.config.webhookAllowPrivate,
    timeoutMs,
    schedule: { ...DEFAULT_RETRY_SCHEDULE, ...options.schedule },
    nowMs: options.nowMs ?? Date.now,
    random: options.random ?? Math.random,
  }
  // Longer than any attempt can take, so a live pass always records before another claims.
  const leaseMs = timeoutMs * 3 + 30_000
  const limit = options.batch ?? 20
  const pass = async (): Promise<number> => {
    const claimed = await claimDue(database, attempt.nowMs(), limit, leaseMs)
    await Promise.all(
      claimed.map(async (delivery) => {
        const outcome = await sendDelivery(delivery, attempt)
        await recordAttempt(database.db, delivery, outcome, attempt)
      }),
    )
    return claimed.length
  }
  return startPeriodicPass(pass, {
    intervalMs: options.intervalMs ?? 1000,
    onError: options.onError,
  })
}
