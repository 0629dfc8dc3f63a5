/** A real `toklytics serve` process on a free port, with everything it logs kept for inspection. */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { promisify } from 'node:util'

const CLI = new URL('../../src/cli/main.ts', import.meta.url).pathname
const run = promisify(execFile)

export interface ServerProcess {
  /** `http://127.0.0.1:PORT` */
  url: string
  /** Everything written to stdout and stderr so far. */
  output(): string
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  if (address === null || typeof address === 'string') throw new Error('no free port')
  return address.port
}

/** Starts `toklytics --db URL serve` (no demo data) on a free port and waits for /healthz. */
export async function startServer(
  dbUrl: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const port = await freePort()
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, '--db', dbUrl, 'serve', '--port', String(port)],
    {
      env: { ...process.env, TOKLYTICS_DEMO: 'off', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8')
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = once(child, 'exit')
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited before serving:\n${output}`)
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, output: () => output, stop }
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  await stop()
  throw new Error(`the server did not answer /healthz within 60 s:\n${output}`)
}

/**
 * Awaits work done side by side with starting servers; when anything fails, the servers that
 * did start are stopped (a running child would keep the test process alive).
 */
export async function alongside<T extends readonly unknown[]>(
  ...work: { [K in keyof T]: Promise<T[K]> }
): Promise<T> {
  const settled = await Promise.allSettled(work)
  const failed = settled.find((s) => s.status === 'rejected')
  if (failed) {
    for (const s of settled) {
      const v: unknown = s.status === 'fulfilled' ? s.value : undefined
      if (typeof v === 'object' && v !== null && 'stop' in v && typeof v.stop === 'function')
        await (v as ServerProcess).stop()
    }
    throw failed.reason
  }
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T
}

/** Runs the `toklytics` command on a database (a real process, as a user runs it). */
export async function toklytics(dbUrl: string, ...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', CLI, '--db', dbUrl, ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent' },
    timeout: 120_000,
  })
}
