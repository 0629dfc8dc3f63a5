/** Creators never stored: tombstoned (erased, opted out), private, or flagged under 18 by TikTok. */
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import { chunks } from '../db/upsert.js'
import { excludeFromStored } from './exclude-stored.js'
import type { ParsedCapture } from './parsed.js'

/**
 * The tombstoned ids among `ids`: one indexed lookup per chunk, so a batch costs one query
 * (chunks of the upsert size), never one per item.
 */
export async function tombstonedAmong(
  trx: Kysely<DB>,
  ids: Iterable<string>,
): Promise<Set<string>> {
  const found = new Set<string>()
  for (const part of chunks([...new Set(ids)])) {
    const rows = await trx
      .selectFrom('creator_tombstones')
      .select('tiktok_id')
      .where('tiktok_id', 'in', part)
      .execute()
    for (const r of rows) found.add(r.tiktok_id)
  }
  return found
}

/**
 * The creator ids a parsed capture must not store: tombstoned ones and those whose own payload
 * says the account is private (`privateAccount` on web user objects, `secret` on app ones —
 * both parsed into privateAccount).
 */
export function excludedIn(parsed: ParsedCapture, tombstoned: ReadonlySet<string>): Set<string> {
  const out = new Set<string>()
  for (const c of parsed.creators) {
    if (tombstoned.has(c.id) || c.privateAccount === true) out.add(c.id)
  }
  for (const v of parsed.videos) {
    if (v.creatorId !== null && tombstoned.has(v.creatorId)) out.add(v.creatorId)
  }
  return out
}

/**
 * The capture without the excluded creators and their videos. Hashtags and sounds stay: they
 * are nobody's personal data, and their tracked totals are recomputed from the videos kept.
 * Returns the same object when nothing is excluded.
 */
export function withoutCreators(
  parsed: ParsedCapture,
  excluded: ReadonlySet<string>,
): ParsedCapture {
  if (excluded.size === 0) return parsed
  return {
    ...parsed,
    creators: parsed.creators.filter((c) => !excluded.has(c.id)),
    videos: parsed.videos.filter((v) => v.creatorId === null || !excluded.has(v.creatorId)),
  }
}

/**
 * The captures without excluded creators, after one tombstone lookup for the whole batch; the
 * stored raw rows of captures that mentioned one are rewritten (or deleted) the same way, so
 * neither a re-upload nor `reprocess` can bring an erased creator back.
 */
export async function excludeCreators<C extends { parsed: ParsedCapture; capture: string }>(
  trx: Kysely<DB>,
  captures: readonly C[],
): Promise<C[]> {
  const ids = new Set<string>()
  for (const c of captures) {
    for (const cr of c.parsed.creators) ids.add(cr.id)
    for (const v of c.parsed.videos) if (v.creatorId !== null) ids.add(v.creatorId)
  }
  const tombstoned = ids.size === 0 ? new Set<string>() : await tombstonedAmong(trx, ids)
  const touchedStored: string[] = []
  const kept = captures.map((c) => {
    const excluded = excludedIn(c.parsed, tombstoned)
    if (excluded.size === 0) return c
    touchedStored.push(c.capture)
    return { ...c, parsed: withoutCreators(c.parsed, excluded) }
  })
  if (touchedStored.length > 0) await excludeFromStored(trx, touchedStored, tombstoned)
  return kept
}
