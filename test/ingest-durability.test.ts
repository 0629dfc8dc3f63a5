/**
 * Durability of ingestion with the real server process: batches sent concurrently while the
 * server is killed (SIGKILL) at random moments. After a restart every acknowledged batch is
 * fully there and no batch is half-written. A SIGTERM during a batch lets it commit and reply.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { after, describe, it } from 'node:test'
import type { Database } from '../src/db/open.js'
import { openDatabase } from '../src/db/open.js'
import { testDatabases } from './support/databases.js'
import {
  contentHash,
  itemListBody,
  listUrl,
  userDetailBody,
  userUrl,
  withoutViewerKeys,
} from './support/fixture-captures.js'

const CLI = new URL('../src/cli/main.ts', import.meta.url).pathname
const TOKEN = 'durability-test-token'
const KILL_CYCLES = 2
const SENDERS = 3
/** Creators per batch; each brings a profile capture and a list capture of two videos. */
const CREATORS_PER_BATCH = 3

interface Server {
  proc: ChildProcess
  port: number
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Resolves at the first log line that matches. */
  waitForLog(match: (line: Record<string, unknown>) => boolean): Promise<void>
}

async function startServer(dbUrl: string): Promise<Server> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, '--db', dbUrl, 'serve', '--port', '0'],
    {
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        TOKLYTICS_DEMO: 'off',
        TOKLYTICS_INGEST_TOKEN: TOKEN,
        TOKLYTICS_RATE_LIMIT: 'off',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const watchers: Array<{ match: (l: Record<string, unknown>) => boolean; resolve: () => void }> =
    []
  const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream })
  lines.on('line', (text) => {
    let line: Record<string, unknown>
    try {
      line = JSON.parse(text) as Record<string, unknown>
    } catch {
      return
    }
    for (const w of [...watchers]) {
      if (w.match(line)) {
        watchers.splice(watchers.indexOf(w), 1)
        w.resolve()
      }
    }
  })
  const waitForLog = (match: (line: Record<string, unknown>) => boolean) =>
    new Promise<void>((resolve) => watchers.push({ match, resolve }))
  let port = 0
  const listening = waitForLog((l) => {
    const m = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(String(l.msg ?? ''))
    if (m) port = Number(m[1])
    return m !== null
  })
  const outcome = await Promise.race([listening.then(() => 'up'), exited.then(() => 'exited')])
  assert.equal(outcome, 'up', 'the server exited before listening')
  return { proc, port, exited, waitForLog }
}

/** One batch: its captures as sent (bodies as text, as the extension sends them) and its ids. */
interface Batch {
  n: number
  captures: Array<{ url: string; observed_at: string; body: string }>
  hashes: string[]
  creators: Map<string, number>
  videos: Map<string, number>
}

function makeBatch(n: number, creators = CREATORS_PER_BATCH): Batch {
  const batch: Batch = { n, captures: [], hashes: [], creators: new Map(), videos: new Map() }
  const observed = new Date(Date.now() - 60_000).toISOString()
  for (let i = 0; i < creators; i++) {
    const id = `81${String(n).padStart(6, '0')}${String(i).padStart(4, '0')}`
    const username = `durable_${n}_${i}`
    const followers = 10_000 + n * 100 + i
    const videos = [0, 1].map((j) => ({
      id: `71${String(n).padStart(6, '0')}${String(i).padStart(4, '0')}${j}`,
      plays: 50_000 + n * 10 + j,
      author: { id, username },
    }))
    for (const [url, body] of [
      [userUrl(username), userDetailBody({ followers, id, username })],
      [listUrl(`sec_${id}`), itemListBody(...videos)],
    ] as const) {
      const text = JSON.stringify(withoutViewerKeys(body))
      batch.captures.push({ url, observed_at: observed, body: text })
      batch.hashes.push(contentHash(url, text))
    }
    batch.creators.set(id, followers)
    for (const v of videos) batch.videos.set(v.id, v.plays)
  }
  return batch
}

async function send(port: number, batch: Batch): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ captures: batch.captures }),
  })
  const body = (await res.json()) as { data?: { accepted: number } }
  if (res.status === 200) assert.equal(body.data?.accepted, batch.captures.length)
  return res.status
}

