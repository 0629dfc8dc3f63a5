/** The raw capture rows: inserted once by content hash, in arrival order. */
import type { Insertable, Kysely } from 'kysely'
import type { CaptureRow, DB } from './schema.js'
import { chunks } from './upsert.js'

/**
 * Inserts captures' raw rows in the order given (ids follow arrival order, which reprocess and
 * the queue replay), skipping those whose content hash is stored already — or being stored by a
 * concurrent transaction (queue mode's API inserts without the ingest lock): that one is waited
 * for, then skipped. Returns each inserted row's id by content hash.
 */
export async function insertCaptures(
  trx: Kysely<DB>,
  rows: readonly Insertable<CaptureRow>[],
): Promise<Map<string, number>> {
  const inserted = new Map<string, number>()
  for (const part of chunks(rows, 100)) {
    const done = await trx
      .insertInto('captures')
      .values(part)
      .onConflict((oc) => oc.column('content_hash').doNothing())
      .returning(['id', 'content_hash'])
      .execute()
    for (const r of done) inserted.set(r.content_hash, Number(r.id))
  }
  return inserted
}

/**
 * Every stored capture's id, URL and body, a chunk at a time in id order. Keyset paging, so the
 * caller may rewrite or delete the rows of a chunk before asking for the next one.
 */
export async function* storedCaptureChunks(
  db: Kysely<DB>,
  size = 200,
): AsyncGenerator<Array<{ id: number; url: string; body: Uint8Array }>> {
  let after = 0
  for (;;) {
    const rows = await db
      .selectFrom('captures')
      .select(['id', 'url', 'body'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(size)
      .execute()
    const last = rows[rows.length - 1]
    if (last === undefined) return
    after = last.id
    yield rows
  }
}
