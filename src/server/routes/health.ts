/**
 * `/healthz` (the process is up, the database open; also the benchmarks' ceiling) and `/readyz`
 * (start-up work done, the database and Redis answer now, and the last write did not hit a storage
 * fault such as a full disk: what a load balancer routes by).
 */
import type { FastifyInstance } from 'fastify'
import type { Redis } from 'ioredis'
import { sql } from 'kysely'
import type { Database } from '../../db/open.js'
import type { StorageFaultKind } from '../../db/storage-faults.js'

/** A dependency that does not answer within this is reported down. */
const CHECK_TIMEOUT_MS = 2000

type Check = { ok: true } | { ok: false; error: string }

async function within(ms: number, work: () => Promise<unknown>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<Check>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: `no answer within ${ms} ms` }), ms)
  })
  try {
    return await Promise.race([work().then((): Check => ({ ok: true })), timeout])
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) }
  } finally {
    clearTimeout(timer)
  }
}

/** How the public answer names a storage fault (the log has the engine's own words). */
const FAULT_WORDS: Readonly<Record<StorageFaultKind, string>> = {
  full: 'no space left',
  read_only: 'read-only',
  unavailable: 'writes failing',
}

export interface HealthDeps {
  database: Database
  /** Whether start-up work (the demo data set) is done. */
  readiness: () => { ready: boolean; detail: string }
  /** The app's Redis connection (REDIS_URL), checked with PING; null without Redis. */
  redis: Redis | null
}

export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  const { database, redis } = deps
  app.get('/healthz', async () => ({ status: 'ok', database: database.dialect.name }))
  app.get('/readyz', async (req, reply) => {
    const [db, cache] = await Promise.all([
      within(CHECK_TIMEOUT_MS, () => sql`select 1`.execute(database.db)),
      redis === null ? Promise.resolve(null) : within(CHECK_TIMEOUT_MS, () => redis.ping()),
    ])
    // The answer is public: it says what is down; the log says why.
    // A full disk or a read-only store still answers `select 1`: the last write says more.
    const fault = database.storage.fault
    const storage: Check =
      fault === null
        ? { ok: true }
        : {
            ok: false,
            error: `${fault.kind} since ${new Date(fault.since).toISOString()}: ${fault.cause}`,
          }
    const results: Record<string, Check> = {
      database: db,
      storage,
      ...(cache === null ? {} : { redis: cache }),
    }
    const checks: Record<string, string> = {}
    for (const [name, check] of Object.entries(results)) {
      checks[name] = check.ok ? 'ok' : 'unavailable'
      if (!check.ok) req.log.warn({ check: name, error: check.error }, 'readiness check failed')
    }
    const { ready, detail } = deps.readiness()
    const down = Object.entries(checks)
      .filter(([, v]) => v !== 'ok')
      .map(([k]) =>
        k === 'storage' && fault !== null ? `storage (${FAULT_WORDS[fault.kind]})` : k,
      )
    if (down.length > 0) {
      return reply
        .status(503)
        .send({ status: 'unavailable', detail: `not answering: ${down.join(', ')}`, checks })
    }
    return reply
      .status(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'starting', detail, checks })
  })
}
