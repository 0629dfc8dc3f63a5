/** PostgreSQL monthly partitions of the snapshot tables: the conversion (migration 013) and upkeep. */
import { type Kysely, sql } from 'kysely'

/** The partitioned tables and the column that, with observed_at, is their primary key. */
export const SNAPSHOT_TABLES = [
  { table: 'creator_snapshots', entity: 'creator_id' },
  { table: 'video_snapshots', entity: 'video_id' },
] as const

/** Months from this one on get partitions; older rows (before TikTok) stay in DEFAULT. */
export const FIRST_PARTITION_MONTH = Date.UTC(2016, 0, 1) / 1000
/** Partitions exist ahead of time for the current month and this many after it. */
export const MONTHS_AHEAD = 2

// Creating partitions is rare but must not race between processes starting at once; not the
// ingest lock, so that writers are not held up while DEFAULT is scanned.
const PARTITION_LOCK_KEY = 7_461_202_613

export interface MonthPartition {
  /** `creator_snapshots_p2026_11`. */
  name: string
  /** Epoch seconds, inclusive. */
  from: number
  /** Epoch seconds, exclusive (the next month's `from`). */
  to: number
}

const monthIndex = (t: number) => {
  const d = new Date(t * 1000)
  return d.getUTCFullYear() * 12 + d.getUTCMonth()
}
const monthStart = (index: number) => Date.UTC(Math.floor(index / 12), index % 12, 1) / 1000

/** The month partitions of `table` covering `from`…`to` (epoch seconds, both inclusive). */
export function monthPartitions(table: string, from: number, to: number): MonthPartition[] {
  const out: MonthPartition[] = []
  const first = Math.max(monthIndex(from), monthIndex(FIRST_PARTITION_MONTH))
  for (let m = first; m <= monthIndex(to); m++) {
    const month = String((m % 12) + 1).padStart(2, '0')
    out.push({
      name: `${table}_p${Math.floor(m / 12)}_${month}`,
      from: monthStart(m),
      to: monthStart(m + 1),
    })
  }
  return out
}

/** The last second covered ahead of time at `now`: the end of the month MONTHS_AHEAD later. */
const aheadEnd = (now: number) => monthStart(monthIndex(now) + MONTHS_AHEAD + 1) - 1

/**
 * Migration 013: turns each snapshot table into one PARTITION BY RANGE (observed_at) with the
 * same columns and primary key (entity, observed_at) — partitioned indexes, so the read path's
 * lookups are unchanged — a DEFAULT partition (no insert can fail for want of a partition),
 * a BRIN index on observed_at, and a partition per month from the oldest row to MONTHS_AHEAD
 * after `now`. Rows are copied; runs inside the migration's transaction.
 */
export async function partitionSnapshotTables(db: Kysely<unknown>, now: number): Promise<void> {
  for (const { table, entity } of SNAPSHOT_TABLES) {
    const old = `${table}_unpartitioned`
    await sql`alter table ${sql.id(table)} rename to ${sql.id(old)}`.execute(db)
    await sql`alter table ${sql.id(old)} rename constraint ${sql.id(`${table}_pk`)} to ${sql.id(`${old}_pk`)}`.execute(
      db,
    )
    await sql`create table ${sql.id(table)} (like ${sql.id(old)} including defaults) partition by range (observed_at)`.execute(
      db,
    )
    await sql`alter table ${sql.id(table)} add constraint ${sql.id(`${table}_pk`)} primary key (${sql.id(entity)}, observed_at)`.execute(
      db,
    )
    await sql`create table ${sql.id(`${table}_default`)} partition of ${sql.id(table)} default`.execute(
      db,
    )
    // Rows arrive roughly in time order, so block ranges summarise them well at a tiny size.
    await sql`create index ${sql.id(`${table}_observed_at_brin`)} on ${sql.id(table)} using brin (observed_at)`.execute(
      db,
    )
    const { rows } = await sql<{
      oldest: number | string | null
    }>`select min(observed_at) as oldest from ${sql.id(old)}`.execute(db)
    const oldest = rows[0]?.oldest
    const from = oldest === null || oldest === undefined ? now : Math.min(Number(oldest), now)
    for (const p of monthPartitions(table, from, aheadEnd(now))) await createPartition(db, table, p)
    await sql`insert into ${sql.id(table)} select * from ${sql.id(old)}`.execute(db)
    await sql`drop table ${sql.id(old)}`.execute(db)
  }
}

