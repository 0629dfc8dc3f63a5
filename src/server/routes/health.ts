/** `GET /healthz`: the process is up and the database is open (also the benchmarks' ceiling route). */
import type { FastifyInstance } from 'fastify'
import type { Database } from '../../db/open.js'

export function registerHealthRoutes(app: FastifyInstance, database: Database): void {
  app.get('/healthz', async () => ({ status: 'ok', database: database.dialect.name }))
}
