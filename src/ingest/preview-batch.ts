/** `toklytics import --dry-run`: what ingestBatch would make of captures, without writing. */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { sql } from 'kysely'
import type { IngestSummary } from '../contract/ingest-envelope.js'
import { type Database, openDatabase } from '../db/open.js'
import { prepareInline } from './pipeline.js'

/** Which of these content hashes the store already holds. */
export type StoredLookup = (hashes: readonly string[]) => Promise<ReadonlySet<string>>

/** A store that holds nothing (no database yet). */
export const NOTHING_STORED: StoredLookup = async () => new Set()

/**
 * Runs the pipeline's own preparation (checks, privacy scrub, parse, hash) and sorts each capture
 * as ingestBatch would: dropped with its reason, a duplicate of one already stored or seen
 * earlier in this run (`seen`, shared across batches and files), or accepted. Plausibility rules
 * need the stored data and run only when writing, so `flagged` stays empty. `entities` counts
 * the distinct creators, videos, hashtags and sounds the accepted captures name.
 */
export async function previewBatch(
  captures: readonly unknown[],
  nowMs: number,
  seen: Set<string>,
  stored: StoredLookup,
): Promise<IngestSummary> {
  const results = await prepareInline(captures, nowMs)
  const summary: IngestSummary = {
    received: captures.length,
    accepted: 0,
    duplicates: 0,
    dropped: [],
    flagged: [],
    entities: { creators: 0, videos: 0, hashtags: 0, sounds: 0 },
  }
  const hashes = results.flatMap((r) => (r.ok ? [r.sealed.hash] : []))
  const already = await stored(hashes)
  const ids = {
    creators: new Set<string>(),
    videos: new Set<string>(),
    hashtags: new Set<string>(),
    sounds: new Set<string>(),
  }
  for (const r of results) {
    if (!r.ok) {
      summary.dropped.push({ index: r.index, reason: r.reason, detail: r.detail })
      continue
    }
    const { hash, parsed } = r.sealed
    if (seen.has(hash) || already.has(hash)) {
      summary.duplicates++
      continue
    }
    seen.add(hash)
    summary.accepted++
    for (const c of parsed.creators) ids.creators.add(c.id)
    for (const v of parsed.videos) ids.videos.add(v.id)
    for (const h of parsed.hashtags) ids.hashtags.add(h.name)
    for (const s of parsed.sounds) ids.sounds.add(s.id)
  }
  summary.entities = {
    creators: ids.creators.size,
    videos: ids.videos.size,
    hashtags: ids.hashtags.size,
    sounds: ids.sounds.size,
  }
  return summary
}

/**
 * Opens the store only to read which captures it holds: no migration, and an SQLite file that
 * does not exist is not created (it holds nothing). Null when there is nothing to read.
 */
export async function openForPreview(url: string): Promise<Database | null> {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length)
    if (path === ':memory:' || !existsSync(resolve(path))) return null
  }
  return openDatabase(url, { migrate: 'none' })
}

/** The lookup of stored hashes in `database`; a store without a `captures` table holds none. */
export async function storedIn(database: Database): Promise<StoredLookup> {
  const found =
    database.dialect.name === 'sqlite'
      ? await sql<{
          n: number
        }>`select count(*) as n from sqlite_master where type = 'table' and name = 'captures'`.execute(
          database.db,
        )
      : await sql<{
          n: number
        }>`select count(*) as n from (select to_regclass('captures') as t) x where t is not null`.execute(
          database.db,
        )
  if (Number(found.rows[0]?.n ?? 0) === 0) return NOTHING_STORED
  return async (hashes) => {
    const out = new Set<string>()
    for (let i = 0; i < hashes.length; i += 500) {
      const part = hashes.slice(i, i + 500)
      if (part.length === 0) continue
      const rows = await database.db
        .selectFrom('captures')
        .select('content_hash')
        .where('content_hash', 'in', part)
        .execute()
      for (const row of rows) out.add(row.content_hash)
    }
    return out
  }
}
