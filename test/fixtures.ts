/** Test access to the real TikTok payloads kept in `test/fixtures/tiktok/` (provenance: its README). */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { ParsedCapture, ParseResult } from '../src/ingest/parsed.js'

const FIXTURES_URL = new URL('./fixtures/tiktok/', import.meta.url)

/** The fixtures folder, inside the repository so that a fresh clone runs every test. */
export const FIXTURES_DIR = fileURLToPath(FIXTURES_URL)

/** A fixture's JSON, freshly parsed (safe to modify): `readFixture('user_detail.sample1.json')`. */
export function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, FIXTURES_URL), 'utf8')) as unknown
}

/** The object at `path` inside a fixture value; fails the test when the shape is not there. */
export function objectAt(
  value: unknown,
  ...path: readonly (string | number)[]
): Record<string, unknown> {
  const found = walk(value, path)
  assert.ok(
    typeof found === 'object' && found !== null && !Array.isArray(found),
    `no object at ${path.join('.')}`,
  )
  return found as Record<string, unknown>
}

/** The array at `path` inside a fixture value; fails the test when the shape is not there. */
export function listAt(value: unknown, ...path: readonly (string | number)[]): unknown[] {
  const found = walk(value, path)
  assert.ok(Array.isArray(found), `no array at ${path.join('.')}`)
  return found
}

function walk(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value
  for (const step of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string | number, unknown>)[step]
  }
  return current
}

/** The data of an ok parse result; fails the test with the drop reason otherwise. */
export function okData(result: ParseResult): ParsedCapture {
  assert.ok(result.ok, result.ok ? '' : `dropped: ${result.reason}: ${result.detail}`)
  return result.data
}
