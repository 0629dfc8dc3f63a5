/** Tool input schemas from OpenAPI parameters: the keywords the contract uses, and refusals. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { z } from 'zod'
import { isDateTime, parameterSchema, type ToolParameter } from './tool-input-schema.js'

const param = (schema: ToolParameter['schema'], extra: Partial<ToolParameter> = {}) =>
  parameterSchema({
    name: 'p',
    location: 'query',
    required: false,
    description: undefined,
    schema,
    ...extra,
  })

describe('tool input schemas', () => {
  it('reads RFC 3339 date-times as Ajv does', () => {
    for (const ok of [
      '2026-11-01T00:00:00Z',
      '2026-11-01t00:00:00z',
      '2026-11-01 00:00:00+01:00',
      '2026-11-01T00:00:00.123-0530',
      '2024-02-29T12:00:00Z',
      '2026-12-31T23:59:60Z',
    ]) {
      assert.equal(isDateTime(ok), true, ok)
    }
    for (const bad of [
      '2026-11-01',
      '2026-11-01T00:00:00',
      '2026-02-29T00:00:00Z',
      '2026-11-31T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-11-01T24:00:00Z',
      '2026-11-01T00:00:00+24:00',
      'yesterday',
    ]) {
      assert.equal(isDateTime(bad), false, bad)
    }
  })

  it('keeps integer, bounds, enums, defaults and patterns', () => {
    const limit = param({ type: 'integer', minimum: 1, maximum: 50, default: 20 })
    assert.equal(limit.parse(undefined), 20)
    assert.equal(limit.parse(50), 50)
    for (const bad of [0, 51, 2.5, '5']) assert.equal(limit.safeParse(bad).success, false)
    const sort = param({ type: 'string', enum: ['a', 'b'] })
    assert.equal(sort.safeParse('c').success, false)
    assert.equal(sort.parse(undefined), undefined)
    const name = param({ type: 'string', maxLength: 3, pattern: '^[^\\u0000-\\u001f]*$' })
    assert.equal(name.safeParse('abcd').success, false)
    // A pattern is advertised to the agent and enforced by the operation's validator, whose
    // message is the REST one (operation-parameters.ts; test/mcp.test.ts compares them).
    assert.equal((z.toJSONSchema(name) as { pattern?: string }).pattern, '^[^\\u0000-\\u001f]*$')
    assert.equal(param({ type: 'string' }).safeParse('a\u0000b').success, false)
  })

  it('reads both forms of exclusive bounds, and nullable', () => {
    // Advertised as JSON Schema's exclusive bounds, enforced with the REST message elsewhere.
    const budget = param({ type: 'number', minimum: 0, exclusiveMinimum: true })
    assert.equal((z.toJSONSchema(budget) as { exclusiveMinimum?: number }).exclusiveMinimum, 0)
    assert.equal(budget.safeParse(-1).success, false)
    const upTo = param({ type: 'number', exclusiveMaximum: 10 })
    assert.equal((z.toJSONSchema(upTo) as { exclusiveMaximum?: number }).exclusiveMaximum, 10)
    assert.equal(param({ type: 'boolean', nullable: true }).parse(null), null)
  })

  it('makes required parameters required', () => {
    const username = param({ type: 'string', minLength: 1 }, { required: true, location: 'path' })
    assert.equal(username.safeParse(undefined).success, false)
    assert.equal(username.safeParse('').success, false)
  })

  it('refuses what it cannot express instead of dropping it', () => {
    assert.throws(() => param({ type: 'array' }), /type "array"/)
    assert.throws(() => param({ type: 'string', format: 'uuid' }), /format "uuid"/)
    assert.throws(() => param({ type: 'string', multipleOf: 2 }), /keyword 'multipleOf'/)
    assert.throws(() => param({ type: 'integer', minimum: 1, default: 0 }), /default/)
  })
})
