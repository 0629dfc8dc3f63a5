/** Snapshot retention: deletes what domain/snapshot-retention.ts thins, a page of keys at a time. */
import type { Kysely } from 'kysely'
import type { Database } from '../db/open.js'
import type { DB } from '../db/schema.js'
import { chunks } from '../db/upsert.js'
import { writeTransaction } from '../db/write-transaction.js'
import { retentionHorizon, snapshotsToDelete } from '../domain/snapshot-retention.js'

/** Snapshot keys read per page (each page, with its deletions, is one write transaction). */
const PAGE_ROWS = 5_000

export interface ThinTableSummary {
  /** Snapshots older than the horizon that were examined. */
  examined: number
  /** Snapshots deleted (or, on a dry run, that would be). */
  deleted: number
  /** Entities with at least one snapshot deleted. */
  entities: number
}

export interface ThinSummary {
  /** Epoch seconds: only snapshots observed before this were examined. */
  horizon: number
  creator_snapshots: ThinTableSummary
  video_snapshots: ThinTableSummary
}

export interface ThinOptions {
  /** Epoch seconds the ages are measured from. */
  now: number
  /** Count only: nothing is deleted. */
  dryRun?: boolean
  /** Keys read per page (tests use small pages to cross page boundaries). */
  pageRows?: number
  /** Stops before the next page (server shutdown); pages already done stay done. */
  signal?: AbortSignal
}

const TABLES = ['creator_snapshots', 'video_snapshots'] as const

type Table = (typeof TABLES)[number]

/**
 * Thins both snapshot tables. Snapshots are read in primary-key order (entity, observed_at)
 * before the horizon only, so on PostgreSQL the recent partitions are never touched; each page
 * is read and its deletions made in one writeTransaction (the ingest lock, and the data version
 * bumped when something was deleted, so read caches drop what they computed from the rows).
 * Old partitions are thinned, never dropped.
 */
export async function thinSnapshots(
  database: Database,
  options: ThinOptions,
): Promise<ThinSummary> {
  const horizon = retentionHorizon(options.now)
  const summary: ThinSummary = {
    horizon,
    creator_snapshots: { examined: 0, deleted: 0, entities: 0 },
    video_snapshots: { examined: 0, deleted: 0, entities: 0 },
  }
  for (const t of TABLES) await thinTable(database, t, horizon, options, summary[t])
  return summary
}

async function thinTable(
  database: Database,
  table: Table,
  horizon: number,
  options: ThinOptions,
  summary: ThinTableSummary,
): Promise<void> {
  const pageRows = options.pageRows ?? PAGE_ROWS
  let after: { id: string; at: number } | null = null
  // An entity whose snapshots run past the end of a page is decided with the next page.
  let carried: { id: string; times: number[] } | null = null
  while (options.signal?.aborted !== true) {
    const page = async (trx: Kysely<DB>) => {
      const rows = await readPage(trx, table, horizon, after, pageRows)
      const last = rows.at(-1)
      const complete = rows.length < pageRows
      const decided: Array<{ id: string; times: number[] }> = []
      let current = carried
      for (const r of rows) {
        if (current === null || current.id !== r.id) {
          if (current !== null) decided.push(current)
          current = { id: r.id, times: [] }
        }
        current.times.push(r.at)
      }
      if (complete && current !== null) {
        decided.push(current)
        current = null
      }
      const doomed = decided.flatMap(({ id, times }) =>
        snapshotsToDelete(times, options.now).map((at) => ({ id, at })),
      )
      if (!options.dryRun) await deleteSnapshots(trx, table, doomed)
      summary.examined += rows.length
      summary.deleted += doomed.length
      summary.entities += new Set(doomed.map((d) => d.id)).size
      return { last, complete, carried: current, deleted: doomed.length }
    }
    const result = options.dryRun
      ? await page(database.db)
      : await writeTransaction(database, page, (r) => r.deleted > 0)
    carried = result.carried
    if (result.complete || result.last === undefined) return
    after = result.last
  }
}

async function readPage(
  db: Kysely<DB>,
  table: Table,
  horizon: number,
  after: { id: string; at: number } | null,
  limit: number,
): Promise<Array<{ id: string; at: number }>> {
  // One statement per table, spelled out: Kysely cannot type a column chosen at run time.
  if (table === 'creator_snapshots') {
    return db
      .selectFrom('creator_snapshots')
      .select(['creator_id as id', 'observed_at as at'])
      .where('observed_at', '<', horizon)
      .$if(after !== null, (q) =>
        q.where((eb) =>
          eb(
            eb.refTuple('creator_id', 'observed_at'),
            '>',
            eb.tuple(after?.id ?? '', after?.at ?? 0),
          ),
        ),
      )
      .orderBy('creator_id')
      .orderBy('observed_at')
      .limit(limit)
      .execute()
  }
  return db
    .selectFrom('video_snapshots')
    .select(['video_id as id', 'observed_at as at'])
    .where('observed_at', '<', horizon)
    .$if(after !== null, (q) =>
      q.where((eb) =>
        eb(eb.refTuple('video_id', 'observed_at'), '>', eb.tuple(after?.id ?? '', after?.at ?? 0)),
      ),
    )
    .orderBy('video_id')
    .orderBy('observed_at')
    .limit(limit)
    .execute()
}

async function deleteSnapshots(
  trx: Kysely<DB>,
  table: Table,
  doomed: ReadonlyArray<{ id: string; at: number }>,
): Promise<void> {
  for (const part of chunks(doomed)) {
    if (table === 'creator_snapshots') {
      await trx
        .deleteFrom('creator_snapshots')
        .where((eb) =>
          eb(
            eb.refTuple('creator_id', 'observed_at'),
            'in',
            part.map((d) => eb.tuple(d.id, d.at)),
          ),
        )
        .execute()
    } else {
      await trx
        .deleteFrom('video_snapshots')
        .where((eb) =>
          eb(
            eb.refTuple('video_id', 'observed_at'),
            'in',
            part.map((d) => eb.tuple(d.id, d.at)),
          ),
        )
        .execute()
    }
  }
}
