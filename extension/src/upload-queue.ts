/** The persistent capture queue: each capture stays in storage until the server has named it. */

/** The subset of `chrome.storage.local` the queue uses (an in-memory map in unit tests). */
export interface KeyValueStore {
  get(keys: string[]): Promise<Record<string, unknown>>
  set(items: Record<string, unknown>): Promise<void>
  remove(keys: string[]): Promise<void>
}

/** One capture as the ingest envelope carries it. */
export interface QueuedCapture {
  url: string
  observed_at: string
  body: unknown
}

/** A queue entry without its body (bodies are stored under their own keys). */
export interface QueueEntry {
  id: number
  kind: string
  url: string
  /** Characters of the capture's JSON: what it adds to a batch. */
  size: number
  queuedAt: number
}

/** Today's counts for the popup (reset when the local date changes). */
export interface DayStats {
  day: string
  captured: number
  byKind: Record<string, number>
  accepted: number
  duplicates: number
  dropped: number
  dropReasons: Record<string, number>
  /** Responses examined and not collected (not JSON, or no content shape), never uploaded. */
  seen: number
  /** The same by path (the most frequent `SEEN_PATHS` kept), so a person sees what was left. */
  seenPaths: Record<string, number>
}

/** How uploading goes: the backoff, and the last success and error a person should see. */
export interface UploadState {
  /** Failed attempts in a row (0 after any success). */
  failures: number
  /** Epoch ms before which no automatic attempt is made; null when none is pending. */
  retryAt: number | null
  lastError: { message: string; at: number } | null
  lastSuccessAt: number | null
}

/** What the server said about a batch (the `data` of its 200 reply). */
export interface BatchSummary {
  received: number
  accepted: number
  duplicates: number
  dropped: Array<{ index: number; reason: string }>
}

export interface QueueStatus {
  length: number
  stats: DayStats
  upload: UploadState
  recent: Array<QueueEntry & { waiting: boolean }>
}

export const STORAGE_KEYS = {
  index: 'queue',
  stats: 'stats',
  upload: 'upload',
  recent: 'recent',
} as const

const captureKey = (id: number) => `capture:${id}`

/** How many recent captures the popup lists. */
const RECENT_COUNT = 12

interface QueueIndex {
  nextId: number
  entries: QueueEntry[]
}

export const INITIAL_UPLOAD_STATE: UploadState = {
  failures: 0,
  retryAt: null,
  lastError: null,
  lastSuccessAt: null,
}

