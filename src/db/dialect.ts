/** The few real differences between SQLite and PostgreSQL, in one place (DESIGN.md rule 4). */
import {
  type ColumnDataType,
  type CreateTableBuilder,
  type Kysely,
  type RawBuilder,
  type SqlBool,
  sql,
} from 'kysely'
import { containsPattern } from './like-pattern.js'
import type { DB } from './schema.js'
import { ensureSnapshotPartitions, partitionSnapshotTables } from './snapshot-partitions.js'

export type DialectName = 'sqlite' | 'postgres'

export interface Dialect {
  name: DialectName
  /**
   * Whether statements run synchronously on the thread that calls them (SQLite, in-process): a
   * write transaction on the main thread then holds every read and request behind it.
   */
  runsOnCallingThread: boolean
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
  /**
   * Whether `SELECT … FOR UPDATE [SKIP LOCKED]` exists (PostgreSQL: the ingest queue's claims).
   * SQLite has a single writer, so it needs no row locks, and has no queue mode.
   */
  rowLocks: boolean
  /** `column` starts with `prefix` (a lower-case literal), in a form the column's index serves. */
  startsWith(column: string, prefix: string): RawBuilder<SqlBool>
  /** Whatever extra index `startsWith` needs on this database. */
  addPrefixIndex(db: Kysely<unknown>, table: string, column: string): Promise<void>
  /** The schema new tables go to (PostgreSQL's search_path); null where schemas do not exist. */
  currentSchema(db: Kysely<DB>): Promise<string | null>
  /**
   * `column` in a form no index serves, so that a condition on it is tested per row of another
   * access path. SQLite's planner has no statistics and would otherwise read by the condition's
   * index and sort every match; PostgreSQL's planner weighs both with its statistics.
   */
  unindexed(column: string): RawBuilder<unknown>
  /** Migration 015: the text index that serves `videoTextContains` on this database. */
  indexVideoText(db: Kysely<unknown>): Promise<void>
  /**
   * `videos.search_text` (lower-cased) contains `word` (lower-cased), through that index; with
   * `drive` false, written so that the planner tests it per row of another access path (a walk
   * along a sort index) instead of reading every match first.
   */
  videoTextContains(word: string, drive: boolean): RawBuilder<SqlBool>
  /**
   * How many videos contain every one of `words`, counted from the text index alone; null when
   * the index cannot answer it (the caller counts matching rows instead).
   */
  countVideoText(db: Kysely<DB>, words: readonly string[]): Promise<number | null>
  /**
   * Migration 013: PostgreSQL partitions the snapshot tables by month of observed_at (see
   * snapshot-partitions.ts); SQLite keeps its plain tables, whose primary key already serves.
   */
  partitionSnapshots(db: Kysely<unknown>, now: number): Promise<void>
  /**
   * Creates the snapshot partitions missing up to two months after `now` (epoch seconds) and
   * returns their names: at migration, at server start and daily, and before retention runs.
   * Nothing to do on SQLite.
   */
  ensureSnapshotPartitions<T>(db: Kysely<T>, now: number): Promise<string[]>
}

/**
 * A word the FTS5 trigram index finds exactly: three or more characters. A phrase of its
 * trigrams in sequence is a substring match, folded for case like our lower-cased text.
 */
const trigramIndexable = (word: string): boolean => [...word].length >= 3

/** `word` as an FTS5 phrase (its double quotes doubled), so no character is query syntax. */
const ftsPhrase = (word: string): string => `"${word.replaceAll('"', '""')}"`

const INGEST_LOCK_KEY = 7_461_202_611 // arbitrary constant shared by every Toklytics writer

