/**
 * What the browser extension's end-to-end tests share, whatever the browser: the Toklytics server
 * started as a person starts it (the CLI), a wire tap in front of it that records every upload
 * decompressed, and the small waiting and networking helpers.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
} from 'node:http'
import { createServer as createNetServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { isPrivateKey, KEPT_QUERY_PARAMS } from '../../src/contract/capture-privacy.js'
import { PERSONAL_PATH } from '../../src/contract/capture-routes.js'
import { mayContainViewerFields } from '../../src/ingest/privacy.js'
import { SECRET, VIEWER } from './tiktok-stand-in.js'

const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))
/**
 * Whether a browser test can run here: `missing` names what is not installed (the browser, or
 * openssl for the stand-in's certificate), and `skip` is the same outside CI only — on a machine
 * with only Node.js the test skips, while CI (.ci/run installs both) must run it.
 */
export function browserTestTools(
  browser: string,
  aptPackage: string,
  label: string,
): { missing: string | null; skip: string | null } {
  let missing: string | null = null
  if (!existsSync(browser))
    missing = `${browser} is not installed (apt-get install -y ${aptPackage})`
  else {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' })
    } catch {
      missing = 'openssl is not installed (apt-get install -y openssl)'
    }
  }
  const skip = process.env.CI === 'true' ? null : missing
  if (skip !== null) console.log(`${label} skipped: ${skip}`)
  return { missing, skip }
}

/** The contributor token both the server and the extension under test are given. */
export const TOKEN = 'e2e-contributor-token'
export const TIKTOK = 'https://www.tiktok.com'

/** Polls `probe` until it returns a value (not undefined); fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await probe()
      if (value !== undefined) return value
    } catch (error) {
      last = error
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
}

export async function freePort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  assert.ok(address !== null && typeof address === 'object')
  return address.port
}

export function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

// --- The Toklytics server, as a person starts it -------------------------------------------

export type IngestMode = 'sync' | 'queue'

export class ToklyticsServer {
  private child: ChildProcess | null = null

  constructor(
    readonly port: number,
    private readonly dbUrl: string,
    private readonly mode: IngestMode,
  ) {}

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, '--db', this.dbUrl, 'serve', '--port', String(this.port)],
      {
        env: {
          ...process.env,
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          TOKLYTICS_DEMO: 'off',
          TOKLYTICS_INGEST_TOKEN: TOKEN,
          TOKLYTICS_RATE_LIMIT: 'off',
          TOKLYTICS_INGEST_MODE: this.mode,
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    )
    this.child = child
    await eventually('the Toklytics server to be ready', async () => {
      assert.equal(child.exitCode, null, 'the server exited')
      const res = await fetch(`${this.url}/readyz`)
      return res.ok ? true : undefined
    })
  }

  async stop(): Promise<void> {
    const child = this.child
    this.child = null
    if (child === null || child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async get(path: string): Promise<{ status: number; body: { data?: Record<string, unknown> } }> {
    const res = await fetch(`${this.url}${path}`)
    return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown> } }
  }
}

// --- A wire tap in front of it: what the extension really sends, and what it was told ------

export interface Upload {
  headers: IncomingMessage['headers']
  /** The decompressed request body. */
  text: string
  envelope: { collector: unknown; captures: Array<{ url: string; body: unknown }> }
  status?: number
  /** The server's answer; it names each dropped capture by its index in the batch. */
  reply?: { data?: { dropped?: Array<{ index: number; reason: string }> } }
}

export function wireTap(upstreamPort: number, uploads: Upload[]): Server {
  return createHttpServer(async (req, res) => {
    const raw = await readBody(req)
    let upload: Upload | null = null
    if (req.method === 'POST') {
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString(
        'utf8',
      )
      upload = { headers: req.headers, text, envelope: JSON.parse(text) }
      uploads.push(upload)
    }
    // Plain answers from upstream, so that the tap can read them.
    const { 'accept-encoding': _encodings, ...headers } = req.headers
    const upstream = httpRequest(
      { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers },
      (answer) => {
        const chunks: Buffer[] = []
        answer.on('data', (c: Buffer) => chunks.push(c))
        answer.on('end', () => {
          const body = Buffer.concat(chunks)
          if (upload !== null) {
            upload.status = answer.statusCode ?? 0
            try {
              upload.reply = JSON.parse(body.toString('utf8'))
            } catch {
              // Not JSON: the status says enough.
            }
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          res.end(body)
        })
      },
    )
    upstream.on('error', () => {
      res.writeHead(502).end()
    })
    upstream.end(raw)
  })
}

/** Every key of a JSON value, at any depth. */
function* keysOf(value: unknown): Generator<string> {
  if (Array.isArray(value)) for (const v of value) yield* keysOf(v)
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      yield k
      yield* keysOf(v)
    }
  }
}

/**
 * Nothing private in any byte of an upload: gzip with the token, no signing or session value, no
 * viewer, no viewer or session key in any spelling, no parameter outside the whitelist, no
 * personal path.
 */
export function assertNothingPrivate(upload: Upload): void {
  assert.equal(upload.headers['content-encoding'], 'gzip')
  assert.equal(upload.headers.authorization, `Bearer ${TOKEN}`)
  assert.ok(!upload.text.includes(SECRET), 'a signing or session value reached the server')
  assert.ok(!upload.text.includes(VIEWER), "the viewer's identity reached the server")
  for (const scope of ['webapp.app-context', 'webapp.a-b', 'AppContext', 'LoginContext']) {
    assert.ok(!upload.text.includes(scope), `${scope} reached the server`)
  }
  assert.equal(mayContainViewerFields(upload.text), false, 'viewer-relative fields were sent')
  for (const key of keysOf(upload.envelope)) {
    assert.ok(!isPrivateKey(key), `the key ${key} was sent`)
  }
  for (const capture of upload.envelope.captures) {
    const url = new URL(capture.url)
    assert.equal(url.origin, TIKTOK)
    assert.ok(!PERSONAL_PATH.test(url.pathname), `a personal path was sent: ${url.pathname}`)
    for (const key of url.searchParams.keys()) {
      assert.ok(KEPT_QUERY_PARAMS.has(key), `${key} is not whitelisted (${capture.url})`)
    }
  }
}
