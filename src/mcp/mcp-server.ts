/**
 * The Toklytics MCP server: one tool per read operation (tool-catalog.ts), each calling the same
 * operation as the REST route and answering the REST body (`{data, pagination?, meta}`) as
 * structured content, plus a sentence an agent can quote and the JSON as text for hosts that
 * only read text. A refused input or an unknown creator is a tool error saying what was wrong.
 */
import { readFileSync } from 'node:fs'
import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js'
import type { Owner } from '../access/owner.js'
import { ApiError, errorBody, meta } from '../operations/api-error.js'
import {
  type ApiOperations,
  type OperationId,
  untypedOperation,
} from '../operations/api-operations.js'
import type { Answer } from '../operations/operation-answer.js'
import type { WatchlistOperations } from '../operations/watchlist-operations.js'
import type { OwnedToolDefinition, ToolDefinition } from './tool-catalog.js'
import { TOOL_SUMMARIES } from './tool-summaries.js'

/** Resolves from both `src/mcp/` (tsx) and `dist/mcp/` (built): two levels below the root. */
const PACKAGE_JSON = new URL('../../package.json', import.meta.url)

export const MCP_SERVER_INFO = {
  name: 'toklytics',
  version: (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version,
}

const INSTRUCTIONS =
  'Toklytics answers questions about TikTok creators, videos, hashtags and sounds from the data ' +
  'it has tracked. Rates are percentages (engagement_rate 5 means 5 %); grades go A+ (best) to F. ' +
  'A metric is null when nothing was measured (metrics.sample_size says how many recent videos ' +
  'it rests on; grade N/A below 3): say "not enough data", never 0. ' +
  'Find creators with searchTikTokCreators (q takes a name or a niche such as fitness; niche ' +
  'keeps only its members; min_engagement_rate, min_followers, min_grade filter; ' +
  'sort=engagement_rate ranks), get one with getTikTokCreatorAnalytics, ' +
  'benchmark a niche with getTikTokNicheBenchmarks, and plan a paid campaign with ' +
  'planTikTokInfluencerCampaign. Every answer is the REST API body: data, pagination for lists, meta.'

const UNEXPECTED = 'An unexpected error occurred; it has been logged.'

export interface McpServerDeps {
  tools: readonly ToolDefinition[]
  operations: ApiOperations
  /** The `meta.request_id` of an answer (the HTTP request's id over HTTP). */
  requestId: () => string
  /** The clock of the operations (epoch seconds): `meta.data_as_of` of an answer. */
  now: () => number
  /** Base of the `docs` link of an error (PUBLIC_BASE_URL). */
  publicBaseUrl: string
  /** Where unexpected failures are reported (never to the agent: they may hold SQL). */
  logError: (err: unknown, tool: string) => void
  /** Watchlist and alert tools, acting for `owner` (null: the caller sent no API key). */
  owned?: {
    tools: readonly OwnedToolDefinition[]
    operations: WatchlistOperations
    owner: Owner | null
  }
}

/**
 * An optional parameter given as `""` is not given, as `?q=` is on the REST routes (and `null`
 * is the same).
 */
function given(
  tool: Pick<ToolDefinition, 'optional'>,
  args: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(args).filter(([k, v]) => !(tool.optional.has(k) && (v === '' || v === null))),
  )
}

function summaryOf(id: OperationId, answer: Answer, params: Record<string, unknown>): string {
  // TOOL_SUMMARIES[id] takes exactly what operations[id] answered for these (validated) params.
  const summarize = TOOL_SUMMARIES[id] as (a: Answer, p: Record<string, unknown>) => string
  return summarize(answer, params)
}

const ANNOTATIONS = { readOnlyHint: true, idempotentHint: true, openWorldHint: false }
const WRITE_ANNOTATIONS = { readOnlyHint: false, destructiveHint: false, openWorldHint: false }

