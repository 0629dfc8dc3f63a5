/**
 * Each operation's path and query parameters as one JSON Schema, compiled from the served
 * contract: the single statement of the parameter rules that the REST routes (Fastify's Ajv)
 * and the MCP tools (the validator below) both enforce, with the same messages.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import { isJsonObject, type Json, type JsonObject } from '../contract/openapi-document.js'
import { ApiError } from './api-error.js'
import { validationMessage } from './validation-message.js'

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

/**
 * A parameter's schema as Ajv (JSON Schema draft 7) reads it: the validation keywords, the
 * description (which names the rule in error messages), and OpenAPI 3.0's boolean
 * `exclusiveMinimum`/`exclusiveMaximum` turned into draft 7's numbers.
 */
export function validationSchema(schema: Json | undefined): JsonObject {
  const out: JsonObject = {}
  if (!isJsonObject(schema)) return out
  for (const [k, v] of Object.entries(schema)) {
    if (VALIDATION_KEYWORDS.has(k) || k === 'description') out[k] = v
  }
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound]
      delete out[bound]
    } else if (typeof out[flag] === 'boolean') delete out[flag]
  }
  return out
}

/** The parameters of one location (`query` or `path`) of an operation, as an object schema. */
export function parametersSchema(definition: JsonObject, location: 'query' | 'path'): JsonObject {
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

/** Keywords of a request body's schema beyond a parameter's: objects and arrays of them. */
const BODY_KEYWORDS = new Set([
  'properties',
  'required',
  'additionalProperties',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
])

/**
 * An operation's JSON request body schema (`requestBody`), with `#/components/schemas/…`
 * references inlined, for Ajv: the same contract states the body's rules as the docs show them.
 * Null when the operation takes no JSON body.
 */
export function requestBodySchema(doc: JsonObject, definition: JsonObject): JsonObject | null {
  const body = definition.requestBody
  if (!isJsonObject(body) || !isJsonObject(body.content)) return null
  const json = body.content['application/json']
  if (!isJsonObject(json)) return null
  return bodyValidationSchema(doc, json.schema)
}

function bodyValidationSchema(doc: JsonObject, schema: Json | undefined): JsonObject {
  const resolved = resolveRef(doc, schema)
  const out = validationSchema(resolved)
  if (!isJsonObject(resolved)) return out
  for (const [k, v] of Object.entries(resolved)) {
    if (!BODY_KEYWORDS.has(k)) continue
    if (k === 'properties' && isJsonObject(v)) {
      const properties: JsonObject = {}
      for (const [name, p] of Object.entries(v)) properties[name] = bodyValidationSchema(doc, p)
      out.properties = properties
    } else if (k === 'additionalProperties' && isJsonObject(v)) {
      out.additionalProperties = bodyValidationSchema(doc, v)
    } else out[k] = v
  }
  if (out.items !== undefined) out.items = bodyValidationSchema(doc, out.items)
  return out
}

/** `{ $ref: '#/components/schemas/X' }` → the schema it names (one level; schemas may nest). */
function resolveRef(doc: JsonObject, schema: Json | undefined): Json | undefined {
  if (!isJsonObject(schema) || typeof schema.$ref !== 'string') return schema
  let node: Json | undefined = doc
  for (const part of schema.$ref.replace(/^#\//, '').split('/')) {
    node = isJsonObject(node) ? node[part] : undefined
  }
  if (node === undefined) throw new Error(`unresolved reference ${schema.$ref}`)
  return resolveRef(doc, node)
}

/** The description of `name` in an object schema of parameters (it states a pattern's rule). */
export function parameterDescription(schema: unknown, name: string): string | undefined {
  const properties = isJsonObject(schema as Json) ? (schema as JsonObject).properties : undefined
  const property = isJsonObject(properties) ? properties[name] : undefined
  const description = isJsonObject(property) ? property.description : undefined
  return typeof description === 'string' ? description : undefined
}

/**
 * Refuses a text parameter holding NUL: no stored text contains one, and PostgreSQL rejects it
 * in a query. The contract's schemas cannot say so for every parameter, hence a rule of its own.
 */
export function refuseNul(where: 'query' | 'path' | 'body', values: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string' && v.includes('\u0000')) {
      throw new ApiError(
        'invalid_request',
        `Invalid ${where} parameter '${k}': contains a NUL character.`,
      )
    }
  }
}

// The same options as Fastify's own Ajv for what both check (types stay as given: JSON args),
// defaults filled in as Fastify does for a route.
const ajv = new Ajv({ allErrors: false, strict: false, useDefaults: true })
addFormats.default(ajv)

/**
 * A validator of an operation's query and path parameters taken together (MCP arguments are one
 * object) — and, given the document, its JSON body's fields: returns them with the contract's
 * defaults filled in, or throws the ApiError a REST request with the same values gets. Names the
 * operation does not take are left out.
 */
export function parameterValidator(
  definition: JsonObject,
  doc?: JsonObject,
): (params: Record<string, unknown>) => Record<string, unknown> {
  const body = doc === undefined ? null : requestBodySchema(doc, definition)
  const schemas = [
    { location: 'path' as const, schema: parametersSchema(definition, 'path') },
    { location: 'query' as const, schema: parametersSchema(definition, 'query') },
    ...(body === null ? [] : [{ location: 'body' as const, schema: body }]),
  ]
  const checks = schemas.map(({ location, schema }) => {
    const validate: ValidateFunction = ajv.compile(schema)
    const properties = isJsonObject(schema.properties) ? schema.properties : {}
    return { location, schema, validate, properties }
  })
  return (params) => {
    const out: Record<string, unknown> = {}
    for (const { location, schema, validate, properties } of checks) {
      const own = Object.fromEntries(
        Object.entries(params).filter(([k]) => Object.hasOwn(properties, k)),
      )
      refuseNul(location, own)
      if (!validate(own)) {
        const issues = (validate.errors ?? []) as ErrorObject[]
        const context = { path: 'params', query: 'querystring', body: 'body' }[location]
        throw new ApiError(
          'invalid_request',
          validationMessage(context, issues, (name) => parameterDescription(schema, name)),
        )
      }
      Object.assign(out, own)
    }
    return out
  }
}
