/**
 * The cluster test's load: a separate process that sends mixed reads and ingest batches to the
 * API processes from several lanes until told to stop (a `stop` line on stdin), then prints what
 * happened as one JSON line. Like a load balancer, it stops using an API that failed a request
 * and sends the request again to another (safe: reads are idempotent and so is ingestion, by
 * content hash); it records every failed attempt.
 */
import { createInterface } from 'node:readline'
import { loadBatch } from '../support/queue-load.js'

const apis = (process.env.LOAD_APIS ?? '').split(',').filter((a) => a !== '')
const token = process.env.LOAD_TOKEN ?? ''
const epochMs = Number(process.env.LOAD_EPOCH_MS)
const lanes = Number(process.env.LOAD_LANES ?? 6)
const pool = Number(process.env.LOAD_POOL ?? 12)
/** Share of requests that are ingest batches (the rest are reads). */
const ingestShare = Number(process.env.LOAD_INGEST_SHARE ?? 0.3)
/** A hard cap, should the test never say stop. */
const maxMs = Number(process.env.LOAD_MAX_MS ?? 60_000)

export interface FailedAttempt {
  api: string
  op: 'ingest' | 'read'
  /** `refused`: never reached the API; `failed`: sent, and no answer came. */
  kind: 'refused' | 'failed'
  detail: string
}

export interface BatchOutcome {
  seq: number
  /** The status of each attempt, in order (the last is the answer). */
  attempts: Array<number | 'refused' | 'failed'>
  capture_ids: number[]
  queued: number
  duplicates: number
}

export interface LoadReport {
  requests: number
  /** Final answers by status ("none" when every API failed it). */
  answers: Record<string, number>
  failedAttempts: FailedAttempt[]
  /** Answers with a status that is not a success (nor a 404 for a creator not yet processed). */
  badAnswers: Array<{ api: string; op: string; status: number; body: string }>
  batches: BatchOutcome[]
}

const alive = new Set(apis)
const report: LoadReport = {
  requests: 0,
  answers: {},
  failedAttempts: [],
  badAnswers: [],
  batches: [],
}
let stopping = false
let nextSeq = 0
let turn = 0

function pickApi(): string | undefined {
  const up = apis.filter((a) => alive.has(a))
  return up[turn++ % Math.max(1, up.length)]
}

/** Sends to one API after another until one answers; records each failed attempt. */
async function send(
  op: 'ingest' | 'read',
  path: string,
  init: RequestInit,
  attempts: Array<number | 'refused' | 'failed'>,
): Promise<{ api: string; status: number; body: string } | null> {
  for (;;) {
    const api = pickApi()
    if (api === undefined) return null
    try {
      const res = await fetch(`${api}${path}`, init)
      const body = await res.text()
      attempts.push(res.status)
      return { api, status: res.status, body }
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause
      const kind = cause?.code === 'ECONNREFUSED' ? 'refused' : 'failed'
      attempts.push(kind)
      report.failedAttempts.push({ api, op, kind, detail: cause?.code ?? String(err) })
      alive.delete(api)
    }
  }
}

async function ingest(): Promise<void> {
  const batch = loadBatch(nextSeq++, epochMs, pool)
  const outcome: BatchOutcome = {
    seq: batch.seq,
    attempts: [],
    capture_ids: [],
    queued: 0,
    duplicates: 0,
  }
  report.batches.push(outcome)
  const answer = await send(
    'ingest',
    '/api/v1/ingest',
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        collector: { name: 'cluster-test', version: '1' },
        captures: batch.captures,
      }),
    },
    outcome.attempts,
  )
  count(answer, 'ingest', [202])
  if (answer?.status === 202) {
    const data = (
      JSON.parse(answer.body) as {
        data: { capture_ids: number[]; queued: number; duplicates: number }
      }
    ).data
    outcome.capture_ids = data.capture_ids
    outcome.queued = data.queued
    outcome.duplicates = data.duplicates
  }
}

async function read(): Promise<void> {
  const c = Math.floor(Math.random() * pool)
  const path =
    Math.random() < 0.7
      ? `/api/v1/creators/queue_load_${c}`
      : '/api/v1/creators/search?q=queue_load&limit=5'
  const answer = await send('read', path, {}, [])
  // A creator whose captures no worker has processed yet is a 404, as it should be.
  count(answer, 'read', [200, 404])
}

function count(
  answer: { api: string; status: number; body: string } | null,
  op: string,
  expected: number[],
): void {
  report.requests++
  const key = answer === null ? 'none' : String(answer.status)
  report.answers[key] = (report.answers[key] ?? 0) + 1
  if (answer !== null && !expected.includes(answer.status)) {
    report.badAnswers.push({
      api: answer.api,
      op,
      status: answer.status,
      body: answer.body.slice(0, 300),
    })
  }
}

async function lane(): Promise<void> {
  while (!stopping) {
    if (Math.random() < ingestShare) await ingest()
    else await read()
  }
}

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'stop') stopping = true
})
const cap = setTimeout(() => {
  stopping = true
}, maxMs)
// Progress for the test to act on (when to kill, when enough load ran after it).
const progress = setInterval(() => {
  const ingested = report.batches.filter((b) => b.attempts.at(-1) === 202).length
  process.stdout.write(`${JSON.stringify({ progress: { requests: report.requests, ingested } })}\n`)
}, 250)
await Promise.all(Array.from({ length: lanes }, lane))
clearTimeout(cap)
clearInterval(progress)
process.stdout.write(`${JSON.stringify({ report })}\n`)
