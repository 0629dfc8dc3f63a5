/**
 * Storage faults told apart from bugs: a full disk, a read-only file or database, a database that
 * is gone. Each engine says so in its own words; the API answers them clearly (507/503) and
 * `/readyz` reports storage unavailable until a write succeeds again.
 */

/** What kind of fault: no space left, writes refused, or the store not reachable at all. */
export type StorageFaultKind = 'full' | 'read_only' | 'unavailable'

export interface StorageFault {
  kind: StorageFaultKind
  /** The engine's own words (logged; the public answer names only the kind). */
  cause: string
}

/** PostgreSQL SQLSTATEs (Appendix A of its manual) and the kind each means. */
const PG_STATES: ReadonlyArray<readonly [RegExp, StorageFaultKind]> = [
  [/^53100$/, 'full'], // disk_full ("could not extend file")
  [/^53(000|200|300|400)$/, 'unavailable'], // insufficient resources, out of memory, too many connections
  [/^25006$/, 'read_only'], // read_only_sql_transaction (a standby, default_transaction_read_only)
  [/^57P0[1-4]$/, 'unavailable'], // admin/crash shutdown, cannot connect now, database dropped
  [/^08/, 'unavailable'], // connection exceptions
  [/^58030$/, 'unavailable'], // io_error
]

/** Node's socket and file errors that mean the store cannot be reached or written. */
const SYSTEM_CODES: Readonly<Record<string, StorageFaultKind>> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EROFS: 'read_only',
  EACCES: 'read_only',
  ECONNREFUSED: 'unavailable',
  ECONNRESET: 'unavailable',
  ETIMEDOUT: 'unavailable',
  EHOSTUNREACH: 'unavailable',
  ENOTFOUND: 'unavailable',
  EPIPE: 'unavailable',
  EIO: 'unavailable',
}

function sqliteKind(code: string): StorageFaultKind | null {
  if (code === 'SQLITE_FULL') return 'full'
  if (code.startsWith('SQLITE_READONLY')) return 'read_only'
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'unavailable'
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return 'unavailable'
  return null
}

/** The storage fault an error is, or null when it is something else (a bug, bad input). */
export function storageFaultOf(err: unknown): StorageFault | null {
  if (!(err instanceof Error)) return null
  const code = (err as { code?: unknown }).code
  const cause = `${typeof code === 'string' ? `${code}: ` : ''}${err.message}`
  if (typeof code === 'string') {
    const sqlite = code.startsWith('SQLITE_') ? sqliteKind(code) : null
    if (sqlite !== null) return { kind: sqlite, cause }
    for (const [pattern, kind] of PG_STATES) if (pattern.test(code)) return { kind, cause }
    const system = SYSTEM_CODES[code]
    if (system !== undefined) return { kind: system, cause }
  }
  // node-postgres reports a dropped connection without a code.
  if (
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
      err.message,
    )
  ) {
    return { kind: 'unavailable', cause }
  }
  return err.cause === undefined ? null : storageFaultOf(err.cause)
}

/**
 * What this process last saw of its store's writes: healthy, or the fault of the last failed
 * write, until a write succeeds again. Reads that still work do not clear it (a full disk reads).
 */
export class StorageHealth {
  #fault: (StorageFault & { since: number }) | null = null

  failed(fault: StorageFault, now = Date.now()): void {
    this.#fault = { ...fault, since: this.#fault?.since ?? now }
  }

  recovered(): void {
    this.#fault = null
  }

  /** The current fault (with when it began, epoch ms), or null when writes work. */
  get fault(): Readonly<StorageFault & { since: number }> | null {
    return this.#fault
  }
}
