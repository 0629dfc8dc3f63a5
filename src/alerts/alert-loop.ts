/**
 * Evaluates alert rules as observations arrive, beside ingestion rather than inside it: a loop
 * that reads the data version each interval and evaluates what the writes since its cursor
 * changed (data_changes), so a write transaction never waits for an alert. The cursor is
 * stored, so a restart resumes where it stopped; several processes may run the loop, since an
 * alert is stored once by its event key.
 */
import type { Kysely } from 'kysely'
import { changesBetween, currentDataVersion } from '../db/data-version.js'
import type { DB } from '../db/schema.js'
import { type PeriodicPass, startPeriodicPass } from '../support/periodic-pass.js'
import {
  type EvaluateOptions,
  evaluateAlerts,
  type FiredAlert,
  KnownEvents,
  type RisingRanks,
} from './evaluate-alerts.js'

/** Rising lists are aggregates: evaluating them at every write would rank everything each second. */
export const RISING_EVERY_SECONDS = 60

export interface AlertLoopOptions {
  db: Kysely<DB>
  /** Epoch seconds. */
  now: () => number
  rising?: RisingRanks | undefined
  /** Queues an alert's webhook deliveries, in the transaction that stores it. */
  deliver?: EvaluateOptions['deliver']
  /** Called with the alerts a pass stored. */
  onFired?: ((alerts: readonly FiredAlert[]) => Promise<void>) | undefined
  intervalMs?: number
  onError?: (err: unknown) => void
}

/** runOnce resolves to the alerts the pass stored. */
export type AlertLoop = PeriodicPass<FiredAlert[]>

export function startAlertLoop(options: AlertLoopOptions): AlertLoop {
  const { db } = options
  let risingAt = Number.NEGATIVE_INFINITY
  const known = new KnownEvents()

  const pass = async (): Promise<FiredAlert[]> => {
    const cursor = await db
      .selectFrom('alert_cursor')
      .select('version')
      .where('id', '=', 1)
      .executeTakeFirst()
    const from = Number(cursor?.version ?? -1)
    const version = await currentDataVersion(db)
    const now = options.now()
    const risingDue = options.rising !== undefined && now - risingAt >= RISING_EVERY_SECONDS
    if (version === from && !risingDue) return []
    // A first pass, or a cursor older than the kept changes, does not know what changed: all.
    const changed =
      version === from
        ? new Set<string>()
        : from < 0 || version < from
          ? 'all'
          : await changesBetween(db, from, version)
    const fired = await evaluateAlerts({
      db,
      now,
      changed,
      known,
      deliver: options.deliver,
      rising: risingDue ? options.rising : undefined,
    })
    if (risingDue) risingAt = now
    if (version !== from) {
      // Forward only, so a slower process never winds back another's cursor — unless the data
      // itself went back (a restored database).
      let move = db.updateTable('alert_cursor').set({ version }).where('id', '=', 1)
      if (version > from) move = move.where('version', '<', version)
      await move.execute()
    }
    if (fired.length > 0 && options.onFired !== undefined) await options.onFired(fired)
    return fired
  }

  return startPeriodicPass(pass, {
    intervalMs: options.intervalMs ?? 1000,
    onError: options.onError,
  })
}
