/**
 * Metrics v2: creator metrics without evidence are null, never 0 (metrics.md §2), the
 * classified-tag count behind niche shares (§4), and the stamp of re-derived data.
 */
import { type Kysely, sql } from 'kysely'
import type { Dialect } from '../dialect.js'

/** Metric columns that were `not null default 0` and now hold null without evidence. */
const NULLABLE = [
  'avg_views',
  'avg_likes',
  'avg_comments',
  'avg_shares',
  'avg_saves',
  'median_views',
  'engagement_rate',
  'viral_ratio',
  'posts_per_week',
  'score_engagement',
  'score_reach',
  'score_virality',
  'score_consistency',
  'sponsorship_low',
  'sponsorship_high',
] as const

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect.name === 'postgres') {
    for (const column of NULLABLE) {
      await sql`alter table creators alter column ${sql.ref(column)} drop not null, alter column ${sql.ref(column)} drop default`.execute(
        db,
      )
    }
  } else {
    await rebuildSqliteCreators(db)
  }
  await db.schema
    .alterTable('creators')
    .addColumn('classified_tag_uses', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // Which version of the derived data (metrics, niches) the stored rows were computed with. Rows
  // computed under v1 hold 0 for "no evidence"; start-up re-derives them with the code of the
  // day (src/ingest/rederive.ts), since a migration never runs live code.
  await db.schema
    .createTable('derived_state')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  // Stored creators were derived by v1; a database without any has nothing stale (v2 from now).
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from creators`.execute(db)
  const version = Number(rows[0]?.n ?? 0) > 0 ? 1 : 2
  await sql`insert into derived_state (name, version) values ('creator_metrics', ${version})`.execute(
    db,
  )
}

/**
 * SQLite cannot drop NOT NULL in place: the documented twelve-step rebuild (new table from the
 * stored definition minus the constraints, copy, drop, rename, indexes again), in one
 * transaction. The creators table has no triggers, views or foreign keys pointing at it.
 */
async function rebuildSqliteCreators(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{
    type: string
    sql: string
  }>`select type, sql from sqlite_master where tbl_name = 'creators' and sql is not null`.execute(
    db,
  )
  let table = rows.find((r) => r.type === 'table')?.sql
  if (table === undefined) throw new Error('016: no creators table')
  for (const column of NULLABLE) {
    const before: string = table
    table = table.replace(
      new RegExp(`"${column}" (bigint|integer|double precision) default 0 not null`),
      `"${column}" $1`,
    )
    if (table === before) throw new Error(`016: creators.${column} is not as 001 made it`)
  }
  const indexes = rows.filter((r) => r.type === 'index').map((r) => r.sql)
  await sql`begin immediate`.execute(db)
  try {
    await sql
      .raw(table.replace(/^CREATE TABLE "creators"/, 'CREATE TABLE "creators_v2"'))
      .execute(db)
    await sql`insert into creators_v2 select * from creators`.execute(db)
    await sql`drop table creators`.execute(db)
    await sql`alter table creators_v2 rename to creators`.execute(db)
    for (const index of indexes) await sql.raw(index).execute(db)
    await sql`commit`.execute(db)
  } catch (err) {
    await sql`rollback`.execute(db)
    throw err
  }
}
