/** Writes docs/exports.md from the served contract (src/contract/export-docs.ts). */
import { writeFileSync } from 'node:fs'
import { exportDocsMarkdown } from '../src/contract/export-docs.js'
import { loadOpenApiDocument } from '../src/contract/openapi-document.js'

const target = new URL('../docs/exports.md', import.meta.url)
writeFileSync(target, exportDocsMarkdown(loadOpenApiDocument()))
console.log(`wrote ${target.pathname}`)
