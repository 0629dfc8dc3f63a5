/** The dashboard's API types are the served contract's: the generated file is never stale. */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { GENERATED_TYPES, generatedApiTypes } from '../web/generate-api-types.js'

describe('web/src/generated/contract.ts', () => {
  it('is what openapi-typescript makes of the served contract (npm run generate:api-types)', async () => {
    assert.equal(readFileSync(GENERATED_TYPES, 'utf8'), await generatedApiTypes())
  })

  it('is what the dashboard takes its answer types from', () => {
    const aliases = readFileSync(new URL('../web/src/api-types.ts', import.meta.url), 'utf8')
    assert.match(aliases, /from '\.\/generated\/contract\.js'/)
    // Every exported name is an alias of a contract schema, not a hand-written shape.
    assert.doesNotMatch(aliases, /^export interface /m)
  })
})
