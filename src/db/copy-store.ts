/**
 * Copies a whole SQLite store into an empty PostgreSQL one: the way from the zero-set-up start
 * to a scaled-out deployment without re-ingesting every capture.
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { type Database, openDatabase } from './open.js'
import type { DB } from './schema.js'
import { monthPartitions, SNAPSHOT_TABLES } from './snapshot-partitions.js'

/** Bookkeeping rows that migrations create in every new store: replaced by the source's. */
const SEEDED_BY_MIGRATIONS: ReadonlySet<string> = new Set([
  'alert_cursor',
  'data_version',
  'derived_state',
])
/** Rows per piece of the COPY stream. */
const ROWS_PER_CHUNK = 2_000

export interface CopiedTable {
  table: string
  rows: number
}

export interface CopyOptions {
  /** Epoch seconds: the snapshot partitions are made for the months up to this one and after. */
  now: number
  /** Called after each piece of a table's rows is sent, with the table's rows so far. */
  onProgress?: (progress: CopiedTable) => void
}

type Row = Record<string, unknown>

/** The copy's refusal: what is wrong with the source or the target, before anything is written. */
export class CopyRefused extends Error {}

/**
 * Copies every table of `source` (SQLite, at the current schema) into the PostgreSQL database
 * at `targetUrl` (migrated here to the same schema; it must hold no data) in one transaction:
 * the target has all of it or, on any failure, nothing. The source is read in one read
 * transaction, so a server writing to it meanwhile does not tear the copy. Derived tables
 * (metrics, hour buckets, terms) are copied as they are: both stores follow the same rules, which
 * `derived_state` records.
 */
