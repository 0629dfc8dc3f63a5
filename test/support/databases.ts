/** Runs a storage test on every database: a fresh SQLite file always, PostgreSQL when configured. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { type Database, type MigratePolicy, openDatabase } from '../../src/db/open.js'

export interface TestDatabase {
  name: 'sqlite' | 'postgres'
  /**
   * Opens a new, empty database (its own file or its own PostgreSQL schema), migrated to the
   * newest schema unless `migrate` says otherwise ('none': upgrade tests migrate it themselves).
   */
  open(options?: { migrate?: MigratePolicy }): Promise<Database>
  /** The URL of the last database opened (for CLI tests that spawn the real binary). */
  url(): string
  cleanup(): Promise<void>
}

const PG_URL = process.env.TOKLYTICS_TEST_PG_URL
let warned = false

function sqliteTarget(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'toklytics-test-'))
  let n = 0
  let last = ''
  return {
    name: 'sqlite',
    async open(options = {}) {
      last = `sqlite:${join(dir, `db-${++n}.sqlite`)}`
      return openDatabase(last, options)
    },
    url: () => last,
    async cleanup() {
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function postgresTarget(baseUrl: string): TestDatabase {
  const schemas: string[] = []
  let last = ''
  return {
    name: 'postgres',
    async open(options = {}) {
      // Each database gets its own schema, selected through the connection's search_path.
      const schema = `t_${process.pid}_${Date.now().toString(36)}_${schemas.length}`
      const admin = new pg.Client({ connectionString: baseUrl })
      await admin.connect()
      await admin.query(`create schema ${schema}`)
      await admin.end()
      schemas.push(schema)
      const url = new URL(baseUrl)
      url.searchParams.set('options', `-c search_path=${schema}`)
      last = url.href
      return openDatabase(last, options)
    },
    url: () => last,
    async cleanup() {
      const admin = new pg.Client({ connectionString: baseUrl })
      await admin.connect()
      for (const s of schemas) await admin.query(`drop schema if exists ${s} cascade`)
      await admin.end()
    },
  }
}

/** The databases this run tests: SQLite, plus PostgreSQL when TOKLYTICS_TEST_PG_URL is set. */
export function testDatabases(): TestDatabase[] {
  if (!PG_URL) {
    if (!warned) {
      warned = true
      console.log(
        '# PostgreSQL variants skipped: set TOKLYTICS_TEST_PG_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run them',
      )
    }
    return [sqliteTarget()]
  }
  return [sqliteTarget(), postgresTarget(PG_URL)]
}
