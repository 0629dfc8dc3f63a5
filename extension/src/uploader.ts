/** Sends the queue to the server in batches, judges each answer, and backs off on failures. */
import type { IngestResponse } from './ingest-request.js'
import { ingestUrl, isConfigured, type Settings } from './settings.js'
import type { BatchSummary, CaptureQueue, QueuedCapture } from './upload-queue.js'

/** The server takes 500 captures per batch; smaller batches keep one request short. */
export const BATCH_MAX_CAPTURES = 100
/** Raw JSON characters per batch (gzip makes it 5–10× smaller; the wire limit is 16 MiB). */
export const BATCH_MAX_SIZE = 8 * 1024 * 1024
/** First retry after a failure; it doubles with each failure in a row, up to the cap. */
export const BACKOFF_BASE_MS = 2_000
export const BACKOFF_MAX_MS = 5 * 60_000

/** What to do with a batch after the server's answer. */
export type ReplyOutcome =
  /** A 2xx that accounts for every capture: they leave the queue. */
  | { type: 'settled'; summary: BatchSummary }
  /** 413: the batch is too big for this server: send it in halves. */
  | { type: 'split'; message: string }
  /** 400: the server refuses the batch as such: halve it until the one bad capture is alone. */
  | { type: 'refused'; message: string }
  /** Anything else (5xx, 401, 429, an odd answer): keep everything and try again later. */
  | { type: 'retry'; message: string; retryAfterMs: number | null }

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function errorMessage(json: unknown): string | null {
  const error = isRecord(json) ? json.error : undefined
  return isRecord(error) && typeof error.message === 'string' ? error.message : null
}

/**
 * Reads the `data` of a 2xx reply; null unless it names exactly `sent` captures. A server that
 * ingests at once says `accepted` (200); one in queue mode says `queued` (202): either way the
 * server holds them durably, so they count as accepted and leave the queue.
 */
export function batchSummary(json: unknown, sent: number): BatchSummary | null {
  const data = isRecord(json) ? json.data : undefined
  if (!isRecord(data)) return null
  const { received, duplicates, dropped } = data
  const accepted = typeof data.accepted === 'number' ? data.accepted : data.queued
  if (received !== sent || typeof accepted !== 'number' || typeof duplicates !== 'number') {
    return null
  }
  if (!Array.isArray(dropped)) return null
  const drops: BatchSummary['dropped'] = []
  for (const d of dropped) {
    if (!isRecord(d) || typeof d.index !== 'number') return null
    drops.push({ index: d.index, reason: typeof d.reason === 'string' ? d.reason : 'dropped' })
  }
  if (accepted + duplicates + drops.length !== sent) return null
  return { received: sent, accepted, duplicates, dropped: drops }
}

/** Judges the server's answer to a batch of `sent` captures. */
export function judgeReply(response: IngestResponse, sent: number): ReplyOutcome {
  const { status, json } = response
  const said = errorMessage(json)
  if (status >= 200 && status <= 299) {
    const summary = batchSummary(json, sent)
    return summary !== null
      ? { type: 'settled', summary }
      : {
          type: 'retry',
          message: `The server answered ${status} without naming every capture.`,
          retryAfterMs: null,
        }
  }
  const message = `HTTP ${status}${said === null ? '' : `: ${said}`}`
  if (status === 413) return { type: 'split', message }
  if (status === 400) return { type: 'refused', message }
  const retryAfterMs =
    response.retryAfterSeconds === null ? null : response.retryAfterSeconds * 1000
  return { type: 'retry', message, retryAfterMs }
}

/** Delay before the next attempt after `failures` failures in a row, with ±20 % jitter. */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(failures - 1, 20))
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** exponent)
  return Math.round(base * (0.8 + 0.4 * random()))
}

export interface UploaderDeps {
  queue: CaptureQueue
  settings: () => Promise<Settings>
  send: (url: string, token: string, envelopeJson: string) => Promise<IngestResponse>
  collector: { name: string; version: string }
  now?: () => number
  random?: () => number
}

/** The result of a flush: when to try again (null: nothing pending, or waiting for settings). */
export interface FlushResult {
  sent: number
  remaining: number
  retryInMs: number | null
}

/**
 * Flushes the queue. One flush runs at a time; a flush asked for while one runs is folded into
 * it (it runs again once the current one ends). A capture leaves the queue only when a 2xx
 * names it (accepted, duplicate or dropped), or when the server refuses it alone with a 400.
 */
