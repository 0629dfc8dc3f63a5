/**
 * The collector extension end to end in real Chromium: a stand-in www.tiktok.com (HTTPS on
 * 127.0.0.1 through a host mapping, so the real manifest's match patterns apply) serves pages
 * whose scripts fetch fixture payloads; the captures must reach a running Toklytics server,
 * without any stripped parameter or viewer field, and survive a server outage.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { type BrowserContext, chromium, type Worker } from 'playwright-core'
import { buildExtension } from '../extension/build.js'
import { KEPT_QUERY_PARAMS } from '../src/contract/capture-privacy.js'
import { openDatabase } from '../src/db/open.js'
import { mayContainViewerFields } from '../src/ingest/privacy.js'
import { readFixture } from './fixtures.js'

/** Debian's chromium (`.ci/run` installs it); TOKLYTICS_CHROMIUM points elsewhere. */
const CHROMIUM = process.env.TOKLYTICS_CHROMIUM ?? '/usr/bin/chromium'
const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url))
// Every run writes its screenshot under test-output/; UPDATE_SCREENSHOTS=1 refreshes the README's.
const SCREENSHOT = fileURLToPath(
  new URL(
    process.env.UPDATE_SCREENSHOTS === '1'
      ? '../docs/images/extension-popup.png'
      : '../test-output/extension-popup.png',
    import.meta.url,
  ),
)
const TOKEN = 'e2e-contributor-token'
/** Every value the pages' requests carry that must never leave the browser contains this. */
const SECRET = 'SECRET'
const VIEWER = 'the_viewer_handle'

