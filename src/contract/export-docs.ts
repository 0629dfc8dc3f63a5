/**
 * docs/exports.md from the contract: how to ask for a download, and every column of every
 * exportable list with its type and meaning (`npm run generate:export-docs` writes it).
 */
import type { ColumnKind } from './export-columns.js'
import { exportSpecOf } from './export-tables.js'
import { isJsonObject, type OpenApiDocument } from './openapi-document.js'

const KIND_TEXT: Readonly<Record<ColumnKind, string>> = {
  string: 'text',
  integer: 'integer',
  number: 'number',
  boolean: 'true/false',
  json: 'JSON',
}

/** A table cell: one line, pipes escaped. */
const cell = (text: string) => text.replace(/\s+/g, ' ').replaceAll('|', '\\|').trim()

export function exportDocsMarkdown(doc: OpenApiDocument): string {
  const info = isJsonObject(doc.info) ? doc.info : {}
  const rules = typeof info['x-toklytics-exports'] === 'string' ? info['x-toklytics-exports'] : ''
  const out: string[] = [
    '# Exports: every downloadable list and its columns',
    '',
    '<!-- Generated from the API contract by `npm run generate:export-docs`; do not edit. -->',
    '',
    rules,
    '',
    'Provenance: creators and videos carry `provenance.observed_at` (when the served counters',
    'were observed), `provenance.contributors` (how many independent contributors sent them) and',
    '`provenance.counts_source` (`exact` or `rounded`); hashtags and sounds carry `counts_source`',
    '(`tiktok` or `tracked`) and the time of TikTok’s own figures (docs/metrics.md §1).',
    '',
  ]
  const paths = isJsonObject(doc.paths) ? doc.paths : {}
  for (const [path, item] of Object.entries(paths)) {
    if (!isJsonObject(item)) continue
    for (const [method, definition] of Object.entries(item)) {
      if (!isJsonObject(definition) || typeof definition.operationId !== 'string') continue
      const spec = exportSpecOf(doc, definition.operationId, definition)
      if (spec === null) continue
      out.push(`## ${method.toUpperCase()} /api/v1${path}`, '')
      out.push(
        `\`${spec.operationId}\`${spec.paged ? ' — every page of the list' : ''}.`,
        spec.tables.length > 1
          ? ` Lists (\`table=\`): ${spec.tables.map((t) => `\`${t.name}\``).join(', ')}; the first by default.`
          : '',
        '',
      )
      for (const table of spec.tables) {
        if (spec.tables.length > 1) out.push(`### \`${table.name}\``, '')
        out.push('| Column | Type | Meaning |', '| --- | --- | --- |')
        for (const c of table.columns) {
          out.push(`| \`${c.name}\` | ${KIND_TEXT[c.kind]} | ${cell(c.description ?? '')} |`)
        }
        out.push('')
      }
    }
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`
}
