/**
 * The input schema of an MCP tool from its API operation's OpenAPI parameters: one zod schema
 * per path or query parameter with the contract's types, limits, enums and defaults, so a tool
 * accepts exactly what the REST route accepts.
 */
import { z } from 'zod'
import { isJsonObject, type JsonObject } from '../contract/openapi-document.js'

/** What a parameter schema may say; anything else that constrains a value is refused loudly. */
const SUPPORTED = new Set([
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
  'nullable',
])
/** Keywords that only document a value. */
const DOCUMENTATION = new Set(['description', 'example', 'examples', 'title', 'deprecated'])

const DATE = /^(\d{4})-(\d\d)-(\d\d)$/
const TIME = /^(\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:z|[+-](\d\d)(?::?(\d\d))?)$/i
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/**
 * RFC 3339 `date-time` with a time zone, as Fastify's Ajv (ajv-formats) checks it: a real day,
 * `T`, `t` or a space between date and time, and a leap second allowed (the operation then says
 * it cannot read one).
 */
export function isDateTime(value: string): boolean {
  const [date, time, ...rest] = value.split(/t|\s/i)
  if (date === undefined || time === undefined || rest.length > 0) return false
  const d = DATE.exec(date)
  const t = TIME.exec(time)
  if (d === null || t === null) return false
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])]
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]
  if (days === undefined || day < 1 || day > days) return false
  const [hour, minute, second] = [Number(t[1]), Number(t[2]), Number(t[3])]
  if (Number(t[4] ?? 0) > 23 || Number(t[5] ?? 0) > 59) return false
  return hour <= 23 && minute <= 59 && second <= 60
}

const noNul = (s: string) => !s.includes('\u0000')

function unsupported(name: string, what: string): never {
  throw new Error(`parameter '${name}': ${what} cannot be expressed as an MCP tool input`)
}

function numberSchema(name: string, schema: JsonObject): z.ZodNumber {
  let n = schema.type === 'integer' ? z.number().int() : z.number()
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema
  // OpenAPI 3.0 writes exclusiveMinimum as a flag on minimum; 3.1 as a number of its own. An
  // exclusive bound is advertised here and enforced by the operation's parameter validator
  // (operation-parameters.ts), so that its message is the REST one.
  if (schema.enum !== undefined) unsupported(name, 'a numeric enum')
  if (typeof minimum === 'number') n = n.min(minimum)
  if (typeof maximum === 'number') n = n.max(maximum)
  const lower = exclusiveMinimum === true ? minimum : exclusiveMinimum
  const upper = exclusiveMaximum === true ? maximum : exclusiveMaximum
  const meta = {
    ...(typeof lower === 'number' ? { exclusiveMinimum: lower } : {}),
    ...(typeof upper === 'number' ? { exclusiveMaximum: upper } : {}),
  }
  return Object.keys(meta).length > 0 ? n.meta(meta) : n
}

function stringSchema(name: string, schema: JsonObject): z.ZodType<string> {
  if (schema.enum !== undefined) {
    const values = schema.enum
    if (
      !Array.isArray(values) ||
      values.length === 0 ||
      !values.every((v) => typeof v === 'string')
    )
      unsupported(name, 'an enum that is not a list of strings')
    return z.enum(values as [string, ...string[]])
  }
  let s = z.string()
  if (typeof schema.minLength === 'number') s = s.min(schema.minLength)
  if (typeof schema.maxLength === 'number') s = s.max(schema.maxLength)
  // Advertised here; enforced by the operation's parameter validator, whose message states the
  // rule in words (the parameter's description) as the REST answer does.
  if (typeof schema.pattern === 'string') s = s.meta({ pattern: schema.pattern })
  // No stored text contains NUL and PostgreSQL refuses it: the REST routes refuse it as well.
  const checked = s.refine(noNul, { message: 'contains a NUL character' })
  if (schema.format === undefined) return checked
  if (schema.format !== 'date-time') unsupported(name, `format ${JSON.stringify(schema.format)}`)
  return checked
    .refine(isDateTime, {
      message: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-01T00:00:00Z',
    })
    .meta({ format: 'date-time' })
}

function valueSchema(name: string, schema: JsonObject): z.ZodType {
  for (const key of Object.keys(schema)) {
    if (!SUPPORTED.has(key) && !DOCUMENTATION.has(key)) unsupported(name, `keyword '${key}'`)
  }
  switch (schema.type) {
    case 'string':
      return stringSchema(name, schema)
    case 'integer':
    case 'number':
      return numberSchema(name, schema)
    case 'boolean':
      if (schema.enum !== undefined) unsupported(name, 'a boolean enum')
      return z.boolean()
    default:
      return unsupported(name, `type ${JSON.stringify(schema.type)}`)
  }
}

export interface ToolParameter {
  name: string
  location: 'path' | 'query'
  required: boolean
  description: string | undefined
  schema: JsonObject
}

/** One parameter as zod: required, or optional (with the contract's default when it has one). */
export function parameterSchema(p: ToolParameter): z.ZodType {
  let schema = valueSchema(p.name, p.schema)
  if (p.schema.nullable === true) schema = schema.nullable()
  if (p.schema.default !== undefined) {
    // A default must itself be valid, or the tool would hand the operation a bad value.
    const checked = schema.safeParse(p.schema.default)
    if (!checked.success) unsupported(p.name, 'a default outside its own schema')
    schema = schema.default(checked.data)
  } else if (!p.required) {
    schema = schema.optional()
  }
  return p.description === undefined ? schema : schema.describe(p.description)
}

/** The path and query parameters of an OpenAPI operation (path parameters are always required). */
export function toolParameters(operationId: string, definition: JsonObject): ToolParameter[] {
  const list = definition.parameters ?? []
  if (!Array.isArray(list)) throw new Error(`${operationId}: parameters is not a list`)
  const out: ToolParameter[] = []
  for (const p of list) {
    if (!isJsonObject(p) || typeof p.name !== 'string' || !isJsonObject(p.schema)) {
      throw new Error(`${operationId}: a parameter without a name or schema (a $ref?)`)
    }
    if (p.in !== 'path' && p.in !== 'query') continue
    out.push({
      name: p.name,
      location: p.in,
      required: p.in === 'path' || p.required === true,
      description: typeof p.description === 'string' ? p.description : undefined,
      schema: p.schema,
    })
  }
  return out
}

/** The zod shape the MCP SDK takes as a tool's `inputSchema`. */
export function inputShape(parameters: readonly ToolParameter[]): Record<string, z.ZodType> {
  return Object.fromEntries(parameters.map((p) => [p.name, parameterSchema(p)]))
}