/**
 * Creates the missing month partitions, from the oldest existing one (or the oldest row in
 * DEFAULT, whichever is older) to MONTHS_AHEAD after `now`, moving the rows DEFAULT holds for
 * them. Returns the names created. Cheap when nothing is missing (one catalog read per table);
 * when something is, it runs in a transaction under an advisory lock (or the caller's).
 */
export async function ensureSnapshotPartitions<T>(db: Kysely<T>, now: number): Promise<string[]> {
  if ((await missingPartitions(db, now)).length === 0) return []
  const emptied = new Set<string>()
  const work = async (trx: Kysely<T>) => {
    await sql`select pg_advisory_xact_lock(${PARTITION_LOCK_KEY})`.execute(trx)
    const created: string[] = []
    for (const { table, partition } of await missingPartitions(trx, now)) {
      if (await createPartition(trx, table, partition)) emptied.add(`${table}_default`)
      created.push(partition.name)
    }
    return created
  }
  if (db.isTransaction) return work(db)
  const created = await db.transaction().execute(work)
  // The rows moved out of DEFAULT stay in it as dead tuples until a vacuum: its index, which
  // every lookup by entity probes, would otherwise hold them all (60 ms per creator history on
  // the 10,000-creator bench set instead of 1 ms). VACUUM cannot run in a transaction.
  for (const table of emptied) await sql`vacuum (analyze) ${sql.id(table)}`.execute(db)
  return created
}

async function missingPartitions<T>(
  db: Kysely<T>,
  now: number,
): Promise<Array<{ table: string; partition: MonthPartition }>> {
  const missing: Array<{ table: string; partition: MonthPartition }> = []
  for (const { table } of SNAPSHOT_TABLES) {
    const { rows: children } = await sql<{ name: string }>`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = to_regclass(${table})`.execute(db)
    const existing = new Set(children.map((c) => c.name))
    const end = aheadEnd(now)
    const { rows } = await sql<{ oldest: number | string | null }>`
      select min(observed_at) as oldest from ${sql.id(`${table}_default`)}
      where observed_at >= ${FIRST_PARTITION_MONTH} and observed_at <= ${end}`.execute(db)
    const oldestStray = rows[0]?.oldest
    const oldestMonth = [...existing]
      .map((name) => /_p(\d{4})_(\d{2})$/.exec(name))
      .flatMap((m) => (m ? [Date.UTC(Number(m[1]), Number(m[2]) - 1, 1) / 1000] : []))
      .reduce((a, b) => Math.min(a, b), now)
    const from = Math.min(oldestMonth, oldestStray == null ? now : Number(oldestStray))
    for (const partition of monthPartitions(table, from, end)) {
      if (!existing.has(partition.name)) missing.push({ table, partition })
    }
  }
  return missing
}

/** Creates partition `p` of `table`; true when rows of its month moved out of DEFAULT. */
async function createPartition<T>(
  db: Kysely<T>,
  table: string,
  p: MonthPartition,
): Promise<boolean> {
  const parent = sql.id(table)
  const fallback = sql.id(`${table}_default`)
  const bounds = sql`for values from (${sql.lit(p.from)}) to (${sql.lit(p.to)})`
  // No concurrent insert may slip a row of this month into DEFAULT while its rows move out.
  await sql`lock table ${fallback} in exclusive mode`.execute(db)
  const { rows } = await sql<{ one: number }>`
    select 1 as one from ${fallback} where observed_at >= ${p.from} and observed_at < ${p.to}
    limit 1`.execute(db)
  if (rows.length === 0) {
    await sql`create table ${sql.id(p.name)} partition of ${parent} ${bounds}`.execute(db)
    return false
  }
  // DEFAULT holds rows of this month (they arrived before its partition existed): a partition
  // cannot be created over them, so they move to a new table that is then attached.
  await sql`create table ${sql.id(p.name)} (like ${parent} including defaults)`.execute(db)
  await sql`
    with moved as (
      delete from ${fallback} where observed_at >= ${p.from} and observed_at < ${p.to}
      returning *
    )
    insert into ${sql.id(p.name)} select * from moved`.execute(db)
  await sql`alter table ${parent} attach partition ${sql.id(p.name)} ${bounds}`.execute(db)
  return true
}