/** The person's local date, `YYYY-MM-DD`: "today" in the popup. */
export function localDay(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

function emptyStats(day: string): DayStats {
  return {
    day,
    captured: 0,
    byKind: {},
    accepted: 0,
    duplicates: 0,
    dropped: 0,
    dropReasons: {},
    seen: 0,
    seenPaths: {},
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function readIndex(value: unknown): QueueIndex {
  if (!isRecord(value) || !Array.isArray(value.entries) || typeof value.nextId !== 'number') {
    return { nextId: 1, entries: [] }
  }
  return { nextId: value.nextId, entries: value.entries as QueueEntry[] }
}

/** How many distinct paths the seen counts keep (the least frequent are let go first). */
const SEEN_PATHS = 20

function readStats(value: unknown, day: string): DayStats {
  // Stats stored by an older version lack the newer counts: start those from zero.
  return isRecord(value) && value.day === day
    ? { ...emptyStats(day), ...(value as unknown as DayStats) }
    : emptyStats(day)
}

function readUpload(value: unknown): UploadState {
  return isRecord(value) ? { ...INITIAL_UPLOAD_STATE, ...value } : { ...INITIAL_UPLOAD_STATE }
}

/**
 * The queue. Every change is one `set`/`remove` pair run one at a time (a service worker has a
 * single thread, but storage calls interleave), so the index and the bodies never disagree in
 * a way that loses a capture: a body is written with its index entry, and removed only after
 * the server's answer named it.
 */
export class CaptureQueue {
  private tail: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `task` after every earlier change has finished. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task)
    this.tail = run.catch(() => undefined)
    return run
  }

  /** Counts a response examined and not collected (nothing of it is stored but its path). */
  recordSeen(seen: { url: string; reason: string }): Promise<void> {
    return this.serial(async () => {
      const stats = readStats(
        (await this.store.get([STORAGE_KEYS.stats]))[STORAGE_KEYS.stats],
        localDay(this.now()),
      )
      const path = `${new URL(seen.url).pathname} (${seen.reason === 'not_json' ? 'not JSON' : 'no content'})`
      stats.seen++
      stats.seenPaths[path] = (stats.seenPaths[path] ?? 0) + 1
      const kept = Object.entries(stats.seenPaths).sort((a, b) => b[1] - a[1])
      stats.seenPaths = Object.fromEntries(kept.slice(0, SEEN_PATHS))
      await this.store.set({ [STORAGE_KEYS.stats]: stats })
    })
  }

  /** Adds a capture; returns the queue length after it. */
  enqueue(capture: QueuedCapture, kind: string): Promise<number> {
    return this.serial(async () => {
      const now = this.now()
      const day = localDay(now)
      const got = await this.store.get([
        STORAGE_KEYS.index,
        STORAGE_KEYS.stats,
        STORAGE_KEYS.recent,
      ])
      const index = readIndex(got[STORAGE_KEYS.index])
      const stats = readStats(got[STORAGE_KEYS.stats], day)
      const id = index.nextId
      const entry: QueueEntry = {
        id,
        kind,
        url: capture.url,
        size: JSON.stringify(capture).length,
        queuedAt: now,
      }
      stats.captured++
      stats.byKind[kind] = (stats.byKind[kind] ?? 0) + 1
      const recent = Array.isArray(got[STORAGE_KEYS.recent])
        ? (got[STORAGE_KEYS.recent] as QueueEntry[])
        : []
      await this.store.set({
        [captureKey(id)]: capture,
        [STORAGE_KEYS.index]: { nextId: id + 1, entries: [...index.entries, entry] },
        [STORAGE_KEYS.stats]: stats,
        [STORAGE_KEYS.recent]: [entry, ...recent].slice(0, RECENT_COUNT),
      })
      return index.entries.length + 1
    })
  }

  /** The oldest captures, at most `maxCount` and `maxSize` characters (always at least one). */
  peek(maxCount: number, maxSize: number): Promise<{ ids: number[]; captures: QueuedCapture[] }> {
    return this.serial(async () => {
      const index = readIndex((await this.store.get([STORAGE_KEYS.index]))[STORAGE_KEYS.index])
      const chosen: QueueEntry[] = []
      let size = 0
      for (const entry of index.entries) {
        if (chosen.length >= maxCount) break
        if (chosen.length > 0 && size + entry.size > maxSize) break
        chosen.push(entry)
        size += entry.size
      }
      const keys = chosen.map((e) => captureKey(e.id))
      const bodies = keys.length > 0 ? await this.store.get(keys) : {}
      const ids: number[] = []
      const captures: QueuedCapture[] = []
      const lost: number[] = []
      for (const entry of chosen) {
        const capture = bodies[captureKey(entry.id)]
        if (isRecord(capture)) {
          ids.push(entry.id)
          captures.push(capture as unknown as QueuedCapture)
        } else lost.push(entry.id)
      }
      // An index entry without a body (storage cleared by hand) cannot be sent: forget it.
      if (lost.length > 0) await this.removeEntries(lost)
      return { ids, captures }
    })
  }

  private async removeEntries(ids: readonly number[]): Promise<void> {
    const gone = new Set(ids)
    const index = readIndex((await this.store.get([STORAGE_KEYS.index]))[STORAGE_KEYS.index])
    await this.store.set({
      [STORAGE_KEYS.index]: {
        nextId: index.nextId,
        entries: index.entries.filter((e) => !gone.has(e.id)),
      },
    })
    await this.store.remove(ids.map(captureKey))
  }

  /**
   * The server answered a batch of `ids` (in order): they leave the queue and are counted, and
   * `upload` (if given) changes the upload state first — so whoever sees the queue shrink also
   * sees the success it came from, never a stale failure count.
   */
  settle(
    ids: readonly number[],
    summary: BatchSummary,
    upload?: (state: UploadState) => UploadState,
  ): Promise<void> {
    return this.serial(async () => {
      const now = this.now()
      const got = await this.store.get([STORAGE_KEYS.stats, STORAGE_KEYS.upload])
      const stats = readStats(got[STORAGE_KEYS.stats], localDay(now))
      stats.accepted += summary.accepted
      stats.duplicates += summary.duplicates
      stats.dropped += summary.dropped.length
      for (const d of summary.dropped) {
        stats.dropReasons[d.reason] = (stats.dropReasons[d.reason] ?? 0) + 1
      }
      await this.store.set({
        [STORAGE_KEYS.stats]: stats,
        ...(upload === undefined
          ? {}
          : { [STORAGE_KEYS.upload]: upload(readUpload(got[STORAGE_KEYS.upload])) }),
      })
      await this.removeEntries(ids)
    })
  }

  /** The upload state (backoff, last error, last success). */
  async uploadState(): Promise<UploadState> {
    return readUpload((await this.store.get([STORAGE_KEYS.upload]))[STORAGE_KEYS.upload])
  }

  /** Changes the upload state. */
  updateUploadState(change: (state: UploadState) => UploadState): Promise<UploadState> {
    return this.serial(async () => {
      const next = change(await this.uploadState())
      await this.store.set({ [STORAGE_KEYS.upload]: next })
      return next
    })
  }

  /** Everything the popup shows. */
  async status(): Promise<QueueStatus> {
    const got = await this.store.get(Object.values(STORAGE_KEYS))
    const index = readIndex(got[STORAGE_KEYS.index])
    const waiting = new Set(index.entries.map((e) => e.id))
    const recent = Array.isArray(got[STORAGE_KEYS.recent])
      ? (got[STORAGE_KEYS.recent] as QueueEntry[])
      : []
    return {
      length: index.entries.length,
      stats: readStats(got[STORAGE_KEYS.stats], localDay(this.now())),
      upload: readUpload(got[STORAGE_KEYS.upload]),
      recent: recent.map((e) => ({ ...e, waiting: waiting.has(e.id) })),
    }
  }
}
