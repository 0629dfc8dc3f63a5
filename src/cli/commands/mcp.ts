/**
 * `toklytics mcp`: the read API (and the operator's watchlists) as MCP tools over stdio, for desktop AI agents that start the
 * server themselves. stdout carries the protocol only: logs go to stderr. It reads the database
 * as it is (no demo data, no HTTP) and stops when the agent closes its stdin.
 */
import { randomUUID } from 'node:crypto'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import closeWithGrace from 'close-with-grace'
import type { Command } from 'commander'
import { pino } from 'pino'
import { OPERATOR } from '../../access/owner.js'
import { loadOpenApiDocument } from '../../contract/openapi-document.js'
import { createMcpServer } from '../../mcp/mcp-server.js'
import { ownedToolCatalog, toolCatalog } from '../../mcp/tool-catalog.js'
import { apiOperations } from '../../operations/api-operations.js'
import { watchlistOperations } from '../../operations/watchlist-operations.js'
import { readContext } from '../../queries/query-context.js'
import { commandConfig, openCommandDatabase } from '../context.js'

const STDERR = 2

export function registerMcpCommand(program: Command): void {
  program
    .command('mcp')
    .description('serve the read API as MCP tools over stdio (for AI agents; logs on stderr)')
    .action(async (_opts: unknown, cmd: Command) => {
      const config = commandConfig(cmd)
      const log = pino({ level: config.logLevel, name: 'toklytics-mcp' }, pino.destination(STDERR))
      const database = await openCommandDatabase(config, {
        readUrl: config.databaseReadUrl,
      })
      const now = () => Math.floor(Date.now() / 1000)
      const operations = apiOperations(
        readContext(database, { now, publicBaseUrl: config.publicBaseUrl }),
      )
      const doc = loadOpenApiDocument()
      const server = createMcpServer({
        tools: toolCatalog(doc, operations),
        operations,
        now,
        requestId: randomUUID,
        publicBaseUrl: config.publicBaseUrl,
        logError: (err, tool) => log.error({ err, tool }, 'MCP tool failed'),
        // Whoever starts a local session runs the server: the operator's watchlists.
        owned: {
          tools: ownedToolCatalog(doc),
          operations: watchlistOperations({ db: database.db, now }),
          owner: OPERATOR,
        },
      })

      let closing: Promise<void> | undefined
      const close = () => {
        closing ??= server.close().finally(() => database.close())
        return closing
      }
      closeWithGrace({ delay: 5_000 }, async ({ err }) => {
        if (err) log.error({ err }, 'shutting down after an error')
        await close()
      })
      // The agent closing our stdin is the normal end of a session.
      process.stdin.once('end', () => {
        close().catch((err: unknown) => log.error({ err }, 'closing'))
      })
      await server.connect(new StdioServerTransport())
      log.info(`Toklytics MCP server on stdio (${database.description})`)
    })
}
