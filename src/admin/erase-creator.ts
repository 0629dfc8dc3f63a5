/**
 * Erases a creator (issue #17): their rows, their videos, every stored capture about them, and
 * a tombstone so that no later capture, re-upload or reprocess brings them back.
 */
import type { Kysely } from 'kysely'
import { storedCaptureChunks } from '../db/capture-rows.js'
import type { Database } from '../db/open.js'
import type { DB } from '../db/schema.js'
import { chunks } from '../db/upsert.js'
import { writeTransaction } from '../db/write-transaction.js'
import { applyTo } from '../ingest/exclude-stored.js'
import { rebuildFromCaptures } from '../ingest/reprocess.js'

export interface ErasureSummary {
  /** TikTok user id: what the tombstone keeps. */
  id: string
  username: string | null
  /** Rows about the creator or their videos that were removed, per table. */
  removed: Record<string, number>
  captures: { deleted: number; rewritten: number }
}

/** A numeric TikTok id as given, or the creator's id found by handle (case-insensitive). */
export async function resolveCreator(
  db: Kysely<DB>,
  ref: string,
): Promise<{ id: string; username: string | null; secUid: string | null } | null> {
  const handle = ref.replace(/^@/, '').toLowerCase()
  const row = await db
    .selectFrom('creators')
    .select(['id', 'username', 'sec_uid'])
    .where((eb) => eb.or([eb('username_lower', '=', handle), eb('id', '=', ref)]))
    .executeTakeFirst()
  if (row !== undefined) return { id: row.id, username: row.username, secUid: row.sec_uid }
  // An id not (or no longer) stored can still be tombstoned: an opt-out before any capture.
  return /^\d{1,30}$/.test(ref) ? { id: ref, username: null, secUid: null } : null
}

/** Counts the rows the erasure removes, table by table (before anything is deleted). */
async function countRows(
  trx: Kysely<DB>,
  id: string,
  videoIds: readonly string[],
  handle: string | null,
): Promise<Record<string, number>> {
  const n = async (q: { executeTakeFirst(): Promise<{ n: number | string } | undefined> }) =>
    Number((await q.executeTakeFirst())?.n ?? 0)
  const inVideos = async (table: 'video_snapshots' | 'video_hashtags') => {
    let total = 0
    for (const part of chunks(videoIds)) {
      total += await n(
        trx
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('video_id', 'in', part),
      )
    }
    return total
  }
  const byCreator = (
    table: 'creator_snapshots' | 'creator_hashtags' | 'creator_terms' | 'creator_niches',
  ) =>
    n(
      trx
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('creator_id', '=', id),
    )
  const refs = handle === null ? [id] : [id, handle]
  return {
    creators: await n(
      trx
        .selectFrom('creators')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('id', '=', id),
    ),
    videos: videoIds.length,
    video_snapshots: await inVideos('video_snapshots'),
    video_hashtags: await inVideos('video_hashtags'),
    creator_snapshots: await byCreator('creator_snapshots'),
    creator_hashtags: await byCreator('creator_hashtags'),
    creator_terms: await byCreator('creator_terms'),
    creator_niches: await byCreator('creator_niches'),
    watchlist_items: await n(
      trx
        .selectFrom('watchlist_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) =>
          eb.or([
            eb('entity_id', '=', id),
            eb.and([eb('kind', '=', 'creator'), eb('ref', 'in', refs)]),
          ]),
        ),
    ),
  }
}

/** Every alert about the creator or one of their videos: its message names them. */
async function deleteAlerts(trx: Kysely<DB>, refs: readonly string[]): Promise<number> {
  let total = 0
  for (const part of chunks(refs)) {
    const done = await trx
      .deleteFrom('alerts')
      .where('item_kind', 'in', ['creator', 'video'])
      .where('item_ref', 'in', part)
      .executeTakeFirst()
    total += Number(done.numDeletedRows)
  }
  return total
}

/**
 * Erases the creator in one write transaction (ingest lock held, every cached answer
 * invalidated): tombstone first, so the rebuild below already refuses them; stored captures
 * rewritten without them or deleted when only about them; then everything derived is rebuilt
 * from the captures that remain (as `contributors purge` does), which recomputes hashtag and
 * sound totals, hour buckets and snapshots without their videos. Watchlist items and alerts
 * about them are removed; dispute verdicts about them or their videos too.
 */
export async function eraseCreator(
  database: Database,
  target: { id: string; username: string | null; secUid: string | null },
  reason: string | null,
  nowSec: number,
): Promise<ErasureSummary> {
  return writeTransaction(database, async (trx) => {
    const id = target.id
    const handle = target.username?.toLowerCase() ?? null
    const videoIds = (
      await trx.selectFrom('videos').select('id').where('creator_id', '=', id).execute()
    ).map((v) => v.id)
    const removed = await countRows(trx, id, videoIds, handle)
    await trx
      .insertInto('creator_tombstones')
      .values({
        tiktok_id: id,
        username: target.username,
        sec_uid: target.secUid,
        reason,
        erased_at: nowSec,
      })
      .onConflict((oc) => oc.column('tiktok_id').doNothing())
      .execute()
    const captures = { deleted: 0, rewritten: 0 }
    const ids = new Set([id])
    for await (const rows of storedCaptureChunks(trx)) {
      for (const row of rows) {
        const outcome = await applyTo(trx, row, ids)
        if (outcome === 'deleted') captures.deleted++
        if (outcome === 'rewritten') captures.rewritten++
      }
    }
    const refs = handle === null ? [id] : [id, handle]
    const items = await trx
      .deleteFrom('watchlist_items')
      .where((eb) =>
        eb.or([
          eb('entity_id', '=', id),
          eb.and([eb('kind', '=', 'creator'), eb('ref', 'in', refs)]),
        ]),
      )
      .executeTakeFirst()
    removed.watchlist_items = Number(items.numDeletedRows)
    let videoItems = 0
    let disputes = 0
    for (const part of chunks([id, ...videoIds])) {
      const d = await trx
        .deleteFrom('dispute_verdicts')
        .where('entity_id', 'in', part)
        .executeTakeFirst()
      disputes += Number(d.numDeletedRows)
      const w = await trx
        .deleteFrom('watchlist_items')
        .where('kind', '=', 'video')
        .where('ref', 'in', part)
        .executeTakeFirst()
      videoItems += Number(w.numDeletedRows)
    }
    removed.watchlist_items += videoItems
    removed.dispute_verdicts = disputes
    removed.alerts = await deleteAlerts(trx, [...refs, ...videoIds])
    // Everything derived from captures, recomputed from what remains; the tombstone keeps the
    // creator out even of captures that could not be rewritten (an unreadable body).
    await rebuildFromCaptures(trx)
    return { id, username: target.username, removed, captures }
  })
}

/** The tombstones, newest first. */
export function listTombstones(db: Kysely<DB>) {
  return db.selectFrom('creator_tombstones').selectAll().orderBy('erased_at', 'desc').execute()
}
