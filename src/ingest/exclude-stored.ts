/** Rewrites stored raw captures without excluded creators (erased, private, under 18). */
import { brotliDecompressSync } from 'node:zlib'
import type { Kysely } from 'kysely'
import { withoutExcludedUsers } from '../contract/creator-exclusion.js'
import type { DB } from '../db/schema.js'
import { parseCapture } from './parsers/registry.js'
import { compressSync } from './prepare-capture.js'

export type StoredOutcome = 'kept' | 'rewritten' | 'deleted'

/**
 * A capture's parsed body without the users in `ids` (and flagged ones) and their items:
 * 'deleted' when it was only about them (an excluded user outside any list, or nothing left to
 * parse), 'rewritten' with the new body, 'kept' when nothing changed.
 */
export function excludeFromValue(
  url: string,
  value: unknown,
  ids: ReadonlySet<string>,
): { outcome: 'kept' | 'deleted' } | { outcome: 'rewritten'; value: unknown } {
  const stripped = withoutExcludedUsers(value, ids)
  if (stripped.onlyAbout) return { outcome: 'deleted' }
  if (!stripped.changed) return { outcome: 'kept' }
  const parsed = parseCapture({ url: new URL(url), body: stripped.body })
  // Nothing left to derive (a post list of theirs, emptied): the capture was only about them. A
  // hashtag or sound page keeps its own totals even when every item on it was theirs.
  const d = parsed.ok ? parsed.data : null
  if (d === null || d.creators.length + d.videos.length + d.hashtags.length + d.sounds.length === 0)
    return { outcome: 'deleted' }
  return { outcome: 'rewritten', value: stripped.body }
}

/**
 * excludeFromValue on a stored (compressed) body, 'rewritten' with the new compressed body.
 * The content hash is left alone (as rescrub does): it names the arrival, so a re-upload of the
 * same capture stays a duplicate.
 */
export function excludeFromBody(
  row: { url: string; body: Uint8Array },
  ids: ReadonlySet<string>,
): { outcome: 'kept' | 'deleted' } | { outcome: 'rewritten'; body: Uint8Array } {
  let value: unknown
  try {
    value = JSON.parse(brotliDecompressSync(row.body).toString('utf8'))
  } catch {
    return { outcome: 'kept' }
  }
  const r = excludeFromValue(row.url, value, ids)
  return r.outcome === 'rewritten'
    ? { outcome: 'rewritten', body: compressSync(JSON.stringify(r.value)) }
    : r
}

/** Applies excludeFromBody to the stored captures named by content hash (caller's transaction). */
export async function excludeFromStored(
  trx: Kysely<DB>,
  hashes: readonly string[],
  ids: ReadonlySet<string>,
): Promise<{ rewritten: number; deleted: number }> {
  let rewritten = 0
  let deleted = 0
  for (const hash of hashes) {
    const row = await trx
      .selectFrom('captures')
      .select(['id', 'url', 'body'])
      .where('content_hash', '=', hash)
      .executeTakeFirst()
    if (row === undefined) continue
    const r = await applyTo(trx, row, ids)
    if (r === 'rewritten') rewritten++
    if (r === 'deleted') deleted++
  }
  return { rewritten, deleted }
}

/** One stored row: rewritten, deleted or left as it is. */
export async function applyTo(
  trx: Kysely<DB>,
  row: { id: number; url: string; body: Uint8Array },
  ids: ReadonlySet<string>,
): Promise<StoredOutcome> {
  const r = excludeFromBody(row, ids)
  if (r.outcome === 'deleted') {
    await trx.deleteFrom('captures').where('id', '=', row.id).execute()
  } else if (r.outcome === 'rewritten') {
    await trx.updateTable('captures').set({ body: r.body }).where('id', '=', row.id).execute()
  }
  return r.outcome
}
