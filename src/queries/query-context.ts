/** What every read query gets: the database, the clock, and where this server's pages live. */
import type { Kysely } from 'kysely'
import type { Dialect } from '../db/dialect.js'
import type { DB } from '../db/schema.js'

export interface QueryContext {
  db: Kysely<DB>
  dialect: Dialect
  /** Reference time in epoch SECONDS (trending windows, growth); injectable in tests. */
  now: () => number
  /** Base of `profile_url` links (PUBLIC_BASE_URL), without a trailing slash. */
  publicBaseUrl: string
}
