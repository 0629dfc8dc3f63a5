/**
 * Tells readers when stored data changed, so that cached answers are never served stale: every
 * writing transaction bumps the `data_version` row; a process sees its own writes at once and
 * other processes' writes (a CLI import, another server) at its next poll of that row.
 */
import type { Kysely } from 'kysely'
import type { DB } from './schema.js'

export interface DataVersion {
  /**
   * A stamp that differs whenever a write has committed since an earlier stamp was taken (this
   * process's at once, others' within the poll interval).
   */
  stamp(): Promise<string>
  /** Called after a writing transaction of this process has committed. */
  noteLocalWrite(): void
}

/** In the writing transaction: one more change to the stored data. */
export async function bumpDataVersion(trx: Kysely<DB>): Promise<void> {
  await trx
    .updateTable('data_version')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .execute()
}

/**
 * The stamp is the stored counter itself, so every process (and a shared cache in Redis) reads
 * the same stamp for the same data. It is re-read when older than `pollMs`, and at once after a
 * write of this process.
 */
export function dataVersion(db: Kysely<DB>, pollMs = 1000): DataVersion {
  let stored = -1
  let readAt = Number.NEGATIVE_INFINITY
  let reading: Promise<void> | null = null
  const read = async () => {
    const row = await db
      .selectFrom('data_version')
      .select('version')
      .where('id', '=', 1)
      .executeTakeFirst()
    stored = Number(row?.version ?? 0)
  }
  return {
    async stamp() {
      if (performance.now() - readAt >= pollMs) {
        // Concurrent requests share one reading of the row.
        reading ??= read().finally(() => {
          readAt = performance.now()
          reading = null
        })
        await reading
      }
      return String(stored)
    },
    noteLocalWrite() {
      readAt = Number.NEGATIVE_INFINITY
    },
  }
}
