/**
 * The columns of a CSV export, derived from the contract's schema of one row: nested objects
 * become dotted columns (`metrics.engagement_rate`), lists and free-form objects one JSON cell.
 * The contract is the only statement of what a row holds; the CSV header follows it.
 */
import { isJsonObject, type Json, type JsonObject } from './openapi-document.js'

/** How a cell is written and read back: text, a number, true/false, or JSON text. */
export type ColumnKind = 'string' | 'integer' | 'number' | 'boolean' | 'json'

export interface ExportColumn {
  /** The header: the property names from the row down, joined by dots. */
  name: string
  path: readonly string[]
  kind: ColumnKind
  /** The contract's description of the value, for the column documentation. */
  description: string | null
}

/** `$ref` followed, `allOf` merged into one object schema (the contract's two ways to reuse). */
export function resolveSchema(doc: JsonObject, schema: Json | undefined): JsonObject {
  if (!isJsonObject(schema)) return {}
  if (typeof schema.$ref === 'string') {
    let node: Json | undefined = doc
    for (const part of schema.$ref.replace(/^#\//, '').split('/')) {
      node = isJsonObject(node) ? node[part] : undefined
    }
    if (node === undefined) throw new Error(`unresolved reference ${schema.$ref}`)
    return resolveSchema(doc, node)
  }
  if (Array.isArray(schema.allOf)) {
    const properties: JsonObject = {}
    const required: Json[] = []
    for (const part of schema.allOf) {
      const r = resolveSchema(doc, part)
      if (isJsonObject(r.properties)) Object.assign(properties, r.properties)
      if (Array.isArray(r.required)) required.push(...r.required)
    }
    const { allOf: _, ...rest } = schema
    return { ...rest, type: 'object', properties, required }
  }
  return schema
}

/** The schema's one non-null type, or null when it has none or several (oneOf, free-form). */
function typeOf(schema: JsonObject): string | null {
  const t = schema.type
  if (typeof t === 'string') return t
  if (Array.isArray(t)) {
    const types = t.filter((x) => x !== 'null')
    return types.length === 1 && typeof types[0] === 'string' ? types[0] : null
  }
  return isJsonObject(schema.properties) ? 'object' : null
}

const SCALAR: Readonly<Record<string, ColumnKind>> = {
  string: 'string',
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
}

/** Every column of a row of `schema`, in the contract's property order. */
export function exportColumns(doc: JsonObject, schema: Json): ExportColumn[] {
  const columns: ExportColumn[] = []
  const walk = (node: Json | undefined, path: string[], description: string | null): void => {
    const s = resolveSchema(doc, node)
    const type = typeOf(s)
    const own = typeof s.description === 'string' ? s.description : description
    const properties = s.properties
    // An object with named properties and nothing else spreads into columns; a map (a schema
    // for additionalProperties) has no fixed columns, so it stays one JSON cell.
    const map = s.additionalProperties !== undefined && s.additionalProperties !== false
    if (type === 'object' && isJsonObject(properties) && !map) {
      for (const [name, child] of Object.entries(properties)) {
        const childDescription = isJsonObject(child) && typeof child.description === 'string'
        walk(child, [...path, name], childDescription ? String(child.description) : null)
      }
      return
    }
    columns.push({
      name: path.join('.'),
      path,
      kind: (type !== null ? SCALAR[type] : undefined) ?? 'json',
      description: own,
    })
  }
  walk(schema, [], null)
  return columns
}

/** The value under `path` in a row; absent (or under a null object) reads as null. */
export function columnValue(row: unknown, path: readonly string[]): unknown {
  let node = row
  for (const key of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return null
    node = (node as Record<string, unknown>)[key]
  }
  return node === undefined ? null : node
}
