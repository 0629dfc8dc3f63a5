/** The served contract: `GET /api/v1/openapi.json` and a readable docs page at `/docs`. */
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import type { OpenApiDocument } from '../../contract/openapi-document.js'
import { API_BASE } from '../api-routes.js'

export async function registerDocsRoutes(
  app: FastifyInstance,
  doc: OpenApiDocument,
): Promise<void> {
  await app.register(swagger, { mode: 'static', specification: { document: doc as never } })
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true })
  app.get(`${API_BASE}/openapi.json`, async () => doc)
}
