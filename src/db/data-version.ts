/**
 * Tells readers when stored data changed, and what, so that cached answers are never served
 * stale: every writing transaction bumps the `data_version` row and records what it changed in
 * `data_changes` (change-keys.ts); a process sees its own writes at once and other processes'
 * writes (a CLI import, another server, a worker) at its next poll of that row.
 */
import type { Kysely } from 'kysely'
import type { ChangeScope } from './change-keys.js'
import type { DB } from './schema.js'

/** What changed between two data versions this process read. */
export interface DataChanges {
  /** The version now current. */
  version: number
  /** The keys written since the previous reading, or 'all' (unknown: a first reading, a gap). */
  keys: ReadonlySet<string> | 'all'
}

export interface DataVersion {
  /**
   * A stamp that differs whenever a write has committed since an earlier stamp was taken (this
   * process's at once, others' within the poll interval).
   */
  stamp(): Promise<string>
  /** Called after a writing transaction of this process has committed. */
  noteLocalWrite(): void
  /** Tells `listener` what changed each time a reading finds a newer version (before `stamp` resolves). */
  onChanges(listener: (changes: DataChanges) => void): void
}

/** Versions whose change keys are kept: readers poll every second, so minutes of writes. */
const CHANGES_KEPT = 256

/** In the writing transaction: one more change to the stored data, and what it touched. */
export async function bumpDataVersion(trx: Kysely<DB>, scope: ChangeScope): Promise<void> {
  const row = await trx
    .updateTable('data_version')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .returning('version')
    .executeTakeFirstOrThrow()
  const version = Number(row.version)
  await trx
    .insertInto('data_changes')
    .values({ version, entities: scope === 'all' ? '*' : JSON.stringify([...scope]) })
    .execute()
  await trx
    .deleteFrom('data_changes')
    .where('version', '<=', version - CHANGES_KEPT)
    .execute()
}

/** The keys written in versions (from, to]; 'all' when a version's record is missing or says "*". */
export async function changesBetween(
  db: Kysely<DB>,
  from: number,
  to: number,
): Promise<ReadonlySet<string> | 'all'> {
  if (to - from > CHANGES_KEPT) return 'all'
  const rows = await db
    .selectFrom('data_changes')
    .select('entities')
    .where('version', '>', from)
    .where('version', '<=', to)
    .execute()
  if (rows.length !== to - from) return 'all'
  const keys = new Set<string>()
  for (const r of rows) {
    if (r.entities === '*') return 'all'
    for (const k of JSON.parse(r.entities) as string[]) keys.add(k)
  }
  return keys
}

/** The data version now stored (0 before any write). */
export async function currentDataVersion(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('data_version')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirst()
  return Number(row?.version ?? 0)
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
  const listeners: Array<(changes: DataChanges) => void> = []
  const read = async () => {
    const version = await currentDataVersion(db)
    if (version !== stored && listeners.length > 0) {
      // A first reading knows nothing of what came before; a version going back (a restored
      // database) neither.
      const keys =
        stored < 0 || version < stored ? 'all' : await changesBetween(db, stored, version)
      for (const listener of listeners) listener({ version, keys })
    }
    stored = version
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
    onChanges(listener) {
      listeners.push(listener)
      // What came before this listener is unknown to it.
      if (stored >= 0) listener({ version: stored, keys: 'all' })
    },
  }
}
