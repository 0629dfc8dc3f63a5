/**
 * `/healthz` (the process is up, the database open; also the benchmarks' ceiling) and `/readyz`
 * (start-up work done, and the database and Redis answer now: what a load balancer routes by).
 */
import type { FastifyInstance } from 'fastify'
import type { Redis } from 'ioredis'
import { sql } from 'kysely'
import type { Database } from '../../db/open.js'

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
    const results: Record<string, Check> = {
      database: db,
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
      .map(([k]) => k)
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
