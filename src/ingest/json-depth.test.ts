/** Unit tests of the JSON depth bound: exact boundary, arrays and objects, hostile depth. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { exceedsDepth } from './json-depth.js'

/** `levels` nested arrays (`[[…[]…]]`), built without recursion. */
function nestedArrays(levels: number): unknown[] {
  const root: unknown[] = []
  let current = root
  for (let i = 1; i < levels; i++) {
    const child: unknown[] = []
    current.push(child)
    current = child
  }
  return root
}

/** `levels` nested objects (`{"a":{"a":…{}}}`), built without recursion. */
function nestedObjects(levels: number): Record<string, unknown> {
  const root: Record<string, unknown> = {}
  let current = root
  for (let i = 1; i < levels; i++) {
    const child: Record<string, unknown> = {}
    current.a = child
    current = child
  }
  return root
}

describe('exceedsDepth', () => {
  it('never finds a scalar too deep', () => {
    assert.equal(exceedsDepth(42, 0), false)
    assert.equal(exceedsDepth('deep', 0), false)
    assert.equal(exceedsDepth(null, 0), false)
    assert.equal(exceedsDepth(true, 0), false)
    assert.equal(exceedsDepth(undefined, 0), false)
  })

  it('counts an empty array or object as one level', () => {
    assert.equal(exceedsDepth([], 1), false)
    assert.equal(exceedsDepth({}, 1), false)
    assert.equal(exceedsDepth([], 0), true)
    assert.equal(exceedsDepth({}, 0), true)
  })

  it('accepts depth == limit and refuses limit + 1 (arrays)', () => {
    assert.equal(exceedsDepth([[[]]], 3), false)
    assert.equal(exceedsDepth([[[]]], 2), true)
    assert.equal(exceedsDepth([1, [2, [3]]], 3), false)
    assert.equal(exceedsDepth([1, [2, [3]]], 2), true)
  })

  it('accepts depth == limit and refuses limit + 1 (objects)', () => {
    const fourLevels = { a: { b: { c: { d: 1 } } } }
    assert.equal(exceedsDepth(fourLevels, 4), false)
    assert.equal(exceedsDepth(fourLevels, 3), true)
  })

  it('counts arrays and objects alike when they alternate', () => {
    const fourLevels = { list: [{ inner: ['x'] }] }
    assert.equal(exceedsDepth(fourLevels, 4), false)
    assert.equal(exceedsDepth(fourLevels, 3), true)
  })

  it('finds the deepest branch among shallow siblings', () => {
    const value = { a: 1, b: [], c: 'text', d: { e: { f: [] } }, g: [[]] }
    assert.equal(exceedsDepth(value, 4), false)
    assert.equal(exceedsDepth(value, 3), true)
  })

  it('does not count scalars inside the deepest container as a level', () => {
    assert.equal(exceedsDepth([[['leaf', 1, null, false]]], 3), false)
  })

  it('applies the ingest limit of 64 exactly', () => {
    assert.equal(exceedsDepth(nestedArrays(64), 64), false)
    assert.equal(exceedsDepth(nestedArrays(65), 64), true)
    assert.equal(exceedsDepth(nestedObjects(64), 64), false)
    assert.equal(exceedsDepth(nestedObjects(65), 64), true)
  })

  it('measures 100,000 levels without overflowing the stack', () => {
    const arrays = nestedArrays(100_000)
    assert.equal(exceedsDepth(arrays, 64), true)
    assert.equal(exceedsDepth(arrays, 100_000), false)
    assert.equal(exceedsDepth(arrays, 99_999), true)
    const objects = nestedObjects(100_000)
    assert.equal(exceedsDepth(objects, 64), true)
    assert.equal(exceedsDepth(objects, 100_000), false)
  })
})
