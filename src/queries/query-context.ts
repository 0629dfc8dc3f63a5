/** What every read query gets: the database, the clock, and where this server's pages live. */
import type { Kysely } from 'kysely'
import type { DataVersion } from '../db/data-version.js'
import type { Dialect } from '../db/dialect.js'
import type { Database } from '../db/open.js'
import type { DB } from '../db/schema.js'

export interface QueryContext {
  db: Kysely<DB>
  dialect: Dialect
  /** Changes with every committed write: what in-process caches of reads are keyed on. */
  dataVersion: DataVersion
  /** Reference time in epoch SECONDS (trending windows, growth); injectable in tests. */
  now: () => number
  /** Base of `profile_url` links (PUBLIC_BASE_URL), without a trailing slash. */
  publicBaseUrl: string
}

/** The read context of `database`: its read handle (a replica when configured), its version. */
export function readContext(
  database: Database,
  options: { now: () => number; publicBaseUrl: string },
): QueryContext {
  return {
    db: database.readDb,
    dialect: database.dialect,
    dataVersion: database.dataVersion,
    ...options,
  }
}