/** A sentence for an owner's tool: what was done, or how much came back. */
function ownedSummary(name: string, answer: Answer | null): string {
  if (answer === null) return `${name}: done.`
  const data = answer.data
  if (Array.isArray(data)) return `${name}: ${data.length} result${data.length === 1 ? '' : 's'}.`
  const record = data as { name?: unknown; items?: unknown }
  if (typeof record.name === 'string' && Array.isArray(record.items)) {
    return `Watchlist "${record.name}": ${record.items.length} item${record.items.length === 1 ? '' : 's'}.`
  }
  return `${name}: done.`
}

/**
 * The MCP server over `deps.tools`. The SDK's low-level Server, not McpServer: McpServer takes
 * inputs only as zod schemas, while each tool's input is the contract's own JSON Schema, checked
 * by the operation's validator (operations/operation-parameters.ts) exactly as REST checks it.
 */
export function createMcpServer(deps: McpServerDeps): Server {
  const server = new Server(MCP_SERVER_INFO, {
    capabilities: { tools: {} },
    instructions: INSTRUCTIONS,
  })
  const byName = new Map(deps.tools.map((t) => [t.name as string, t]))
  const owned = deps.owned
  const ownedByName = new Map((owned?.tools ?? []).map((t) => [t.name as string, t]))

  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: [
      ...deps.tools.map((t) => ({
        name: t.name,
        description: t.description,
        inputSchema: t.inputSchema,
        annotations: ANNOTATIONS,
      })),
      ...(owned?.tools ?? []).map((t) => ({
        name: t.name,
        description: t.description,
        inputSchema: t.inputSchema,
        annotations: t.readOnly ? ANNOTATIONS : WRITE_ANNOTATIONS,
      })),
    ],
  }))

  /** Runs a validated call and answers the REST body, a sentence, and errors as tool errors. */
  const answer = async (
    name: string,
    call: () => Promise<{ answer: Answer | null; summary: () => string }>,
  ): Promise<CallToolResult> => {
    const requestId = deps.requestId()
    try {
      const computedAt = deps.now()
      const result = await call()
      const body = { ...(result.answer ?? {}), meta: meta(requestId, computedAt) }
      let summary: string
      try {
        summary = result.summary()
      } catch (err) {
        // A summary is a convenience: the answer itself must still reach the agent.
        deps.logError(err, name)
        summary = `${name} answered; see the JSON.`
      }
      return {
        content: [
          { type: 'text', text: summary },
          { type: 'text', text: JSON.stringify(body) },
        ],
        structuredContent: body,
      }
    } catch (err) {
      if (err instanceof ApiError) {
        return {
          isError: true,
          content: [{ type: 'text', text: err.message }],
          structuredContent: errorBody(err.code, err.message, requestId, deps.publicBaseUrl),
        }
      }
      deps.logError(err, name)
      return { isError: true, content: [{ type: 'text', text: UNEXPECTED }] }
    }
  }

  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const name = request.params.name
    const args = request.params.arguments ?? {}
    const ownedTool = ownedByName.get(name)
    if (ownedTool !== undefined && owned !== undefined) {
      return answer(name, async () => {
        if (owned.owner === null) {
          throw new ApiError(
            'unauthorized',
            'Watchlists and alerts belong to an API key: call this MCP endpoint with X-Toklytics-Key.',
          )
        }
        const params = ownedTool.validate(given(ownedTool, args))
        const result = await owned.operations[ownedTool.name](owned.owner, params)
        return { answer: result, summary: () => ownedSummary(ownedTool.name, result) }
      })
    }
    const tool = byName.get(name)
    if (tool === undefined) {
      throw new McpError(ErrorCode.InvalidParams, `No tool named ${name}.`)
    }
    const run = untypedOperation(deps.operations, tool.name)
    return answer(name, async () => {
      const params = tool.validate(given(tool, args))
      const result = await run(params)
      return { answer: result, summary: () => summaryOf(tool.name, result, params) }
    })
  })
  return server
}
