/** `/healthz` (the process is up, the database open; also the benchmarks' ceiling) and `/readyz`. */
import type { FastifyInstance } from 'fastify'
import type { Database } from '../../db/open.js'

export function registerHealthRoutes(
  app: FastifyInstance,
  database: Database,
  readiness: () => { ready: boolean; detail: string },
): void {
  app.get('/healthz', async () => ({ status: 'ok', database: database.dialect.name }))
  app.get('/readyz', async (_req, reply) => {
    const { ready, detail } = readiness()
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'starting', detail })
  })
}
