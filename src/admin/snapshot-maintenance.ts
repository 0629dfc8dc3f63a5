/** The server's daily upkeep of the snapshot tables: partitions ahead of time, and retention if on. */
import type { Database } from '../db/open.js'
import { type ThinSummary, thinSnapshots } from './thin-snapshots.js'

const DAY_MS = 86_400_000
/** Retention waits this long after start, so that a restart does not rescan straight away. */
const FIRST_RETENTION_DELAY_MS = 10 * 60_000

export interface SnapshotMaintenanceOptions {
  /** TOKLYTICS_SNAPSHOT_RETENTION: thin old snapshots once a day. */
  retention: boolean
  log: {
    info(msg: string): void
    error(obj: { err: unknown }, msg: string): void
  }
  /** Epoch milliseconds (tests pin it). */
  now?: () => number
}

export interface SnapshotMaintenance {
  /** Stops the timers and waits for a run in progress, before the database closes. */
  stop(): Promise<void>
}

/**
 * Ensures the snapshot partitions now (PostgreSQL; nothing on SQLite) and then once a day, so
 * that the month after next always exists; with `retention`, thins old snapshots 10 minutes
 * after start and then once a day. Timers are unref'd: they never keep the process alive.
 * Failures are logged and retried at the next run.
 */
export function startSnapshotMaintenance(
  database: Database,
  options: SnapshotMaintenanceOptions,
): SnapshotMaintenance {
  const now = options.now ?? Date.now
  let running: Promise<void> = Promise.resolve()
  const stopping = new AbortController()
  const timers: NodeJS.Timeout[] = []
  const run = (what: 'partitions' | 'retention') => {
    if (stopping.signal.aborted) return
    running = running.then(async () => {
      if (stopping.signal.aborted) return
      try {
        const nowSec = Math.floor(now() / 1000)
        const created = await database.dialect.ensureSnapshotPartitions(database.db, nowSec)
        if (created.length > 0)
          options.log.info(`snapshot partitions created: ${created.join(', ')}`)
        if (what === 'retention')
          options.log.info(
            describeThinning(
              await thinSnapshots(database, { now: nowSec, signal: stopping.signal }),
            ),
          )
      } catch (err) {
        options.log.error({ err }, `snapshot ${what} upkeep failed`)
      }
    })
  }
  run('partitions')
  timers.push(setInterval(() => run('partitions'), DAY_MS).unref())
  if (options.retention) {
    timers.push(
      setTimeout(() => {
        run('retention')
        timers.push(setInterval(() => run('retention'), DAY_MS).unref())
      }, FIRST_RETENTION_DELAY_MS).unref(),
    )
  }
  return {
    async stop() {
      stopping.abort()
      for (const t of timers) clearTimeout(t)
      await running
    },
  }
}

/** One line for the log and the CLI. */
export function describeThinning(s: ThinSummary): string {
  const table = (name: string, t: ThinSummary['creator_snapshots']) =>
    `${name}: ${t.deleted} of ${t.examined} deleted (${t.entities} entities)`
  return `snapshot retention before ${new Date(s.horizon * 1000).toISOString()}: ${table('creator_snapshots', s.creator_snapshots)}, ${table('video_snapshots', s.video_snapshots)}`
}
