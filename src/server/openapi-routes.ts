/**
 * Registers API operations from the OpenAPI document by operationId: the path, and the query and
 * path parameters as the route's JSON Schema (so Fastify's Ajv validates, coerces and fills
 * defaults exactly as the contract says). Handlers stay thin adapters.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { exportSpecOf } from '../contract/export-tables.js'
import {
  isJsonObject,
  type JsonObject,
  type OpenApiDocument,
} from '../contract/openapi-document.js'
import { ApiError } from '../operations/api-error.js'
import {
  parametersSchema,
  refuseNul,
  requestBodySchema,
} from '../operations/operation-parameters.js'
import { freshnessOf } from './cache-policy.js'
import { exportChoice, sendExport, wantsExport } from './export-stream.js'
import type { ResponseCache } from './response-cache.js'

/** Decimal digits only (with a sign and, for numbers, a fraction): no 0x10, 1e400 or Infinity. */
const DECIMAL: Readonly<Record<string, RegExp>> = {
  integer: /^-?\d+$/,
  number: /^-?\d+(?:\.\d+)?$/,
}

/**
 * Refuses a numeric parameter written in any form but plain decimal, or beyond what a JavaScript
 * number holds exactly: Ajv would coerce `0x10` to 16 and `1e400` to Infinity.
 */
function checkNumeric(where: string, values: Record<string, unknown>, schema: JsonObject): void {
  const properties = isJsonObject(schema.properties) ? schema.properties : {}
  for (const [name, raw] of Object.entries(values)) {
    const type = (properties[name] as JsonObject | undefined)?.type
    if (typeof raw !== 'string' || typeof type !== 'string') continue
    const pattern = DECIMAL[type]
    if (pattern === undefined) continue
    if (!pattern.test(raw)) {
      throw new ApiError(
        'invalid_request',
        `Invalid ${where} parameter '${name}': ${JSON.stringify(raw.slice(0, 40))} is not a decimal ${type === 'integer' ? 'integer' : 'number'} (digits only${type === 'number' ? ', with an optional fraction' : ''}).`,
      )
    }
    const value = Number(raw)
    if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) {
      throw new ApiError(
        'invalid_request',
        `Invalid ${where} parameter '${name}': ${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw} is beyond ${Number.MAX_SAFE_INTEGER}.`,
      )
    }
  }
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

export type OperationHandler = (req: FastifyRequest, reply: FastifyReply) => Promise<object>

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
  const querySchema = parametersSchema(op.definition, 'query')
  const pathSchema = parametersSchema(op.definition, 'path')
  const bodySchema = requestBodySchema(doc, op.definition)
  const freshness = freshnessOf(operationId)
  const exports = exportSpecOf(doc, operationId, op.definition)
  // A list's answer may be its JSON or a download of the whole list (export-stream.ts).
  const answer = (req: FastifyRequest, reply: FastifyReply, json: () => Promise<object>) => {
    const choice = exports === null ? null : exportChoice(req, exports)
    if (exports === null || choice === null) return json()
    return sendExport(req, reply, exports, choice, () => handler(req, reply))
  }
  const cacheable = cache !== undefined && op.method === 'GET' && freshness !== 'private'
  app.route({
    method: op.method as 'GET',
    url: basePath + op.path.replace(/\{(\w+)\}/g, ':$1'),
    schema: {
      querystring: querySchema,
      params: pathSchema,
      ...(bodySchema === null ? {} : { body: bodySchema }),
    },
    // `?limit=` means "not given" (the contract says so): Ajv would otherwise coerce the empty
    // string to 0 or false.
    preValidation: async (req) => {
      const query = req.query as Record<string, unknown>
      for (const [k, v] of Object.entries(query)) if (v === '') delete query[k]
      checkNumeric('query', query, querySchema)
      checkNumeric('path', req.params as Record<string, unknown>, pathSchema)
      refuseNul('query', query)
      refuseNul('path', req.params as Record<string, unknown>)
    },
    // Only reads shared by every caller are kept: a write, or an answer that depends on who
    // asks, always runs its handler. Downloads are streamed, never kept.
    onRequest: async (req: FastifyRequest, reply: FastifyReply) => {
      if (exports === null) return cacheable ? cache.serve(req, reply, freshness) : undefined
      reply.header('vary', 'Accept')
      return cacheable && !wantsExport(req) ? cache.serve(req, reply, freshness) : undefined
    },
    handler: (req: FastifyRequest, reply: FastifyReply) =>
      answer(req, reply, () =>
        cacheable
          ? cache.store(req, reply, () => handler(req, reply), freshness)
          : handler(req, reply),
      ),
  })
}
