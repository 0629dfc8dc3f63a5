/** A real `toklytics worker` process, with its JSON log lines kept for inspection. */
import { type ChildProcess, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

const CLI = new URL('../../src/cli/main.ts', import.meta.url).pathname

export interface WorkerProcess {
  proc: ChildProcess
  /** Every JSON line logged so far. */
  lines: Array<Record<string, unknown>>
  /** Everything written to stderr. */
  stderr(): string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Resolves at the first log line (past or future) that matches. */
  waitForLog(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>
  /** The capture ids of every batch it logged as committed (needs LOG_LEVEL=debug). */
  committedIds(): number[]
}

/** Starts `toklytics --db URL worker ARGS` (LOG_LEVEL debug, so batches list their captures). */
export function startWorker(
  dbUrl: string,
  args: string[] = [],
  env: Record<string, string> = {},
): WorkerProcess {
  const proc = spawn(process.execPath, ['--import', 'tsx', CLI, '--db', dbUrl, 'worker', ...args], {
    env: { ...process.env, LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: Array<Record<string, unknown>> = []
  let stderr = ''
  proc.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString('utf8')
  })
  const watchers: Array<{
    match: (l: Record<string, unknown>) => boolean
    resolve: (l: Record<string, unknown>) => void
  }> = []
  createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    let line: Record<string, unknown>
    try {
      line = JSON.parse(text) as Record<string, unknown>
    } catch {
      return
    }
    lines.push(line)
    for (const w of [...watchers]) {
      if (w.match(line)) {
        watchers.splice(watchers.indexOf(w), 1)
        w.resolve(line)
      }
    }
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  )
  return {
    proc,
    lines,
    stderr: () => stderr,
    exited,
    waitForLog(match) {
      const seen = lines.find(match)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve, reject) => {
        watchers.push({ match, resolve })
        void exited.then(({ code, signal }) =>
          reject(new Error(`the worker exited (${code ?? signal}) first:\n${stderr}`)),
        )
      })
    },
    committedIds: () =>
      lines
        .filter((l) => l.msg === 'batch committed')
        .flatMap((l) => (Array.isArray(l.capture_ids) ? (l.capture_ids as number[]) : [])),
  }
}
