/** The SQLite page cache each connection is opened with (TOKLYTICS_SQLITE_CACHE_MB). */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { sql } from 'kysely'
import { type Database, openDatabase } from '../src/db/open.js'

/** SQLite reports a cache given in KiB as a negative number of KiB. */
async function cacheSize(database: Database): Promise<number> {
  const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(database.db)
  return Number(rows[0]?.cache_size)
}

describe('SQLite page cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'toklytics-cache-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('is 64 MiB unless told otherwise, far above SQLite’s own 2 MiB', async () => {
    const database = await openDatabase(`sqlite:${join(dir, 'default.db')}`)
    try {
      assert.equal(await cacheSize(database), -64 * 1024)
    } finally {
      await database.close()
    }
  })

  it('takes the size it is given, in MiB', async () => {
    const database = await openDatabase(`sqlite:${join(dir, 'sized.db')}`, { sqliteCacheMb: 300 })
    try {
      assert.equal(await cacheSize(database), -300 * 1024)
    } finally {
      await database.close()
    }
  })
})
