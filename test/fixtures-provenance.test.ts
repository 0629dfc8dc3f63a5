/** Every real TikTok sample in test/fixtures/tiktok/ says where it came from, down to the commit. */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { FIXTURES_DIR } from './fixtures.js'

describe('test/fixtures/tiktok provenance', () => {
  const readme = readFileSync(join(FIXTURES_DIR, 'README.md'), 'utf8')
  const rows = readme.split('\n').filter((line) => line.startsWith('| `'))
  const files = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.json'))

  it('has one row per sample file, and no row without its file', () => {
    const named = rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1])
    assert.deepEqual([...named].sort(), [...files].sort())
  })

  it('names a source repository at a commit for every row (or the row above it)', () => {
    let lastCommit: string | null = null
    for (const row of rows) {
      const commit = /@ `([0-9a-f]{40})`/.exec(row)?.[1]
      if (commit !== undefined) lastCommit = commit
      else assert.match(row, /same repository @ same commit/, row.slice(0, 60))
      assert.ok(lastCommit !== null, `${row.slice(0, 60)}: no commit above it`)
    }
  })

  it('every sample is JSON', () => {
    for (const f of files) JSON.parse(readFileSync(join(FIXTURES_DIR, f), 'utf8'))
  })
})
