/**
 * An MCP client connected in memory to the MCP server over a seeded API's database, with the
 * REST app's clock and base URL, so that tool answers can be compared with the REST answers.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { loadOpenApiDocument } from '../../src/contract/openapi-document.js'
import { createMcpServer } from '../../src/mcp/mcp-server.js'
import { toolCatalog } from '../../src/mcp/tool-catalog.js'
import { apiOperations } from '../../src/operations/api-operations.js'
import { API_NOW, PUBLIC_BASE_URL, type SeededApi } from './seeded-api.js'

/** The client; every answer's `meta.request_id` is `requestId`, and tool failures are thrown. */
export async function seededMcpClient(s: SeededApi, requestId: string): Promise<Client> {
  const operations = apiOperations({
    db: s.database.db,
    dialect: s.database.dialect,
    dataVersion: s.database.dataVersion,
    now: () => API_NOW,
    publicBaseUrl: PUBLIC_BASE_URL,
  })
  const server = createMcpServer({
    tools: toolCatalog(loadOpenApiDocument(), operations),
    operations,
    requestId: () => requestId,
    now: () => API_NOW,
    publicBaseUrl: PUBLIC_BASE_URL,
    logError: (err) => {
      throw err
    },
  })
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair()
  await server.connect(serverSide)
  const client = new Client({ name: `toklytics-${requestId}`, version: '1.0.0' })
  await client.connect(clientSide)
  return client
}
