/**
 * Which lists each operation can export and their columns, read from the contract: an
 * operation's `x-toklytics-export.tables` names where the rows are in `data`, and the row
 * schema gives the columns (export-columns.ts).
 */
import { type ExportColumn, exportColumns, resolveSchema } from './export-columns.js'
import { isJsonObject, type Json, type JsonObject } from './openapi-document.js'

/** One list of an operation: where its rows are in `data`, and their columns. */
export interface ExportTable {
  name: string
  /** Property names from `data` down to the rows; `*` takes every property's value in turn. */
  path: readonly string[]
  /** For a `*` path: the column that names which property a row came from (the planner's tier). */
  group: string | null
  columns: ExportColumn[]
}

export interface ExportSpec {
  operationId: string
  tables: ExportTable[]
  /** A paged list (its answer has `pagination`): the export walks every page. */
  paged: boolean
}

/** The schema of `data` in the operation's 200 JSON answer. */
function dataSchema(doc: JsonObject, definition: JsonObject): JsonObject {
  const responses = isJsonObject(definition.responses) ? definition.responses : {}
  const ok = isJsonObject(responses['200']) ? responses['200'] : {}
  const content = isJsonObject(ok.content) ? ok.content : {}
  const json = isJsonObject(content['application/json']) ? content['application/json'] : {}
  const body = resolveSchema(doc, json.schema)
  const properties = isJsonObject(body.properties) ? body.properties : {}
  return { ...resolveSchema(doc, properties.data), paged: isJsonObject(properties.pagination) }
}

/** The schema of one row at `path` below `schema` (an array's items, through objects and maps). */
function rowSchema(doc: JsonObject, schema: JsonObject, path: readonly string[]): Json {
  let node: JsonObject = schema
  for (const key of path) {
    const properties = isJsonObject(node.properties) ? node.properties : {}
    const next =
      key === '*' ? (Object.values(properties)[0] ?? node.additionalProperties) : properties[key]
    if (next === undefined) throw new Error(`export path ${path.join('.')}: no ${key}`)
    node = resolveSchema(doc, next)
  }
  if (node.type !== 'array') throw new Error(`export path ${path.join('.')} is not a list`)
  return node.items ?? {}
}

/** The export lists of an operation, or null when its contract declares none. */
export function exportSpecOf(
  doc: JsonObject,
  operationId: string,
  definition: JsonObject,
): ExportSpec | null {
  const declared = definition['x-toklytics-export']
  if (!isJsonObject(declared) || !Array.isArray(declared.tables)) return null
  const { paged, ...data } = dataSchema(doc, definition)
  const tables = declared.tables.filter(isJsonObject).map((t): ExportTable => {
    const path = typeof t.path === 'string' && t.path !== '' ? t.path.split('.') : []
    const group = typeof t.group === 'string' ? t.group : null
    const rows = path.length === 0 ? resolveSchema(doc, data).items : rowSchema(doc, data, path)
    const columns = exportColumns(doc, rows ?? {})
    // The group column names where a row came from; a row field of the same name would hide it.
    if (group !== null && columns.some((c) => c.name === group)) {
      throw new Error(`${operationId} export ${String(t.name)}: group ${group} is a row column`)
    }
    return {
      name: String(t.name),
      path,
      group,
      columns:
        group === null
          ? columns
          : [{ name: group, path: [group], kind: 'string', description: null }, ...columns],
    }
  })
  return { operationId, tables, paged: paged === true }
}
