/**
 * The text of an export, one row at a time: CSV lines over the contract's columns
 * (export-columns.ts) and NDJSON lines holding each row exactly as the JSON answer does. Pure,
 * so the REST stream, the CLI and the dashboard write the same bytes.
 */
import { csvField } from './csv-text.js'
import { columnValue, type ExportColumn } from './export-columns.js'

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const EXPORT_MEDIA_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8; header=present',
  ndjson: 'application/x-ndjson; charset=utf-8',
}

/** Excel reads a CSV as UTF-8 only when it starts with this mark (the `bom` option). */
export const UTF8_BOM = '\uFEFF'

/** The CSV header line (with the byte order mark when asked), CRLF-terminated as RFC 4180 says. */
export function csvHeaderLine(columns: readonly ExportColumn[], bom = false): string {
  return `${bom ? UTF8_BOM : ''}${columns.map((c) => csvField(c.name)).join(',')}\r\n`
}

/** One cell as its column's kind writes it: JSON text for lists and free-form objects. */
function cellText(column: ExportColumn, value: unknown): string {
  if (value === null || value === undefined) return ''
  if (column.kind === 'json') return csvField(JSON.stringify(value))
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return csvField(value)
  }
  // A value the contract did not foresee (an object where a scalar was declared): keep it whole.
  return csvField(JSON.stringify(value))
}

/** One row as a CSV line. */
export function csvLine(columns: readonly ExportColumn[], row: unknown): string {
  return `${columns.map((c) => cellText(c, columnValue(row, c.path))).join(',')}\r\n`
}

/** One row as an NDJSON line: the JSON answer's own object. */
export function ndjsonLine(row: unknown): string {
  return `${JSON.stringify(row)}\n`
}
