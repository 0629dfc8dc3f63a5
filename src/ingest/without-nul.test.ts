/** Unit tests of NUL removal from parsed values (PostgreSQL text cannot hold U+0000). */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { withoutNul } from './without-nul.js'

describe('withoutNul', () => {
  it('returns clean values themselves, uncopied', () => {
    const value = { a: 'x', b: [1, 'y', { c: null }], d: true }
    assert.equal(withoutNul(value), value)
    assert.equal(withoutNul('plain'), 'plain')
  })

  it('removes U+0000 from strings and keys at any depth, leaving the input untouched', () => {
    const value = { 'k\u0000ey': 'a\u0000b', list: ['\u0000', 'ok', ['x\u0000']], n: 5 }
    assert.deepEqual(withoutNul(value), { key: 'ab', list: ['', 'ok', ['x']], n: 5 })
    assert.equal(value.list[0], '\u0000')
  })

  it('keeps a __proto__ key as data, never as a prototype', () => {
    const value = JSON.parse('{"__proto__": {"polluted": "y\\u0000es"}, "a": "\\u0000"}') as object
    const clean = withoutNul(value) as Record<string, unknown>
    assert.equal(Object.getPrototypeOf(clean), Object.prototype)
    assert.deepEqual(Object.getOwnPropertyDescriptor(clean, '__proto__')?.value, {
      polluted: 'yes',
    })
    assert.equal(({} as Record<string, unknown>).polluted, undefined)
  })
})