export const SQLITE: Dialect = {
  name: 'sqlite',
  blobType: 'blob',
  // An FTS5 trigram index over the description text, kept by triggers: FTS5 answers LIKE
  // '%abc%' from it for patterns of three or more characters.
  async indexVideoText(db) {
    await sql`create virtual table videos_fts using fts5(
      search_text, content = 'videos', content_rowid = 'rowid', tokenize = 'trigram')`.execute(db)
    await sql`create trigger videos_fts_insert after insert on videos begin
      insert into videos_fts (rowid, search_text) values (new.rowid, new.search_text);
      end`.execute(db)
    await sql`create trigger videos_fts_delete after delete on videos begin
      insert into videos_fts (videos_fts, rowid, search_text)
        values ('delete', old.rowid, old.search_text);
      end`.execute(db)
    // Re-observations rewrite every column; only a changed description is re-indexed.
    await sql`create trigger videos_fts_update after update of search_text on videos
      when old.search_text is not new.search_text begin
      insert into videos_fts (videos_fts, rowid, search_text)
        values ('delete', old.rowid, old.search_text);
      insert into videos_fts (rowid, search_text) values (new.rowid, new.search_text);
      end`.execute(db)
    await sql`insert into videos_fts (videos_fts) values ('rebuild')`.execute(db)
  },
  unindexed: (column) => sql`+${sql.ref(column)}`,
  videoTextContains(word, drive) {
    // Shorter words have no trigram: those scan with LIKE.
    if (!trigramIndexable(word)) {
      return sql<SqlBool>`videos.search_text like ${containsPattern(word)} escape '\\'`
    }
    const rowid = drive ? sql.ref('videos.rowid') : SQLITE.unindexed('videos.rowid')
    return sql<SqlBool>`${rowid} in (select rowid from videos_fts
      where videos_fts match ${ftsPhrase(word)})`
  },
  async countVideoText(db, words) {
    if (words.length === 0 || !words.every(trigramIndexable)) return null
    const { rows } = await sql<{ n: number }>`select count(*) as n from videos_fts
      where videos_fts match ${words.map(ftsPhrase).join(' AND ')}`.execute(db)
    return Number(rows[0]?.n ?? 0)
  },
  addSerialId: (table) => table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
  async lockIngest() {},
  runsOnCallingThread: true,
  rowLocks: false,
  currentSchema: async () => null,
  // GLOB is case-sensitive, so SQLite serves it from the plain (binary) index; LIKE would not.
  startsWith: (column, prefix) =>
    sql<SqlBool>`${sql.ref(column)} glob ${`${prefix.replace(/[[\]*?]/g, (c) => `[${c}]`)}*`}`,
  addPrefixIndex: async () => {},
  partitionSnapshots: async () => {},
  ensureSnapshotPartitions: async () => [],
}

export const POSTGRES: Dialect = {
  name: 'postgres',
  blobType: 'bytea',
  // pg_trgm's GIN index serves LIKE '%abc%' directly. The extension is trusted (PostgreSQL
  // 13+): a database owner may create it; without it the search still works, unindexed. It goes
  // to `public` (not this connection's schema, which may be dropped with everything in it), and
  // its operator class is named with the schema it is in.
  async indexVideoText(db) {
    await sql`do $$ begin
      create extension if not exists pg_trgm with schema public;
    exception when insufficient_privilege then
      raise warning 'pg_trgm is not available: description search will scan';
    end $$`.execute(db)
    const { rows } = await sql<{ schema: string }>`
      select n.nspname as schema from pg_extension e
      join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db)
    const schema = rows[0]?.schema
    if (schema === undefined) return
    await sql`create index videos_search_text_trgm_idx on videos
      using gin (search_text ${sql.id(schema, 'gin_trgm_ops')})`.execute(db)
  },
  unindexed: (column) => sql.ref(column),
  videoTextContains: (word, _drive) =>
    sql<SqlBool>`videos.search_text like ${containsPattern(word)} escape '\\'`,
  // The trigram index serves the LIKE of the search itself; a count reads the rows either way.
  countVideoText: async () => null,
  addSerialId: (table) => table.addColumn('id', 'bigserial', (c) => c.primaryKey()),
  async lockIngest(trx) {
    await sql`select pg_advisory_xact_lock(${INGEST_LOCK_KEY})`.execute(trx)
  },
  runsOnCallingThread: false,
  rowLocks: true,
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
  partitionSnapshots: partitionSnapshotTables,
  ensureSnapshotPartitions,
}
