/**
 * docs/exports.md is the contract's current column list (regenerate it with
 * `npm run generate:export-docs`); api-exports.test.ts checks real downloads against it.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { exportDocsMarkdown } from '../src/contract/export-docs.js'
import { loadOpenApiDocument } from '../src/contract/openapi-document.js'

const committed = readFileSync(new URL('../docs/exports.md', import.meta.url), 'utf8')

describe('docs/exports.md', () => {
  it('is what the contract generates (run npm run generate:export-docs)', () => {
    assert.equal(committed, exportDocsMarkdown(loadOpenApiDocument()))
  })
})
