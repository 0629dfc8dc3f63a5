/** The few real differences between SQLite and PostgreSQL, in one place (DESIGN.md rule 4). */
import {
  type ColumnDataType,
  type CreateTableBuilder,
  type Kysely,
  type RawBuilder,
  type SqlBool,
  sql,
} from 'kysely'
import type { DB } from './schema.js'

export type DialectName = 'sqlite' | 'postgres'

export interface Dialect {
  name: DialectName
  /** Column type for compressed raw bodies. */
  blobType: ColumnDataType
  /** Adds an auto-incrementing integer primary key `id` to a table being created. */
  addSerialId<TB extends string>(table: CreateTableBuilder<TB, never>): CreateTableBuilder<TB, 'id'>
  /**
   * Serialises ingestion writers for the length of a transaction. SQLite already has a single
   * writer; PostgreSQL takes a transaction-scoped advisory lock, so that the read-merge-write of
   * a batch (newest observation wins, tracked totals updated by delta) never interleaves.
   */
  lockIngest(trx: Kysely<DB>): Promise<void>
  /** `column` starts with `prefix` (a lower-case literal), in a form the column's index serves. */
  startsWith(column: string, prefix: string): RawBuilder<SqlBool>
  /** Whatever extra index `startsWith` needs on this database. */
  addPrefixIndex(db: Kysely<unknown>, table: string, column: string): Promise<void>
  /** The schema new tables go to (PostgreSQL's search_path); null where schemas do not exist. */
  currentSchema(db: Kysely<DB>): Promise<string | null>
}

const INGEST_LOCK_KEY = 7_461_202_611 // arbitrary constant shared by every Toklytics writer

export const SQLITE: Dialect = {
  name: 'sqlite',
  blobType: 'blob',
  addSerialId: (table) => table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
  async lockIngest() {},
  currentSchema: async () => null,
  // GLOB is case-sensitive, so SQLite serves it from the plain (binary) index; LIKE would not.
  startsWith: (column, prefix) =>
    sql<SqlBool>`${sql.ref(column)} glob ${`${prefix.replace(/[[\]*?]/g, (c) => `[${c}]`)}*`}`,
  addPrefixIndex: async () => {},
}

export const POSTGRES: Dialect = {
  name: 'postgres',
  blobType: 'bytea',
  addSerialId: (table) => table.addColumn('id', 'bigserial', (c) => c.primaryKey()),
  async lockIngest(trx) {
    await sql`select pg_advisory_xact_lock(${INGEST_LOCK_KEY})`.execute(trx)
  },
  // LIKE 'p%' is served by an index only with text_pattern_ops under a non-C collation.
  startsWith: (column, prefix) =>
    sql<SqlBool>`${sql.ref(column)} like ${`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`,
  async addPrefixIndex(db, table, column) {
    await sql`create index ${sql.id(`${table}_${column}_prefix_idx`)} on ${sql.id(table)} (${sql.id(column)} text_pattern_ops)`.execute(
      db,
    )
  },
  async currentSchema(db) {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
    return rows[0]?.schema ?? null
  },
}
