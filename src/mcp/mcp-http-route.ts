/**
 * `POST /mcp`: the MCP tools over streamable HTTP, stateless — a new MCP server and transport
 * per request, no session — so any instance behind a load balancer can answer any request, and
 * each request passes the app's own hooks (API key, rate limit) like a REST call.
 */
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Owner } from '../access/owner.js'
import type { OpenApiDocument } from '../contract/openapi-document.js'
import type { ApiOperations } from '../operations/api-operations.js'
import type { WatchlistOperations } from '../operations/watchlist-operations.js'
import { createMcpServer } from './mcp-server.js'
import { ownedToolCatalog, toolCatalog } from './tool-catalog.js'

export const MCP_PATH = '/mcp'

/** JSON-RPC's own error shape: what an MCP client reads on this endpoint. */
const jsonRpcError = (code: number, message: string) => ({
  jsonrpc: '2.0',
  error: { code, message },
  id: null,
})

export interface McpRouteDeps {
  doc: OpenApiDocument
  operations: ApiOperations
  publicBaseUrl: string
  /** The operations' clock (epoch seconds). */
  now: () => number
  /** Watchlist and alert tools, acting for the request's API key (`ownerOf`). */
  owned?: {
    operations: WatchlistOperations
    ownerOf: (req: FastifyRequest) => Owner | null
  }
}

/** The headers the hooks have set (request id, RateLimit-*, security): a hijacked reply drops them. */
function keepHeaders(reply: FastifyReply): void {
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) reply.raw.setHeader(name, value)
  }
}

export function registerMcpRoute(app: FastifyInstance, deps: McpRouteDeps): void {
  const tools = toolCatalog(deps.doc, deps.operations)
  const ownedTools = ownedToolCatalog(deps.doc)
  const owned = deps.owned

  app.post(MCP_PATH, async (req, reply) => {
    const server = createMcpServer({
      tools,
      operations: deps.operations,
      requestId: () => req.id,
      now: deps.now,
      publicBaseUrl: deps.publicBaseUrl,
      logError: (err, tool) => req.log.error({ err, tool }, 'MCP tool failed'),
      ...(owned === undefined
        ? {}
        : {
            owned: { tools: ownedTools, operations: owned.operations, owner: owned.ownerOf(req) },
          }),
    })
    // JSON answers, not an SSE stream: a tool call has nothing to stream.
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    })
    reply.hijack()
    keepHeaders(reply)
    reply.raw.on('close', () => {
      transport.close().catch(() => {})
      server.close().catch(() => {})
    })
    try {
      await server.connect(transport)
      await transport.handleRequest(req.raw, reply.raw, req.body)
    } catch (err) {
      req.log.error({ err }, 'MCP request failed')
      if (!reply.raw.headersSent) {
        reply.raw
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify(jsonRpcError(-32603, 'Internal error; it has been logged.')))
      }
    }
  })

  // Without sessions there is no stream to open (GET) and nothing to end (DELETE).
  const postOnly = async (_req: unknown, reply: FastifyReply) =>
    reply
      .code(405)
      .header('allow', 'POST')
      .send(jsonRpcError(-32000, 'Method not allowed: this stateless MCP endpoint takes POST.'))
  app.get(MCP_PATH, postOnly)
  app.delete(MCP_PATH, postOnly)
}
