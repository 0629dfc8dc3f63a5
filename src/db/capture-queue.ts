/** The ingest queue's statements: claim queued captures, record their outcome, measure the queue. */
import type { Kysely } from 'kysely'
import type { DB } from './schema.js'
import { chunks } from './upsert.js'

/** The status of a capture stored by the API in queue mode and not yet processed by a worker. */
export const QUEUED = 'queued'

export interface ClaimedCapture {
  id: number
  content_hash: string
  url: string
  kind: string
  observed_at: number
  received_at: number
  body: Uint8Array
  is_demo: number
  contributor: string | null
}

/**
 * Locks the oldest queued captures, at most `limit`, for the caller's transaction (PostgreSQL:
 * `FOR UPDATE SKIP LOCKED`, so concurrent workers claim disjoint sets and never wait on each
 * other). The locks last until commit — the worker's outcome is written in the same transaction —
 * and vanish with a worker that dies, leaving its captures queued for the next one.
 */
export async function claimQueued(trx: Kysely<DB>, limit: number): Promise<ClaimedCapture[]> {
  const rows = await trx
    .selectFrom('captures')
    .select([
      'id',
      'content_hash',
      'url',
      'kind',
      'observed_at',
      'received_at',
      'body',
      'is_demo',
      'contributor',
    ])
    .where('status', '=', QUEUED)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()
  return rows.map((r) => ({ ...r, id: Number(r.id) }))
}

/** What processing made of one claimed capture. */
export interface CaptureOutcome {
  id: number
  status: 'parsed' | 'failed'
  kind: string
  dropReason: string | null
}

/**
 * Marks claimed captures processed, in the claiming transaction. `process_count` is incremented,
 * not set: were a capture ever processed twice, the count would show it.
 */
export async function markProcessed(
  trx: Kysely<DB>,
  outcomes: readonly CaptureOutcome[],
  worker: string,
  parserVersion: number,
  nowSec: number,
): Promise<void> {
  // One statement per distinct outcome (kind and reason), not one per capture.
  const groups = new Map<string, { outcome: CaptureOutcome; ids: number[] }>()
  for (const o of outcomes) {
    const key = JSON.stringify([o.status, o.kind, o.dropReason])
    const group = groups.get(key)
    if (group) group.ids.push(o.id)
    else groups.set(key, { outcome: o, ids: [o.id] })
  }
  for (const { outcome, ids } of groups.values()) {
    for (const part of chunks(ids)) {
      await trx
        .updateTable('captures')
        .set((eb) => ({
          status: outcome.status,
          kind: outcome.kind,
          drop_reason: outcome.dropReason,
          parser_version: parserVersion,
          processed_at: nowSec,
          processed_by: worker,
          process_count: eb('process_count', '+', 1),
        }))
        .where('id', 'in', part)
        .execute()
    }
  }
}

export interface QueueStats {
  /** Captures waiting for a worker. */
  depth: number
  /** Epoch seconds when the oldest of them was received; null when none waits. */
  oldestReceivedAt: number | null
}

/** How many captures wait, and since when (both from the partial index of queued captures). */
export async function queueStats(db: Kysely<DB>): Promise<QueueStats> {
  const count = await db
    .selectFrom('captures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', QUEUED)
    .executeTakeFirst()
  // Ids follow arrival, so the lowest queued id is (about) the longest waiting.
  const first = await db
    .selectFrom('captures')
    .select('received_at')
    .where('status', '=', QUEUED)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
  return {
    depth: Number(count?.n ?? 0),
    oldestReceivedAt: first === undefined ? null : Number(first.received_at),
  }
}

/**
 * Locks a contributor's queued captures for the caller's transaction, waiting for any worker that
 * holds one to commit; returns their ids. A purge does this before it takes the ingest lock (the
 * order workers take them in), so the two never wait on each other in a cycle. Without row locks
 * (SQLite) there is no queue: nothing to lock.
 */
export async function lockQueuedOf(
  trx: Kysely<DB>,
  rowLocks: boolean,
  contributor: string,
): Promise<number[]> {
  if (!rowLocks) return []
  const rows = await trx
    .selectFrom('captures')
    .select('id')
    .where('contributor', '=', contributor)
    .where('status', '=', QUEUED)
    .forUpdate()
    .execute()
  return rows.map((r) => Number(r.id))
}
