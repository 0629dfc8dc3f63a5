/**
 * The MCP tools of the API: one per read (GET) operation of the served OpenAPI document, named
 * after its operationId, described by its summary and description, with its parameters as input.
 * Built once per process or app; every MCP server instance reuses it.
 */
import type { z } from 'zod'
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
import { parameterValidator } from '../operations/operation-parameters.js'
import { inputShape, type ToolParameter, toolParameters } from './tool-input-schema.js'

export interface ToolDefinition {
  name: OperationId
  description: string
  parameters: ToolParameter[]
  inputShape: Record<string, z.ZodType>
  /** The REST route's parameter rules: throws the ApiError a REST request gets. */
  validate: (params: object) => void
}

/** Summary, then the longer description: what an agent reads to choose a tool. */
function toolDescription(definition: JsonObject): string {
  const parts = [definition.summary, definition.description].filter(
    (p): p is string => typeof p === 'string' && p.trim() !== '',
  )
  return parts.map((p) => p.trim()).join('\n\n')
}

/**
 * Every GET operation of `doc`, which must match `operations` one to one: a spec operation
 * without an implementation (or the reverse) is a start-up error, not a missing tool.
 * Writes (ingestion) are not tools: they need a contributor token and a capture body.
 */
export function toolCatalog(doc: OpenApiDocument, operations: ApiOperations): ToolDefinition[] {
  const tools: ToolDefinition[] = []
  const paths = isJsonObject(doc.paths) ? doc.paths : {}
  for (const item of Object.values(paths)) {
    if (!isJsonObject(item) || !isJsonObject(item.get)) continue
    const definition = item.get
    const id = definition.operationId
    if (typeof id !== 'string') continue
    if (!isOperationId(operations, id)) {
      throw new Error(`the OpenAPI operation ${id} has no implementation in src/operations`)
    }
    const parameters = toolParameters(id, definition)
    tools.push({
      name: id,
      description: toolDescription(definition),
      parameters,
      inputShape: inputShape(parameters),
      validate: parameterValidator(definition),
    })
  }
  const missing = Object.keys(operations).filter((id) => !tools.some((t) => t.name === id))
  if (missing.length > 0) {
    throw new Error(`operations without a GET operation in the OpenAPI document: ${missing}`)
  }
  return tools
}