/** How much of a batch is stored: captures (by content hash), creators and videos with its numbers. */
async function stored(database: Database, batch: Batch) {
  const { db } = database
  const captures = await db
    .selectFrom('captures')
    .select('content_hash')
    .where('content_hash', 'in', batch.hashes)
    .execute()
  const creators = await db
    .selectFrom('creators')
    .select(['id', 'followers'])
    .where('id', 'in', [...batch.creators.keys()])
    .execute()
  const videos = await db
    .selectFrom('videos')
    .select(['id', 'plays'])
    .where('id', 'in', [...batch.videos.keys()])
    .execute()
  for (const c of creators) assert.equal(c.followers, batch.creators.get(c.id))
  for (const v of videos) assert.equal(v.plays, batch.videos.get(v.id))
  return { captures: captures.length, creators: creators.length, videos: videos.length }
}

const full = (b: Batch) => ({
  captures: b.captures.length,
  creators: b.creators.size,
  videos: b.videos.size,
})
const none = { captures: 0, creators: 0, videos: 0 }

for (const target of testDatabases()) {
  describe(`ingest durability on ${target.name} (real server process)`, () => {
    after(() => target.cleanup())

    it(`every acknowledged batch survives ${KILL_CYCLES} SIGKILLs; none is half-written`, async (t) => {
      const database = await target.open()
      await database.close()
      const url = target.url()
      const outcomes: Array<{ batch: Batch; status: number | 'no reply' }> = []
      let next = 0
      for (let cycle = 0; cycle < KILL_CYCLES; cycle++) {
        const server = await startServer(url)
        let killed = false
        let acknowledged = 0
        // Kill after a random number of acknowledged batches, a random moment later, while
        // other senders have batches in flight.
        const killAfter = 2 + Math.floor(Math.random() * 4)
        const killDelayMs = Math.floor(Math.random() * 40)
        const sender = async () => {
          while (!killed) {
            const batch = makeBatch(next++)
            try {
              const status = await send(server.port, batch)
              outcomes.push({ batch, status })
              if (status === 200 && ++acknowledged === killAfter) {
                setTimeout(() => {
                  killed = true
                  server.proc.kill('SIGKILL')
                }, killDelayMs)
              }
            } catch {
              outcomes.push({ batch, status: 'no reply' })
            }
          }
        }
        await Promise.all(Array.from({ length: SENDERS }, sender))
        assert.equal((await server.exited).signal, 'SIGKILL')
      }
      const acked = outcomes.filter((o) => o.status === 200)
      const unanswered = outcomes.filter((o) => o.status === 'no reply')
      assert.equal(
        outcomes.filter((o) => o.status !== 200 && o.status !== 'no reply').length,
        0,
        'a batch got an error status',
      )
      assert.ok(acked.length >= KILL_CYCLES * 2)
      assert.ok(unanswered.length >= KILL_CYCLES, 'every kill cut some batch off')

      // Restarted (recovery on open), the store has every acknowledged batch whole and no
      // batch in part.
      const server = await startServer(url)
      const check = await openDatabase(url)
      try {
        for (const { batch } of acked) assert.deepEqual(await stored(check, batch), full(batch))
        let committedUnanswered = 0
        for (const { batch } of unanswered) {
          const found = await stored(check, batch)
          if (found.captures > 0) committedUnanswered++
          assert.ok(
            found.captures === 0 ? deepEqual(found, none) : deepEqual(found, full(batch)),
            `batch ${batch.n} is half-written: ${JSON.stringify(found)}`,
          )
        }
        t.diagnostic(
          `${acked.length} batches acknowledged; ${unanswered.length} cut off by the kills, ${committedUnanswered} of them committed whole, the rest absent`,
        )
        // The restarted server takes new batches as usual.
        const after = makeBatch(next++)
        assert.equal(await send(server.port, after), 200)
        assert.deepEqual(await stored(check, after), full(after))
      } finally {
        await check.close()
        server.proc.kill('SIGKILL')
        await server.exited
      }
    })

    it('SIGTERM during an ingest batch: the batch commits, the client gets its 200, exit 0', async () => {
      const url = target.url()
      const server = await startServer(url)
      const batch = makeBatch(1_000_000, 150)
      let settled = false
      const incoming = server.waitForLog((l) => {
        const req = l.req as { url?: string } | undefined
        return l.msg === 'incoming request' && req?.url === '/api/v1/ingest'
      })
      const reply = send(server.port, batch).finally(() => {
        settled = true
      })
      await incoming
      assert.equal(settled, false, 'the batch was still in flight when SIGTERM was sent')
      server.proc.kill('SIGTERM')
      assert.equal(await reply, 200)
      assert.deepEqual(await server.exited, { code: 0, signal: null })
      const check = await openDatabase(url)
      try {
        assert.deepEqual(await stored(check, batch), full(batch))
      } finally {
        await check.close()
      }
    })
  })
}

function deepEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepEqual(a, b)
    return true
  } catch {
    return false
  }
}
