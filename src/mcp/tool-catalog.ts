/**
 * The MCP tools of the API: one per read (GET) operation of the served OpenAPI document, named
 * after its operationId, described by its summary and description, taking its path and query
 * parameters — the contract's own JSON Schemas, checked by the same rules as the REST route.
 * Built once per process or app; every MCP server instance reuses it.
 */
import {
  isJsonObject,
  type JsonObject,
  type OpenApiDocument,
} from '../contract/openapi-document.js'
import {
  type ApiOperations,
  isOperationId,
  type OperationId,
} from '../operations/api-operations.js'
import {
  parametersSchema,
  parameterValidator,
  requestBodySchema,
} from '../operations/operation-parameters.js'
import {
  OWNED_OPERATION_IDS,
  type WatchlistOperationId,
} from '../operations/watchlist-operations.js'
import { WEBHOOK_OPERATION_IDS } from '../operations/webhook-operations.js'

/** A tool's input as MCP lists it: one JSON Schema object of the operation's parameters. */
export interface ToolInputSchema {
  [key: string]: unknown
  type: 'object'
  properties: JsonObject
  required?: string[]
}

export interface ToolDefinition {
  name: OperationId
  description: string
  inputSchema: ToolInputSchema
  /** Parameters that may be left out (a blank one counts as left out, as on REST). */
  optional: ReadonlySet<string>
  /**
   * The REST route's parameter rules: returns the arguments with the contract's defaults, or
   * throws the ApiError a REST request with the same values gets.
   */
  validate: (params: Record<string, unknown>) => Record<string, unknown>
}

/** Summary, then the longer description: what an agent reads to choose a tool. */
function toolDescription(definition: JsonObject): string {
  const parts = [definition.summary, definition.description].filter(
    (p): p is string => typeof p === 'string' && p.trim() !== '',
  )
  return parts.map((p) => p.trim()).join('\n\n')
}

/** What a parameter means (the parameter's description), then its rule (its schema's). */
function parameterText(meaning: unknown, rule: unknown): string | undefined {
  const parts = [meaning, rule].filter((p): p is string => typeof p === 'string' && p !== '')
  if (parts.length < 2) return parts[0]
  return `${parts[0]} (${parts[1]})`
}

/**
 * Path and query parameters — and, given the document, the JSON body's fields — in one object
 * schema (an MCP call has one arguments object).
 */
function inputSchemaOf(definition: JsonObject, doc?: OpenApiDocument): ToolInputSchema {
  const properties: JsonObject = {}
  const required: string[] = []
  const meanings = new Map<string, unknown>()
  for (const p of Array.isArray(definition.parameters) ? definition.parameters : []) {
    if (isJsonObject(p) && typeof p.name === 'string') meanings.set(p.name, p.description)
  }
  for (const location of ['path', 'query'] as const) {
    const schema = parametersSchema(definition, location)
    for (const [name, property] of Object.entries(
      isJsonObject(schema.properties) ? schema.properties : {},
    )) {
      if (!isJsonObject(property)) continue
      const { description: rule, ...rest } = property
      const description = parameterText(meanings.get(name), rule)
      properties[name] = description === undefined ? rest : { ...rest, description }
    }
    if (Array.isArray(schema.required)) required.push(...schema.required.map(String))
  }
  const body = doc === undefined ? null : requestBodySchema(doc, definition)
  if (body !== null) {
    Object.assign(properties, isJsonObject(body.properties) ? body.properties : {})
    if (Array.isArray(body.required)) required.push(...body.required.map(String))
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) }
}

/** Reads over POST (a list too long for a URL): tools like the GET reads, body fields as inputs. */
const POST_READ_OPERATION_IDS: ReadonlySet<string> = new Set(['lookupVideos', 'lookupCreators'])

/**
 * Every read operation of `doc` (its GETs and the POST reads), which must match `operations`
 * one to one: a spec operation without an implementation (or the reverse) is a start-up error,
 * not a missing tool. Writes (ingestion) are not tools: they need a contributor token and a
 * capture body.
 */
export function toolCatalog(doc: OpenApiDocument, operations: ApiOperations): ToolDefinition[] {
  const tools: ToolDefinition[] = []
  const paths = isJsonObject(doc.paths) ? doc.paths : {}
  for (const item of Object.values(paths)) {
    if (!isJsonObject(item)) continue
    for (const [method, definition] of Object.entries(item)) {
      const id = isJsonObject(definition) ? definition.operationId : undefined
      if (!isJsonObject(definition) || typeof id !== 'string') continue
      if (method !== 'get' && !POST_READ_OPERATION_IDS.has(id)) continue
      // An owner's watchlists and alerts are tools of their own (ownedToolCatalog); webhooks
      // are not tools (their secrets stay out of a model's context).
      if (OWNED_OPERATION_IDS.has(id) || WEBHOOK_OPERATION_IDS.has(id)) continue
      if (!isOperationId(operations, id)) {
        throw new Error(`the OpenAPI operation ${id} has no implementation in src/operations`)
      }
      const inputSchema = inputSchemaOf(definition, doc)
      const required = new Set(inputSchema.required ?? [])
      tools.push({
        name: id,
        description: toolDescription(definition),
        inputSchema,
        optional: new Set(Object.keys(inputSchema.properties).filter((n) => !required.has(n))),
        validate: parameterValidator(definition, doc),
      })
    }
  }
  const missing = Object.keys(operations).filter((id) => !tools.some((t) => t.name === id))
  if (missing.length > 0) {
    throw new Error(`operations without a read operation in the OpenAPI document: ${missing}`)
  }
  return tools
}

/** A tool over an operation for an owner (watchlists, alerts): reads and writes alike. */
export interface OwnedToolDefinition extends Omit<ToolDefinition, 'name'> {
  name: WatchlistOperationId
  readOnly: boolean
}

/** Every watchlist operation of `doc`, whatever its method, with its body's fields as inputs. */
export function ownedToolCatalog(doc: OpenApiDocument): OwnedToolDefinition[] {
  const tools: OwnedToolDefinition[] = []
  for (const item of Object.values(isJsonObject(doc.paths) ? doc.paths : {})) {
    if (!isJsonObject(item)) continue
    for (const [method, definition] of Object.entries(item)) {
      const id = isJsonObject(definition) ? definition.operationId : undefined
      if (!isJsonObject(definition) || typeof id !== 'string' || !OWNED_OPERATION_IDS.has(id)) {
        continue
      }
      const inputSchema = inputSchemaOf(definition, doc)
      const required = new Set(inputSchema.required ?? [])
      tools.push({
        name: id as WatchlistOperationId,
        readOnly: method === 'get',
        description: toolDescription(definition),
        inputSchema,
        optional: new Set(Object.keys(inputSchema.properties).filter((n) => !required.has(n))),
        validate: parameterValidator(definition, doc),
      })
    }
  }
  return tools
}