function missingTool(): string | null {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed (apt-get install -y chromium)`
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
  } catch {
    return 'openssl is not installed (apt-get install -y openssl)'
  }
  return null
}

const missing = missingTool()
// On a machine with only Node.js the test skips; CI (.ci/run) installs both, so there it must run.
const skip = process.env.CI === 'true' ? null : missing
if (skip !== null) console.log(`extension end-to-end test skipped: ${skip}`)

/** Polls `probe` until it returns a value (not undefined); fails after `timeoutMs`. */
async function eventually<T>(
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
    await new Promise((r) => setTimeout(r, 250))
  }
}

async function freePort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  assert.ok(address !== null && typeof address === 'object')
  return address.port
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

// --- The Toklytics server, as a person starts it -------------------------------------------

class ToklyticsServer {
  private child: ChildProcess | null = null

  constructor(
    readonly port: number,
    private readonly dbUrl: string,
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

// --- A wire tap in front of it: what the extension really sends ----------------------------

interface Upload {
  headers: IncomingMessage['headers']
  text: string
  envelope: { collector: unknown; captures: Array<{ url: string; body: unknown }> }
}

function wireTap(upstreamPort: number, uploads: Upload[]): Server {
  return createHttpServer(async (req, res) => {
    const raw = await readBody(req)
    if (req.method === 'POST') {
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString(
        'utf8',
      )
      uploads.push({ headers: req.headers, text, envelope: JSON.parse(text) })
    }
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: upstreamPort,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => {
      res.writeHead(502).end()
    })
    upstream.end(raw)
  })
}

// --- The stand-in www.tiktok.com ----------------------------------------------------------

const FIXTURE_OF: Record<string, string> = {
  '/api/post/item_list/': 'post_item_list.sample1.json',
  '/api/user/detail/': 'user_detail.sample1.json',
  '/api/comment/list/': 'comment_list.sample1.json',
  '/api/recommend/item_list/': 'recommend_item_list.sample1.json',
  '/api/search/general/full/': 'search_general_full.sample1.json',
  '/api/im/unread/': 'user_detail.sample1.json',
}

/** Query parameters TikTok's signing SDK adds: none may reach the Toklytics server. */
const SIGNED = `msToken=${SECRET}-ms&X-Bogus=${SECRET}-xb&X-Gnarly=${SECRET}-xg&device_id=${SECRET}-dev&verifyFp=${SECRET}-fp&odinId=${SECRET}-odin`

/** JSON inside a `<script>`: `<` escaped as TikTok does, so no text can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c')

/** A profile page: universal data (with the viewer's scope) plus fetch and XHR calls. */
function profilePage(): string {
  const universal = {
    __DEFAULT_SCOPE__: {
      'webapp.app-context': { user: { uniqueId: VIEWER, nickName: VIEWER }, wid: `${SECRET}-wid` },
      'webapp.a-b': { parameters: { experiment: `${SECRET}-ab` } },
      'webapp.user-detail': {
        userInfo: readFixture('ssr_user_detail.userInfo.sample1.json'),
        statusCode: 0,
      },
    },
  }
  return `<!doctype html><html><head><title>profile</title>
<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">${scriptJson(universal)}</script>
</head><body><h1>stand-in profile</h1><script>
function xhr(url, type) {
  return new Promise((resolve, reject) => {
    const r = new XMLHttpRequest()
    r.open('GET', url)
    if (type) r.responseType = type
    r.onload = () => resolve(type === 'json' ? r.response : JSON.parse(r.responseText))
    r.onerror = reject
    r.send()
  })
}
window.__done = Promise.all([
  fetch('/api/post/item_list/?secUid=MS4wLjABAAAA&count=35&cursor=0&${SIGNED}').then((r) => r.json()),
  xhr('/api/user/detail/?uniqueId=zg.520&${SIGNED}', 'json'),
  xhr('/api/comment/list/?aweme_id=7513039993741397256&count=20&cursor=0&${SIGNED}'),
  fetch('/api/im/unread/?${SIGNED}').then((r) => r.json()),
]).then(([posts, user, comments, unread]) => ({ posts, user, comments, unread }))
</script></body></html>`
}

/** A legacy page: SIGI_STATE (with the viewer's modules) plus a Request-object fetch and an XHR. */
function searchPage(): string {
  const sigiItem = readFixture('sigi_state.ItemModule_item.sample1.json') as { id: string }
  const sigi = {
    AppContext: { appContext: { user: { uniqueId: VIEWER } } },
    LoginContextModule: { user: { uniqueId: VIEWER } },
    ItemModule: { [sigiItem.id]: sigiItem },
  }
  return `<!doctype html><html><head><title>search</title>
<script id="SIGI_STATE" type="application/json">${scriptJson(sigi)}</script>
</head><body><script>
window.__done = Promise.all([
  fetch(new Request('/api/recommend/item_list/?count=30&${SIGNED}')).then((r) => r.json()),
  new Promise((resolve) => {
    const r = new XMLHttpRequest()
    r.open('GET', '/api/search/general/full/?keyword=cats&offset=0&${SIGNED}')
    r.onload = () => resolve(JSON.parse(r.responseText))
    r.send()
  }),
]).then(([recommend, search]) => ({ recommend, search }))
</script></body></html>`
}

function tiktokStandIn(tlsDir: string, requested: string[]): Server {
  return createHttpsServer(
    { key: readFileSync(join(tlsDir, 'key.pem')), cert: readFileSync(join(tlsDir, 'cert.pem')) },
    (req, res) => {
      const url = new URL(req.url ?? '/', 'https://www.tiktok.com')
      requested.push(url.href)
      const fixture = FIXTURE_OF[url.pathname]
      if (fixture !== undefined) {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(readFixture(fixture)))
      } else if (url.pathname === '/@zg.520' || url.pathname === '/search') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        res.end(url.pathname === '/search' ? searchPage() : profilePage())
      } else {
        res.writeHead(404).end()
      }
    },
  )
}

/** A throwaway self-signed certificate for www.tiktok.com (the browser ignores its errors). */
function makeCertificate(into: string): void {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(into, 'key.pem'),
      '-out',
      join(into, 'cert.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=www.tiktok.com',
      '-addext',
      'subjectAltName=DNS:www.tiktok.com',
    ],
    { stdio: 'ignore' },
  )
}

// --- The extension's own state, read in its service worker ---------------------------------

interface ExtensionState {
  queue: number
  upload: {
    failures: number
    lastError: { message: string; at: number } | null
    lastSuccessAt: number | null
  }
  stats: { captured: number; accepted: number; duplicates: number; dropped: number }
}

async function extensionState(worker: Worker): Promise<ExtensionState> {
  // Page and worker code is passed as text: this project's TypeScript has no DOM or chrome types.
  return worker.evaluate(`(async () => {
    const got = await chrome.storage.local.get(['queue', 'upload', 'stats'])
    return {
      queue: (got.queue?.entries ?? []).length,
      upload: got.upload ?? { failures: 0, lastError: null, lastSuccessAt: null },
      stats: got.stats ?? { captured: 0, accepted: 0, duplicates: 0, dropped: 0 },
    }
  })()`)
}

describe('the collector extension in Chromium', { skip: skip ?? false }, () => {
  const uploads: Upload[] = []
  const requested: string[] = []
  let toklytics: ToklyticsServer
  let tap: Server
  let tapPort: number
  let tiktok: Server
  let context: BrowserContext
  let worker: Worker
  let extensionId: string
  let dir: string

  before(async () => {
    assert.equal(missing, null, 'CI must provide Chromium and openssl (.ci/run installs them)')
    dir = mkdtempSync(join(tmpdir(), 'toklytics-extension-'))
    const built = await buildExtension(join(dir, 'build'))
    makeCertificate(dir)
    tiktok = tiktokStandIn(dir, requested)
    const tiktokPort = await freePort()
    await listen(tiktok, tiktokPort)
    toklytics = new ToklyticsServer(await freePort(), `sqlite:${join(dir, 'toklytics.db')}`)
    await toklytics.start()
    tapPort = await freePort()
    tap = wireTap(toklytics.port, uploads)
    await listen(tap, tapPort)

    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      ignoreHTTPSErrors: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--host-resolver-rules=MAP www.tiktok.com 127.0.0.1:${tiktokPort}`,
        `--disable-extensions-except=${built.dir}`,
        `--load-extension=${built.dir}`,
      ],
    })
    worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))
    extensionId = new URL(worker.url()).host
  })

  after(async () => {
    await context?.close()
    await toklytics?.stop()
    if (tap) await close(tap)
    if (tiktok) await close(tiktok)
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('is set up from its options page', async () => {
    const page = await context.newPage()
    await page.goto(`chrome-extension://${extensionId}/options.html`)
    await page.fill('#server-url', `http://127.0.0.1:${tapPort}`)
    await page.fill('#token', TOKEN)
    await page.click('button[type=submit]')
    // Locators, not waitForFunction: extension pages forbid eval.
    await page.locator('#status', { hasText: /^Saved/ }).waitFor()
    await page.click('#check')
    await page.locator('#status', { hasText: /Connected|answered|reach/ }).waitFor()
    assert.equal(await page.textContent('#status'), 'Connected: the server accepts this token.')
    await page.close()
  })

  it('captures fetch, XHR and page JSON without changing what the page sends or sees', async () => {
    const page = await context.newPage()
    await page.goto('https://www.tiktok.com/@zg.520')
    const seen = await page.evaluate('window.__done')
    assert.deepEqual(seen, {
      posts: readFixture('post_item_list.sample1.json'),
      user: readFixture('user_detail.sample1.json'),
      comments: readFixture('comment_list.sample1.json'),
      unread: readFixture('user_detail.sample1.json'),
    })
    // TikTok received its requests exactly as the page made them, signatures included.
    assert.ok(
      requested.some(
        (u) => u.includes('/api/post/item_list/') && u.includes(`msToken=${SECRET}-ms`),
      ),
    )
    await page.close()

    const creator = await eventually('zg.520 through the read API', async () => {
      const res = await toklytics.get('/api/v1/creators/zg.520')
      return res.status === 200 ? res.body.data : undefined
    })
    assert.equal(creator?.username, 'zg.520')
    await eventually('the video of the item list', async () =>
      (await toklytics.get('/api/v1/videos/7513039993741397256')).status === 200 ? true : undefined,
    )
    // The page JSON's profile (from webapp.user-detail).
    await eventually('the page JSON creator', async () =>
      (await toklytics.get('/api/v1/creators/oddanimalspecimens')).status === 200
        ? true
        : undefined,
    )
    const state = await eventually('the queue to empty', async () => {
      const s = await extensionState(worker)
      return s.queue === 0 && s.stats.accepted === 3 ? s : undefined
    })
    assert.deepEqual(state.stats, {
      ...state.stats,
      captured: 3,
      accepted: 3,
      duplicates: 0,
      dropped: 0,
    })
  })

  it('sends only whitelisted URL parameters, gzip-compressed, with the token, and no viewer data', () => {
    assert.ok(uploads.length > 0)
    const urls = uploads.flatMap((u) => u.envelope.captures.map((c) => c.url))
    const paths = new Set(urls.map((u) => new URL(u).pathname))
    assert.deepEqual(
      [...paths].sort(),
      ['/@zg.520', '/api/post/item_list/', '/api/user/detail/'],
      'comment lists (not stored by the server) and unknown paths are not captured',
    )
    for (const url of urls) {
      for (const key of new URL(url).searchParams.keys()) {
        assert.ok(KEPT_QUERY_PARAMS.has(key), `${key} is not whitelisted (${url})`)
      }
    }
    for (const upload of uploads) {
      assert.equal(upload.headers['content-encoding'], 'gzip')
      assert.equal(upload.headers.authorization, `Bearer ${TOKEN}`)
      assert.ok(!upload.text.includes(SECRET), 'a stripped value reached the server')
      assert.ok(!upload.text.includes(VIEWER), "the viewer's identity reached the server")
      assert.ok(!upload.text.includes('webapp.app-context'))
      assert.ok(!upload.text.includes('webapp.a-b'))
      assert.equal(mayContainViewerFields(upload.text), false, 'viewer-relative fields were sent')
    }
    const page = uploads
      .flatMap((u) => u.envelope.captures)
      .find((c) => new URL(c.url).pathname === '/@zg.520')
    assert.ok(page !== undefined)
    assert.deepEqual(Object.keys((page.body as { __DEFAULT_SCOPE__: object }).__DEFAULT_SCOPE__), [
      'webapp.user-detail',
    ])
  })

  it('keeps captures through a server outage and delivers them once it is back', async () => {
    const before = await extensionState(worker)
    const sentBefore = uploads.length
    await toklytics.stop()
    await close(tap)
    const stoppedAt = Date.now()

    const page = await context.newPage()
    await page.goto('https://www.tiktok.com/search?q=cats')
    const seen = await page.evaluate('window.__done')
    assert.deepEqual(seen, {
      recommend: readFixture('recommend_item_list.sample1.json'),
      search: readFixture('search_general_full.sample1.json'),
    })
    await page.close()

    // The upload fails (connection refused): the three captures wait in the queue.
    const waiting = await eventually('a failed upload', async () => {
      const s = await extensionState(worker)
      return s.queue === 3 && s.upload.lastError !== null && s.upload.lastError.at >= stoppedAt
        ? s
        : undefined
    })
    assert.match(waiting.upload.lastError?.message ?? '', /Could not reach/)
    assert.equal(waiting.stats.captured, before.stats.captured + 3)
    assert.equal(uploads.length, sentBefore, 'nothing got through while the server was down')

    await toklytics.start()
    await listen(tap, tapPort)
    await eventually('the queue to empty after the outage', async () => {
      const s = await extensionState(worker)
      return s.queue === 0 ? s : undefined
    })
    for (const path of [
      '/api/v1/videos/7158770362770099483', // recommend feed
      '/api/v1/videos/7171782248281165058', // SIGI_STATE ItemModule
      '/api/v1/creators/argenby',
    ]) {
      assert.equal((await toklytics.get(path)).status, 200, path)
    }
    const after = await extensionState(worker)
    assert.equal(after.stats.captured, 6)
    assert.equal(after.stats.accepted, 6)
    assert.equal(after.stats.duplicates + after.stats.dropped, 0)
    assert.equal(after.upload.failures, 0)

    // Every capture is stored exactly once: none lost, none doubled.
    const database = await openDatabase(`sqlite:${join(dir, 'toklytics.db')}`)
    try {
      const rows = await database.db.selectFrom('captures').select('url').execute()
      assert.equal(rows.length, 6)
      assert.ok(rows.every((r) => !r.url.includes(SECRET)))
    } finally {
      await database.close()
    }
  })

  it('shows what was captured and sent today in its popup', async () => {
    const page = await context.newPage()
    await page.setViewportSize({ width: 360, height: 200 })
    await page.goto(`chrome-extension://${extensionId}/popup.html`)
    await page.locator('#captured', { hasText: /^6$/ }).waitFor()
    assert.equal(await page.textContent('#queue'), '0')
    assert.equal(await page.textContent('#state'), 'Collecting')
    assert.equal(await page.locator('#recent li').count(), 6)
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true })
    await page.screenshot({ path: SCREENSHOT, fullPage: true })
    await page.close()
  })
})
