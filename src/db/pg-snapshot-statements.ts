/** PostgreSQL: snapshot reads as named prepared statements, so partitioning costs no planning. */
import { createHash } from 'node:crypto'
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely'
import type pg from 'pg'

/** Reads of a snapshot table with few parameters: entity lookups, a bounded set of statements. */
const SNAPSHOT_READ = /^\s*select\b[\s\S]*\b(creator|video)_snapshots\b/i
const MAX_PARAMETERS = 32

/**
 * The snapshot tables are partitioned by month (snapshot-partitions.ts); a lookup by entity
 * cannot be pruned by time, so planning it anew touches every partition, and with a few years
 * of months planning costs more than running. Named statements are planned once per connection
 * and reused with a generic plan (pruned at run time), which PostgreSQL replans by itself when a
 * partition is added. Other statements go through unchanged: their plans may depend on the
 * values (a tag on a third of the videos, or on three), and they have no partitions to plan.
 */
export function withPreparedSnapshotReads(pool: pg.Pool): PostgresPool {
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
        const named = values.length <= MAX_PARAMETERS && SNAPSHOT_READ.test(what)
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
