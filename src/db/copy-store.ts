/**
 * Copies a whole SQLite store into an empty PostgreSQL one: the way from the zero-set-up start
 * to a scaled-out deployment without re-ingesting every capture.
 */
import { type Kysely, sql } from 'kysely'
import type { Database } from './open.js'
import type { DB } from './schema.js'

/** Bookkeeping rows that migrations create in every new store: replaced by the source's. */
const SEEDED_BY_MIGRATIONS: ReadonlySet<string> = new Set([
  'alert_cursor',
  'data_version',
  'derived_state',
])
/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 60_000
const MAX_ROWS_PER_STATEMENT = 1_000

export interface CopiedTable {
  table: string
  rows: number
}

export interface CopyOptions {
  /** Epoch seconds: the snapshot partitions are made for the months up to this one and after. */
  now: number
  /** Called after each statement's rows are written, with the table's rows so far. */
  onProgress?: (progress: CopiedTable) => void
}

type Row = Record<string, unknown>

/** The copy's refusal: what is wrong with the source or the target, before anything is written. */
export class CopyRefused extends Error {}

/**
 * Copies every table of `source` (SQLite, at the current schema) into `target` (PostgreSQL, at
 * the same schema, holding no data) in one transaction: the target has all of it or, on any
 * failure, nothing. The source is read in one read transaction, so a server writing to it
 * meanwhile does not tear the copy. Derived tables (metrics, hour buckets, terms) are copied as
 * they are: both stores follow the same rules, which `derived_state` records.
 */
export async function copyStore(
  source: Database,
  target: Database,
  options: CopyOptions,
): Promise<CopiedTable[]> {
  if (source.dialect.name !== 'sqlite') {
    throw new CopyRefused(
      `the source must be an SQLite store (sqlite:PATH), not ${source.description}`,
    )
  }
  if (target.dialect.name !== 'postgres') {
    throw new CopyRefused(`the target must be a PostgreSQL database, not ${target.description}`)
  }
  const copied = await source.db.transaction().execute(async (from) => {
    const tables = await tablesToCopy(from, target.db)
    await refuseUnlessEmpty(target.db, tables)
    return target.db.transaction().execute(async (to) => {
      const out: CopiedTable[] = []
      for (const { table, columns } of tables) {
        if (SEEDED_BY_MIGRATIONS.has(table)) await sql`delete from ${sql.table(table)}`.execute(to)
        out.push({ table, rows: await copyTable(from, to, table, columns, options.onProgress) })
      }
      await continueSerialIds(to, tables)
      return out
    })
  })
  // Rows of months without a partition landed in DEFAULT; this makes the partitions and moves them.
  await target.dialect.ensureSnapshotPartitions(target.db, options.now)
  await sql`analyze`.execute(target.db)
  return copied
}

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

async function copyTable(
  from: Kysely<DB>,
  to: Kysely<DB>,
  table: string,
  columns: readonly string[],
  onProgress: CopyOptions['onProgress'],
): Promise<number> {
  const perStatement = Math.max(
    1,
    Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns.length)),
  )
  const columnList = sql.join(columns.map((c) => sql.ref(c)))
  let rows = 0
  let pending: Row[] = []
  const flush = async () => {
    if (pending.length === 0) return
    const values = sql.join(pending.map((r) => sql`(${sql.join(columns.map((c) => r[c]))})`))
    await sql`insert into ${sql.table(table)} (${columnList}) values ${values}`.execute(to)
    rows += pending.length
    pending = []
    onProgress?.({ table, rows })
  }
  // Any table by name: the rows go through as they are, column by column.
  const untyped = from as unknown as Kysely<Record<string, Row>>
  for await (const row of untyped.selectFrom(table).selectAll().stream(perStatement)) {
    pending.push(row)
    if (pending.length >= perStatement) await flush()
  }
  await flush()
  return rows
}

/** Serial ids carry on after the copied ones (PostgreSQL's sequences know nothing of the copy). */
async function continueSerialIds(to: Kysely<DB>, tables: readonly TableColumns[]): Promise<void> {
  const copied = new Set(tables.map((t) => t.table))
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and column_default like 'nextval(%'`.execute(to)
  for (const { table_name: table, column_name: column } of rows) {
    if (!copied.has(table)) continue
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}),
      coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
      to,
    )
  }
}
