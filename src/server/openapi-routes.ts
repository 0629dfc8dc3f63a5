/**
 * Registers API operations from the OpenAPI document by operationId: the path, and the query and
 * path parameters as the route's JSON Schema (so Fastify's Ajv validates, coerces and fills
 * defaults exactly as the contract says). Handlers stay thin adapters.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  isJsonObject,
  type Json,
  type JsonObject,
  type OpenApiDocument,
} from '../contract/openapi-document.js'
import { ApiError } from './reply-envelope.js'
import type { ResponseCache } from './response-cache.js'

/** The validation keywords of a parameter schema; docs-only keywords (example…) are left out. */
const VALIDATION_KEYWORDS = new Set([
  'type',
  'enum',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'default',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'items',
  'nullable',
])

function validationSchema(schema: Json | undefined): JsonObject {
  const out: JsonObject = {}
  if (!isJsonObject(schema)) return out
  for (const [k, v] of Object.entries(schema)) if (VALIDATION_KEYWORDS.has(k)) out[k] = v
  return out
}

export interface Operation {
  method: string
  /** OpenAPI path, e.g. `/creators/{username}`. */
  path: string
  definition: JsonObject
}

export function findOperation(doc: OpenApiDocument, operationId: string): Operation {
  const paths = doc.paths
  if (isJsonObject(paths)) {
    for (const [path, item] of Object.entries(paths)) {
      if (!isJsonObject(item)) continue
      for (const [method, definition] of Object.entries(item)) {
        if (isJsonObject(definition) && definition.operationId === operationId) {
          return { method: method.toUpperCase(), path, definition }
        }
      }
    }
  }
  throw new Error(`operation ${operationId} is not in the OpenAPI document`)
}

function parametersSchema(definition: JsonObject, location: 'query' | 'path'): JsonObject {
  const properties: JsonObject = {}
  const required: string[] = []
  const list = Array.isArray(definition.parameters) ? definition.parameters : []
  for (const p of list) {
    if (!isJsonObject(p) || p.in !== location || typeof p.name !== 'string') continue
    properties[p.name] = validationSchema(p.schema)
    if (p.required === true) required.push(p.name)
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) }
}

export type OperationHandler = (req: FastifyRequest) => Promise<object>

/**
 * `basePath` + the operation's path, with `{name}` turned into Fastify's `:name`; answers are
 * served from and kept in `cache` when one is given.
 */
export function registerOperation(
  app: FastifyInstance,
  doc: OpenApiDocument,
  basePath: string,
  operationId: string,
  handler: OperationHandler,
  cache?: ResponseCache,
): void {
  const op = findOperation(doc, operationId)
  app.route({
    method: op.method as 'GET',
    url: basePath + op.path.replace(/\{(\w+)\}/g, ':$1'),
    schema: {
      querystring: parametersSchema(op.definition, 'query'),
      params: parametersSchema(op.definition, 'path'),
    },
    // `?limit=` means "not given": Ajv would otherwise coerce the empty string to 0 or false.
    preValidation: async (req) => {
      const query = req.query as Record<string, unknown>
      for (const [k, v] of Object.entries(query)) if (v === '') delete query[k]
      // No stored text contains NUL, and PostgreSQL rejects it in a query: refuse it here.
      for (const [where, values] of [
        ['query', query],
        ['path', req.params],
      ] as const) {
        for (const [k, v] of Object.entries(values as Record<string, unknown>)) {
          if (typeof v === 'string' && v.includes('\u0000')) {
            throw new ApiError(
              'invalid_request',
              `Invalid ${where} parameter '${k}': contains a NUL character.`,
            )
          }
        }
      }
    },
    ...(cache === undefined
      ? { handler: (req: FastifyRequest) => handler(req) }
      : {
          onRequest: (req: FastifyRequest, reply: FastifyReply) => cache.serve(req, reply),
          handler: (req: FastifyRequest, reply: FastifyReply) =>
            cache.store(req, reply, () => handler(req)),
        }),
  })
}
