/**
 * PostgreSQL: snapshot reads and lookups by entity key as named prepared statements, planned once
 * per connection instead of at every call.
 */
import { createHash } from 'node:crypto'
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely'
import type pg from 'pg'

/** Reads of a snapshot table with few parameters: entity lookups, a bounded set of statements. */
const SNAPSHOT_READ = /^\s*select\b[\s\S]*\b(creator|video)_snapshots\b/i
const MAX_PARAMETERS = 32
/** Columns that name one entity (or a handful): a lookup by them walks an index to few rows. */
const KEY_COLUMNS: ReadonlySet<string> = new Set([
  'id',
  'username_lower',
  'creator_id',
  'video_id',
  'entity',
  'entity_id',
])
const PARAMETER = /\$\d+/g
/** `"col" = $1` or `"col" in ($1, $2, …)`, the column possibly qualified. */
const EQUALITY = /"(\w+)"\s*(?:=|in)\s*\(?\s*((?:\$\d+\s*,?\s*)+)\)?/gi
const LIMIT_OFFSET = /\b(?:limit|offset)\s+(\$\d+)/gi

/**
 * Whether a read's plan is the same whatever its values: a select whose every parameter is an
 * entity key compared by equality, a limit or an offset. Such a statement can be prepared once
 * and run with a generic plan; one filtering on anything else (a hashtag on a third of the
 * videos or on three, a date range) is planned for its values at each call.
 */
export function isKeyLookup(sqlText: string): boolean {
  if (!/^\s*select\b/i.test(sqlText)) return false
  const covered = new Set<string>()
  for (const m of sqlText.matchAll(EQUALITY)) {
    if (KEY_COLUMNS.has(m[1] ?? '')) for (const p of m[2]?.match(PARAMETER) ?? []) covered.add(p)
  }
  for (const m of sqlText.matchAll(LIMIT_OFFSET)) covered.add(m[1] ?? '')
  const used = sqlText.match(PARAMETER) ?? []
  return used.length > 0 && used.every((p) => covered.has(p))
}

/**
 * The snapshot tables are partitioned by month (snapshot-partitions.ts); a lookup by entity
 * cannot be pruned by time, so planning it anew touches every partition, and with a few years
 * of months planning costs more than running. Named statements are planned once per connection
 * and reused with a generic plan (pruned at run time), which PostgreSQL replans by itself when a
 * partition is added. Lookups by entity key (isKeyLookup) are named too: for them planning is
 * much of the backend's work (the creator page's nine reads: a third less backend CPU). Other
 * statements go through unchanged: their plans may depend on the values (a tag on a third of the
 * videos, or on three).
 */
export function withPreparedReads(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect()
      function query<R>(
        sql: string,
        parameters: ReadonlyArray<unknown>,
      ): Promise<PostgresQueryResult<R>>
      function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>
      function query<R>(
        what: string | PostgresCursor<R>,
        parameters?: ReadonlyArray<unknown>,
      ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
        if (typeof what !== 'string') return client.query(what as never) as PostgresCursor<R>
        const values = [...(parameters ?? [])]
        const named =
          values.length <= MAX_PARAMETERS && (SNAPSHOT_READ.test(what) || isKeyLookup(what))
        return client.query(
          named ? { name: statementName(what), text: what, values } : { text: what, values },
        ) as unknown as Promise<PostgresQueryResult<R>>
      }
      return { query, release: (destroy?: boolean) => client.release(destroy) }
    },
    end: () => pool.end(),
  }
}

/** One name per statement text (pg refuses a name reused for another text). */
function statementName(sql: string): string {
  return `tk_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`
}