export class Uploader {
  private running: Promise<FlushResult> | null = null
  private again = false
  private readonly now: () => number
  private readonly random: () => number

  constructor(private readonly deps: UploaderDeps) {
    this.now = deps.now ?? Date.now
    this.random = deps.random ?? Math.random
  }

  /** Sends what is queued, unless the backoff says to wait (`retryNow` lifts it). */
  flush(): Promise<FlushResult> {
    if (this.running !== null) {
      this.again = true
      return this.running
    }
    this.running = (async () => {
      try {
        let result = await this.flushOnce()
        while (this.again) {
          this.again = false
          const next = await this.flushOnce()
          result = { ...next, sent: result.sent + next.sent }
        }
        return result
      } finally {
        this.running = null
      }
    })()
    return this.running
  }

  private async flushOnce(): Promise<FlushResult> {
    const { queue } = this.deps
    const settings = await this.deps.settings()
    const state = await queue.uploadState()
    let remaining = (await queue.status()).length
    if (remaining === 0 || settings.paused) return { sent: 0, remaining, retryInMs: null }
    if (!isConfigured(settings)) {
      await this.fail('Set the server URL and the contributor token in the options.', null, false)
      return { sent: 0, remaining, retryInMs: null }
    }
    if (state.retryAt !== null && state.retryAt > this.now()) {
      return { sent: 0, remaining, retryInMs: state.retryAt - this.now() }
    }
    const url = ingestUrl(settings.serverUrl)
    let sent = 0
    let maxCount = BATCH_MAX_CAPTURES
    while (remaining > 0) {
      const batch = await queue.peek(maxCount, BATCH_MAX_SIZE)
      if (batch.ids.length === 0) break
      let response: IngestResponse
      try {
        response = await this.deps.send(url, settings.token, this.envelope(batch.captures))
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        const retryInMs = await this.fail(
          `Could not reach ${new URL(url).origin} (${reason}).`,
          null,
          true,
        )
        return { sent, remaining, retryInMs }
      }
      const outcome = judgeReply(response, batch.ids.length)
      if (outcome.type === 'settled') {
        await queue.settle(batch.ids, outcome.summary, (s) => ({
          ...s,
          failures: 0,
          retryAt: null,
          lastSuccessAt: this.now(),
        }))
        sent += batch.ids.length
        maxCount = BATCH_MAX_CAPTURES
      } else if (outcome.type === 'retry') {
        const retryInMs = await this.fail(outcome.message, outcome.retryAfterMs, true)
        return { sent, remaining, retryInMs }
      } else if (batch.ids.length > 1) {
        // Too big, or one bad capture in it: halve until it fits or the bad one is alone.
        maxCount = Math.ceil(batch.ids.length / 2)
      } else {
        const reason = outcome.type === 'split' ? 'too_large_for_server' : 'refused_by_server'
        await queue.settle(batch.ids, {
          received: 1,
          accepted: 0,
          duplicates: 0,
          dropped: [{ index: 0, reason }],
        })
        await this.fail(`A capture was refused: ${outcome.message}`, null, false)
      }
      remaining = (await queue.status()).length
    }
    return { sent, remaining, retryInMs: null }
  }

  /** Lifts the backoff (a person pressed "Send now", or changed the settings) and flushes. */
  async retryNow(options: { resetFailures?: boolean } = {}): Promise<FlushResult> {
    await this.deps.queue.updateUploadState((s) => ({
      ...s,
      retryAt: null,
      failures: options.resetFailures === true ? 0 : s.failures,
    }))
    return this.flush()
  }

  private envelope(captures: readonly QueuedCapture[]): string {
    return JSON.stringify({ collector: this.deps.collector, captures })
  }

  /**
   * Records an error; with `backoff`, counts a failure, sets the next attempt's time and returns
   * the wait (the delay itself, not re-read from the clock, so it is exactly what was scheduled).
   */
  private async fail(message: string, retryAfterMs: number | null, backoff: boolean) {
    const at = this.now()
    let delay = 0
    await this.deps.queue.updateUploadState((s) => {
      if (!backoff) return { ...s, lastError: { message, at } }
      const failures = s.failures + 1
      delay = Math.max(retryAfterMs ?? 0, backoffDelay(failures, this.random))
      return { ...s, failures, retryAt: at + delay, lastError: { message, at } }
    })
    return delay
  }
}