export async function copyStore(
  source: Database,
  targetUrl: string,
  options: CopyOptions,
): Promise<CopiedTable[]> {
  if (source.dialect.name !== 'sqlite') {
    throw new CopyRefused(
      `the source must be an SQLite store (sqlite:PATH), not ${source.description}`,
    )
  }
  if (!/^postgres(ql)?:\/\//.test(targetUrl)) {
    throw new CopyRefused('the target must be a PostgreSQL database (postgres://…)')
  }
  const target = await openDatabase(targetUrl)
  const client = new pg.Client({ connectionString: targetUrl })
  try {
    await client.connect()
    const copied = await source.db.transaction().execute(async (from) => {
      const tables = await tablesToCopy(from, target.db)
      await refuseUnlessEmpty(target.db, tables)
      await client.query('begin')
      try {
        // Building an index once over all rows is many times cheaper than growing it row by row.
        await client.query(`set local maintenance_work_mem = '256MB'`)
        const out: CopiedTable[] = []
        for (const { table, columns } of tables) {
          if (SEEDED_BY_MIGRATIONS.has(table)) await client.query(`delete from ${quoted(table)}`)
          const indexes = await dropSecondaryIndexes(client, table)
          await partitionFor(from, client, table)
          out.push({
            table,
            rows: await copyTable(from, client, table, columns, options.onProgress),
          })
          for (const definition of indexes) await client.query(definition)
        }
        await continueSerialIds(client, tables)
        await client.query('commit')
        return out
      } catch (err) {
        await client.query('rollback').catch(() => undefined)
        throw err
      }
    })
    // The months between the source's newest rows and now, and ahead, as upkeep keeps them.
    await target.dialect.ensureSnapshotPartitions(target.db, options.now)
    // Planner statistics, and the visibility map that lets counts read an index alone (without
    // it, platform stats counted the 100k-creator copy's 38 M rows from the heap: seconds).
    for (const { table } of copied) await client.query(`vacuum (analyze) ${quoted(table)}`)
    return copied
  } finally {
    await client.end().catch(() => undefined)
    await target.close()
  }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`

interface TableColumns {
  table: string
  columns: string[]
}

/**
 * The source's ordinary tables (not SQLite's text index and its shadow tables, which PostgreSQL
 * replaces with an index; not the migration bookkeeping), with columns checked against the
 * target's: the same migrations made both, so any difference is refused.
 */
async function tablesToCopy(from: Kysely<DB>, to: Kysely<DB>): Promise<TableColumns[]> {
  const { rows: sourceTables } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%'
    and name not like 'kysely_%' and sql not like 'CREATE VIRTUAL TABLE%' order by name`.execute(
    from,
  )
  const { rows: targetColumns } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() order by table_name, ordinal_position`.execute(to)
  const byTable = new Map<string, Set<string>>()
  for (const c of targetColumns) {
    const set = byTable.get(c.table_name) ?? new Set<string>()
    set.add(c.column_name)
    byTable.set(c.table_name, set)
  }
  const out: TableColumns[] = []
  for (const { name } of sourceTables) {
    const { rows } = await sql<{
      name: string
    }>`select name from pragma_table_info(${name})`.execute(from)
    const columns = rows.map((r) => r.name)
    const there = byTable.get(name)
    // SQLite's text index keeps shadow tables of its own; PostgreSQL has none of them.
    if (there === undefined && name.startsWith('videos_fts')) continue
    if (there === undefined) {
      throw new CopyRefused(`the target has no table ${name}: are both at the same schema version?`)
    }
    const differ = columns
      .filter((c) => !there.has(c))
      .concat([...there].filter((c) => !columns.includes(c)))
    if (differ.length > 0) {
      throw new CopyRefused(
        `table ${name} has other columns in the target (${differ.join(', ')}): are both at the same schema version?`,
      )
    }
    out.push({ table: name, columns })
  }
  return out
}

/** Refuses a target holding any data: a copy never merges into or overwrites a live store. */
async function refuseUnlessEmpty(to: Kysely<DB>, tables: readonly TableColumns[]): Promise<void> {
  for (const { table } of tables) {
    if (SEEDED_BY_MIGRATIONS.has(table)) continue
    const { rows } = await sql<{ any: boolean }>`
      select exists (select 1 from ${sql.table(table)}) as any`.execute(to)
    if (rows[0]?.any === true) {
      throw new CopyRefused(
        `the target is not empty (table ${table} holds rows): copy into a new database or schema`,
      )
    }
  }
}

/** One value in COPY's text format: \N for null, bytea as escaped hex, text with its escapes. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N'
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (value instanceof Uint8Array) return `\\\\x${Buffer.from(value).toString('hex')}`
  return String(value).replace(/[\\\n\r\t]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t',
  )
}

async function copyTable(
  from: Kysely<DB>,
  client: pg.Client,
  table: string,
  columns: readonly string[],
  onProgress: CopyOptions['onProgress'],
): Promise<number> {
  let rows = 0
  // Any table by name: the rows go through as they are, column by column.
  const untyped = from as unknown as Kysely<Record<string, Row>>
  const source = untyped.selectFrom(table).selectAll().stream(ROWS_PER_CHUNK)
  async function* lines(): AsyncGenerator<string> {
    let chunk = ''
    let inChunk = 0
    for await (const row of source) {
      chunk += `${columns.map((c) => copyText(row[c])).join('\t')}\n`
      rows++
      if (++inChunk === ROWS_PER_CHUNK) {
        yield chunk
        chunk = ''
        inChunk = 0
        onProgress?.({ table, rows })
      }
    }
    if (chunk !== '') yield chunk
  }
  const into = client.query(
    copyFrom(`copy ${quoted(table)} (${columns.map(quoted).join(', ')}) from stdin`),
  )
  await pipeline(Readable.from(lines()), into)
  onProgress?.({ table, rows })
  return rows
}

/**
 * A snapshot table's month partitions for every month the source's rows cover, made before its
 * rows arrive: rows of a month without one would land in DEFAULT and have to move out again.
 */
async function partitionFor(from: Kysely<DB>, client: pg.Client, table: string): Promise<void> {
  if (!SNAPSHOT_TABLES.some((t) => t.table === table)) return
  const { rows } = await sql<{ oldest: number | null; newest: number | null }>`
    select min(observed_at) as oldest, max(observed_at) as newest from ${sql.table(table)}`.execute(
    from,
  )
  const { oldest, newest } = rows[0] ?? { oldest: null, newest: null }
  if (oldest === null || newest === null) return
  for (const p of monthPartitions(table, oldest, newest)) {
    await client.query(
      `create table if not exists ${quoted(p.name)} partition of ${quoted(table)} for values from (${p.from}) to (${p.to})`,
    )
  }
}

/**
 * Drops the table's indexes other than its constraints' (primary keys and unique constraints stay,
 * as the copy relies on them being whole) and returns their definitions, to be run again once
 * its rows are in. Inside the copy's transaction: on failure they come back with the rollback.
 */
async function dropSecondaryIndexes(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `select i.indexname as name, i.indexdef as definition from pg_indexes i
     where i.schemaname = current_schema() and i.tablename = $1
     and not exists (select 1 from pg_constraint c where c.conname = i.indexname
       and c.connamespace = (select oid from pg_namespace where nspname = current_schema()))`,
    [table],
  )
  for (const { name } of rows) await client.query(`drop index ${quoted(name)}`)
  return rows.map((r) => r.definition)
}

/** Serial ids carry on after the copied ones (PostgreSQL's sequences know nothing of the copy). */
async function continueSerialIds(
  client: pg.Client,
  tables: readonly TableColumns[],
): Promise<void> {
  const copied = new Set(tables.map((t) => t.table))
  const { rows } = await client.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns
     where table_schema = current_schema() and column_default like 'nextval(%'`,
  )
  for (const { table_name: table, column_name: column } of rows) {
    if (!copied.has(table)) continue
    await client.query(
      `select setval(pg_get_serial_sequence($1, $2),
         coalesce((select max(${quoted(column)}) from ${quoted(table)}), 0) + 1, false)`,
      [table, column],
    )
  }
}
