/**
 * The collector extension end to end in real Chromium, on a stand-in www.tiktok.com that behaves
 * as the site does (test/support/tiktok-stand-in.ts): HTTPS on 127.0.0.1 through a host mapping
 * (so the real manifest's match patterns apply), a single-page app that changes pages with
 * pushState and loads data with fetch and XHR, a feed loaded page by page as it is scrolled, and
 * the site's own signing wrapper around fetch and XHR. A person browses every kind of page; what
 * reached the running Toklytics server is checked on the bytes it received (a wire tap in front
 * of it decompresses every upload) and in what it stored. The extension's service worker is
 * stopped while idle and must be woken by the next capture; the server goes away for a while and
 * nothing may be lost. On PostgreSQL (TOKLYTICS_TEST_PG_URL) the same runs against a server in
 * queue mode with a worker, and the queue must empty without an upload ever repeated.
 */
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core'
import { buildExtension } from '../extension/build.js'
import type { Database } from '../src/db/open.js'
import { readFixture } from './fixtures.js'
import { testDatabases } from './support/databases.js'
import {
  assertNothingPrivate,
  browserTestTools,
  close,
  eventually,
  freePort,
  type IngestMode,
  listen,
  TIKTOK,
  TOKEN,
  ToklyticsServer,
  type Upload,
  wireTap,
} from './support/extension-harness.js'
import {
  type Exchange,
  makeCertificate,
  SECRET,
  SITE,
  tiktokStandIn,
  VIEWER,
} from './support/tiktok-stand-in.js'
import { startWorker, type WorkerProcess } from './support/worker-process.js'

/** Debian's chromium (`.ci/run` installs it); TOKLYTICS_CHROMIUM points elsewhere. */
const CHROMIUM = process.env.TOKLYTICS_CHROMIUM ?? '/usr/bin/chromium'
// Every run writes its screenshot under test-output/; UPDATE_SCREENSHOTS=1 refreshes the README's.
const SCREENSHOT = fileURLToPath(
  new URL(
    process.env.UPDATE_SCREENSHOTS === '1'
      ? '../docs/images/extension-popup.png'
      : '../test-output/extension-popup.png',
    import.meta.url,
  ),
)
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'

const { missing, skip } = browserTestTools(CHROMIUM, 'chromium', 'extension end-to-end test')

/** `a 2 · b (no content) 1` (the popup's counts) → { a: 2, 'b (no content)': 1 }. */
function parseCounts(text: string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const part of text.split(' · ').filter((p) => p !== '')) {
    const match = /^(.*) (\d+)$/.exec(part)
    assert.ok(match !== null, `not a count: ${part}`)
    out[match[1] as string] = Number(match[2])
  }
  return out
}

function tally(names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const name of names) out[name] = (out[name] ?? 0) + 1
  return out
}

// --- What browsing should produce, step by step ----------------------------------------------

interface ExpectedCapture {
  url: string
  kind: string
  /** The same URL and body were sent before: the server counts it as already known. */
  duplicate: boolean
}

/** The captures and "seen, not collected" responses each step should add, in order. */
class Ledger {
  readonly captures: ExpectedCapture[] = []
  readonly seen: Record<string, number> = {}

  capture(path: string, kind: string, options: { duplicate?: boolean } = {}) {
    this.captures.push({
      url: `${TIKTOK}${path}`,
      kind,
      duplicate: options.duplicate ?? false,
    })
  }

  seenAt(path: string, reason: 'no content' | 'not JSON'): void {
    const key = `${path} (${reason})`
    this.seen[key] = (this.seen[key] ?? 0) + 1
  }

  get seenTotal(): number {
    return Object.values(this.seen).reduce((a, b) => a + b, 0)
  }

  /** What the site's background calls add on every first load of the app. */
  appLoaded(): void {
    // /api/user/settings/ and /api/im/unread/ are the viewer's: neither sent nor counted.
    this.seenAt('/api/ba/business/suite/permission/list/', 'no content')
  }
}

// --- The extension's own state, read in its service worker ---------------------------------

interface ExtensionState {
  queue: number
  upload: {
    failures: number
    lastError: { message: string; at: number } | null
    lastSuccessAt: number | null
  }
  stats: {
    captured: number
    accepted: number
    duplicates: number
    dropped: number
    byKind: Record<string, number>
    seen: number
    seenPaths: Record<string, number>
  }
}

async function extensionState(worker: Worker): Promise<ExtensionState> {
  // Page and worker code is passed as text: this project's TypeScript has no DOM or chrome types.
  return worker.evaluate(`(async () => {
    const got = await chrome.storage.local.get(['queue', 'upload', 'stats'])
    return {
      queue: (got.queue?.entries ?? []).length,
      upload: got.upload ?? { failures: 0, lastError: null, lastSuccessAt: null },
      stats: { captured: 0, accepted: 0, duplicates: 0, dropped: 0, byKind: {}, seen: 0, seenPaths: {}, ...got.stats },
    }
  })()`)
}

// --- The runs: SQLite (synchronous ingestion), and PostgreSQL in queue mode with a worker ----

const targets = testDatabases()
if (targets.every((t) => t.name !== 'postgres')) {
  console.log('# extension end-to-end in queue mode skipped: set TOKLYTICS_TEST_PG_URL')
}

for (const target of targets) {
  const mode: IngestMode = target.name === 'postgres' ? 'queue' : 'sync'

  describe(`the collector extension in Chromium, ${target.name} (${mode} ingestion)`, {
    skip: skip ?? false,
  }, () => {
    const uploads: Upload[] = []
    const exchanges: Exchange[] = []
    const ledger = new Ledger()
    let database: Database
    let dbUrl: string
    let toklytics: ToklyticsServer
    let worker: WorkerProcess | null = null
    let tap: Server
    let tapPort: number
    let tiktok: Server
    let context: BrowserContext
    let serviceWorker: Worker
    let extensionId: string
    let dir: string
    /** The tab a person browses in, from its first page on. */
    let app: Page

    /** The extension's service worker that runs now (a new one after a stop). */
    async function liveServiceWorker(): Promise<Worker> {
      return eventually('the extension service worker', async () => {
        const found = context
          .serviceWorkers()
          .filter((w) => w.url().startsWith(`chrome-extension://${extensionId}/`))
        for (const w of found.reverse()) {
          if ((await w.evaluate('1').catch(() => null)) === 1) return w
        }
        return undefined
      })
    }

    /** Waits until the extension has taken in every capture and response the ledger expects. */
    async function captured(what: string): Promise<ExtensionState> {
      return eventually(what, async () => {
        const s = await extensionState(serviceWorker)
        return s.stats.captured === ledger.captures.length && s.stats.seen === ledger.seenTotal
          ? s
          : undefined
      })
    }

    /** Waits until the queue is empty: everything captured has been answered by the server. */
    async function delivered(what: string): Promise<ExtensionState> {
      return eventually(what, async () => {
        const s = await extensionState(serviceWorker)
        return s.queue === 0 && s.stats.captured === ledger.captures.length ? s : undefined
      })
    }

    /** Clicks an in-app link or button and waits for the view it leads to. */
    async function click(selector: string, ready: string): Promise<void> {
      await app.click(selector)
      await app.locator(ready).waitFor()
    }

    const viewReady = (path: string) => `#view[data-ready="${path}"]`

    before(async () => {
      assert.equal(missing, null, 'CI must provide Chromium and openssl (.ci/run installs them)')
      dir = mkdtempSync(join(tmpdir(), 'toklytics-extension-'))
      database = await target.open()
      dbUrl = target.url()
      const built = await buildExtension(join(dir, 'build'))
      makeCertificate(dir)
      tiktok = tiktokStandIn(dir, exchanges)
      const tiktokPort = await freePort()
      await listen(tiktok, tiktokPort)
      toklytics = new ToklyticsServer(await freePort(), dbUrl, mode)
      await toklytics.start()
      if (mode === 'queue') worker = startWorker(dbUrl, [], { LOG_LEVEL: 'info' })
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
          `--disable-extensions-except=${built.chrome.dir}`,
          `--load-extension=${built.chrome.dir}`,
        ],
      })
      serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))
      extensionId = new URL(serviceWorker.url()).host
    })

    after(async () => {
      await context?.close()
      await toklytics?.stop()
      if (worker !== null && worker.proc.exitCode === null) {
        worker.proc.kill('SIGTERM')
        await worker.exited
      }
      if (tap) await close(tap)
      if (tiktok) await close(tiktok)
      await database?.close()
      await target.cleanup()
      if (dir) rmSync(dir, { recursive: true, force: true })
    })

    it('opens its options page after a fresh install, and is set up there', async () => {
      // The extension opens the page itself (nothing is configured yet): use that tab, rather
      // than racing it with a navigation of our own.
      const options = `chrome-extension://${extensionId}/options.html`
      const page = await eventually('the options page to open itself', async () =>
        context.pages().find((p) => p.url() === options),
      )
      await page.waitForLoadState('load')
      await page.locator('#server-url').waitFor()
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

    it('captures the embedded JSON of every kind of page landed on', async () => {
      const odd = SITE.landingCreator
      // A profile (webapp.user-detail); this tab goes on browsing in-app afterwards.
      app = await context.newPage()
      await app.goto(`${TIKTOK}/@${odd.uniqueId}`)
      await app.locator(viewReady(`/@${odd.uniqueId}`)).waitFor()
      ledger.appLoaded()
      ledger.capture(`/@${odd.uniqueId}`, 'universal_data')
      ledger.capture(
        `/api/post/item_list/?secUid=${odd.secUid}&count=35&cursor=0&post_item_list_request_type=0`,
        'item_list',
      )
      ledger.seenAt('/api/user/playlist/', 'no content')
      await captured('the profile page')

      const land = async (path: string, userAgent?: string) => {
        const page = await context.newPage()
        if (userAgent !== undefined) {
          const cdp = await context.newCDPSession(page)
          await cdp.send('Emulation.setUserAgentOverride', { userAgent })
        }
        await page.goto(`${TIKTOK}${path}`)
        await page.locator(viewReady(path)).waitFor()
        ledger.appLoaded()
        return page
      }

      // A video (webapp.video-detail), then the same in the mobile layout (webapp.reflow…).
      let page = await land(SITE.pageVideo.path)
      ledger.capture(SITE.pageVideo.path, 'universal_data')
      ledger.seenAt('/api/comment/list/', 'no content')
      await captured('the video page')
      await page.close()
      page = await land(SITE.pageVideo.path, IPHONE)
      const document = exchanges.findLast((e) => e.url === `${TIKTOK}${SITE.pageVideo.path}`)
      assert.match(document?.body ?? '', /webapp\.reflow\.video\.detail/, 'the mobile layout')
      ledger.capture(SITE.pageVideo.path, 'universal_data')
      ledger.seenAt('/api/comment/list/', 'no content')
      await captured('the mobile video page')
      await page.close()

      // A hashtag (webapp.challenge-detail) and a sound (webapp.music-detail), with their lists.
      page = await land(`/tag/${SITE.hashtag.name}`)
      ledger.capture(`/tag/${SITE.hashtag.name}`, 'universal_data')
      ledger.capture(
        `/api/challenge/item_list/?challengeID=${SITE.hashtag.id}&count=30&cursor=0`,
        'item_list',
      )
      await captured('the hashtag page')
      await page.close()
      page = await land(SITE.sound.path)
      ledger.capture(SITE.sound.path, 'universal_data')
      ledger.capture(
        `/api/music/item_list/?musicID=${SITE.sound.id}&count=30&cursor=0`,
        'item_list',
      )
      await captured('the sound page')
      await page.close()
    })

    it('follows in-app navigation (pushState, then fetch or XHR) through every kind of list', async () => {
      const zg = SITE.creator
      const documentId = await app.evaluate('window.__documentId')

      await click(`nav a[href="/@${zg.uniqueId}"]`, viewReady(`/@${zg.uniqueId}`))
      assert.equal(app.url(), `${TIKTOK}/@${zg.uniqueId}`)
      ledger.capture(`/api/user/detail/?uniqueId=${zg.uniqueId}&secUid=`, 'user_detail')
      ledger.capture(
        `/api/post/item_list/?secUid=${zg.secUid}&count=35&cursor=0&post_item_list_request_type=0`,
        'item_list',
      )
      ledger.seenAt('/api/user/playlist/', 'no content')
      await captured('the profile, in-app')

      // Favourites (a path no route names: its itemList decides) and stories.
      await click('#favorites-tab', '#favorites[data-ready]')
      ledger.capture(
        `/api/user/collect/item_list/?secUid=${zg.secUid}&count=30&cursor=0`,
        'item_list',
      )
      await click('#stories-ring', '#stories[data-ready]')
      ledger.capture(`/api/story/item_list/?authorId=${zg.id}&count=20&cursor=0`, 'item_list')
      await captured('favourites and stories')

      // A playlist: its detail (mixInfo) and the user's playlists (playList) hold nothing the
      // server stores yet, so they are seen, not collected; its items are collected.
      // TIGHTEN(playlists): when the server stores playlists, expect /api/mix/detail/ and
      // /api/user/playlist/ among the captures instead.
      await click('a.playlist', viewReady(SITE.mix.path))
      ledger.seenAt('/api/mix/detail/', 'no content')
      ledger.capture(`/api/mix/item_list/?mixId=${SITE.mix.id}&count=30&cursor=0`, 'item_list')
      await captured('the playlist')

      await click(`a.video[href="${SITE.video.path}"]`, viewReady(SITE.video.path))
      ledger.capture(`/api/item/detail/?itemId=${SITE.video.id}`, 'item_detail')
      ledger.seenAt('/api/comment/list/', 'no content')
      await captured('the video, in-app')

      // Its sound and a hashtag, in-app: detail answers, and lists already sent on landing.
      await click('a.sound', viewReady(SITE.sound.path))
      ledger.capture(`/api/music/detail/?musicId=${SITE.sound.id}`, 'music_detail')
      ledger.capture(
        `/api/music/item_list/?musicID=${SITE.sound.id}&count=30&cursor=0`,
        'item_list',
        { duplicate: true },
      )
      await click(`nav a[href="/tag/${SITE.hashtag.name}"]`, viewReady(`/tag/${SITE.hashtag.name}`))
      ledger.capture(
        `/api/challenge/detail/?challengeName=${SITE.hashtag.name}`,
        'challenge_detail',
      )
      ledger.capture(
        `/api/challenge/item_list/?challengeID=${SITE.hashtag.id}&count=30&cursor=0`,
        'item_list',
        { duplicate: true },
      )
      await captured('the sound and the hashtag, in-app')

      await click('nav a[href="/following"]', viewReady('/following'))
      ledger.capture('/api/following/item_list/?count=8&cursor=0', 'item_list')
      // Explore: a known path answering a verification page (HTML), and a path TikTok adds
      // tomorrow, recognised by its itemList.
      await click('nav a[href="/explore"]', viewReady('/explore'))
      ledger.seenAt('/api/explore/item_list/', 'not JSON')
      ledger.capture('/api/discover/spotlight/item_list/v3/?count=6', 'item_list')
      await captured('following and explore')

      // Search: a POST (the keyword in its body; the URL keeps no parameter).
      await app.fill('#search input[name=q]', 'cats')
      await app.press('#search input[name=q]', 'Enter')
      await app.locator(viewReady('/search?q=cats')).waitFor()
      ledger.capture('/api/search/general/full/', 'search_general')
      await captured('the search')
      const post = exchanges.find((e) => e.method === 'POST')
      assert.ok(post !== undefined && new URL(post.url).pathname === '/api/search/general/full/')
      assert.deepEqual(JSON.parse(post.requestBody), { keyword: 'cats', offset: 0, search_id: '' })

      // One document all along: every page after the first came through pushState.
      assert.equal(await app.evaluate('window.__documentId'), documentId)
      const documents = exchanges.filter((e) => e.contentType.startsWith('text/html'))
      assert.equal(
        documents.filter((e) => new URL(e.url).pathname === `/@${SITE.landingCreator.uniqueId}`)
          .length,
        1,
      )
    })

    it('loads the feed page by page as it is scrolled', async () => {
      const feedRequests = () =>
        exchanges
          .map((e) => new URL(e.url))
          .filter((u) => u.pathname === '/api/recommend/item_list/' && u.searchParams.has('cursor'))
          .map((u) => u.searchParams.get('cursor'))
      await click('nav a[href="/foryou"]', `${viewReady('/foryou')}[data-pages="1"]`)
      ledger.capture('/api/recommend/item_list/?count=2&cursor=0&from_page=fyp', 'item_list')
      await captured('the first page of the feed')
      assert.deepEqual(feedRequests(), ['0'], 'nothing more before scrolling')

      await app.mouse.move(400, 300)
      for (const [pages, cursor] of [
        [2, SITE.feedPage],
        [3, 2 * SITE.feedPage],
      ] as const) {
        // Scroll with the wheel until the end of the list comes into view: the next page loads.
        await app.mouse.wheel(0, 2500)
        await app.locator(`#view[data-pages="${pages}"]`).waitFor()
        ledger.capture(
          `/api/recommend/item_list/?count=2&cursor=${cursor}&from_page=fyp`,
          'item_list',
        )
      }
      await app.mouse.wheel(0, 2500)
      await app.locator('#more', { hasText: 'You are all caught up' }).waitFor()
      assert.deepEqual(feedRequests(), ['0', '2', '4'], 'one request per page, in order')
      await captured('the scrolled feed')
    })

    it('was signed by the page, and the page got exactly what TikTok answered', async () => {
      // The site's own wrapper (installed after the hook) signed every request it made.
      const api = exchanges.filter((e) => new URL(e.url).pathname.startsWith('/api/'))
      assert.ok(api.length > 30)
      for (const e of api) {
        const params = new URL(e.url).searchParams
        for (const name of ['X-Bogus', 'msToken', '_signature', 'device_id']) {
          assert.ok(params.get(name)?.startsWith(SECRET), `${e.url} was not signed (${name})`)
        }
      }
      // The hook read copies: the page saw every answer unchanged.
      const received = (await app.evaluate('window.__received')) as Array<{
        url: string
        how: string
        text?: string
        json?: unknown
      }>
      assert.ok(received.length > 20)
      for (const r of received) {
        const served = exchanges.find((e) => e.url === r.url)
        assert.ok(served !== undefined, `the page got an answer TikTok did not send: ${r.url}`)
        if (r.how === 'xhr-json') assert.deepEqual(r.json, JSON.parse(served.body), r.url)
        else assert.equal(r.text, served.body, r.url)
      }
    })

    it('is woken from a stop by the next capture', async () => {
      await delivered('everything so far to be sent')
      const sentBefore = uploads.length
      const odd = SITE.landingCreator
      const cdp = await context.newCDPSession(app)
      const statuses: string[] = []
      cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
        for (const v of event.versions) {
          if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) {
            statuses.push(v.runningStatus)
          }
        }
      })
      await cdp.send('ServiceWorker.enable')
      await cdp.send('ServiceWorker.stopAllWorkers')
      await eventually('the service worker to stop', async () =>
        statuses.at(-1) === 'stopped' ? true : undefined,
      )
      const stoppedAt = statuses.length

      // The next captures: the relay's message starts the worker again.
      await click(`nav a[href="/@${odd.uniqueId}"]`, viewReady(`/@${odd.uniqueId}`))
      ledger.capture(`/api/user/detail/?uniqueId=${odd.uniqueId}&secUid=`, 'user_detail')
      ledger.capture(
        `/api/post/item_list/?secUid=${odd.secUid}&count=35&cursor=0&post_item_list_request_type=0`,
        'item_list',
        { duplicate: true },
      )
      ledger.seenAt('/api/user/playlist/', 'no content')
      await click('#stories-ring', '#stories[data-ready]')
      ledger.capture(`/api/story/item_list/?authorId=${odd.id}&count=20&cursor=0`, 'item_list')
      await eventually('the service worker to run again', async () =>
        statuses.slice(stoppedAt).includes('running') ? true : undefined,
      )
      await cdp.detach()
      serviceWorker = await liveServiceWorker()
      await delivered('the captures made after the stop to be sent')
      const sent = uploads.slice(sentBefore).flatMap((u) => u.envelope.captures.map((c) => c.url))
      assert.deepEqual(
        sent.sort(),
        ledger.captures
          .slice(-3)
          .map((c) => c.url)
          .sort(),
      )
      assert.equal((await toklytics.get(`/api/v1/creators/${odd.uniqueId}`)).status, 200)
    })

    it('keeps captures through a server outage and delivers them once it is back', async () => {
      const before = await delivered('everything so far to be sent')
      const sentBefore = uploads.length
      await toklytics.stop()
      await close(tap)
      const stoppedAt = Date.now()

      // The 2022 site: SIGI_STATE, a Request-object fetch and an XHR, all signed.
      const page = await context.newPage()
      await page.goto(`${TIKTOK}/discover`)
      const seen = await page.evaluate('window.__done')
      assert.deepEqual(seen, {
        recommend: readFixture('recommend_item_list.sample1.json'),
        search: readFixture('search_general_full.sample1.json'),
      })
      await page.close()
      ledger.capture('/discover', 'sigi_state')
      ledger.capture('/api/recommend/item_list/?count=30', 'item_list')
      ledger.capture('/api/search/general/full/?keyword=cats&offset=0', 'search_general')

      // The upload fails (connection refused): the three captures wait in the queue.
      const waiting = await eventually('a failed upload', async () => {
        const s = await extensionState(serviceWorker)
        return s.queue === 3 && s.upload.lastError !== null && s.upload.lastError.at >= stoppedAt
          ? s
          : undefined
      })
      assert.match(waiting.upload.lastError?.message ?? '', /Could not reach/)
      assert.equal(waiting.stats.captured, before.stats.captured + 3)
      assert.equal(uploads.length, sentBefore, 'nothing got through while the server was down')

      await toklytics.start()
      await listen(tap, tapPort)
      const after = await delivered('the queue to empty after the outage')
      assert.equal(after.upload.failures, 0)
      for (const path of [`/api/v1/videos/${SITE.sigiVideo}`, '/api/v1/creators/argenby']) {
        await eventually(path, async () =>
          (await toklytics.get(path)).status === 200 ? true : undefined,
        )
      }
    })

    it('uploaded every capture once, gzip-compressed, with the token, and nothing private', () => {
      // What the server received, decompressed: each expected capture exactly once.
      const sent = uploads.flatMap((u) => u.envelope.captures)
      assert.deepEqual(
        sent.map((c) => c.url).sort(),
        ledger.captures.map((c) => c.url).sort(),
        'every capture was uploaded, and none twice',
      )
      const ids = sent.map((c) => `${c.url} ${(c as { observed_at?: string }).observed_at}`)
      assert.equal(new Set(ids).size, ids.length, 'no capture was sent twice')
      for (const upload of uploads) {
        assert.equal(upload.status, mode === 'queue' ? 202 : 200, upload.text.slice(0, 200))
      }

      // Nothing private in any byte sent: no signing or session value, no viewer, no viewer or
      // session key in any spelling, no parameter outside the whitelist, no personal path.
      for (const upload of uploads) {
        assertNothingPrivate(upload)
      }
      // The answers did hold such keys and the viewer (the check above is not vacuous).
      const served = exchanges.map((e) => e.body).join('\n')
      for (const key of ['"digged"', '"collected"', '"relation"', '"follow_status"', VIEWER]) {
        assert.ok(served.includes(key), `the site never sent ${key}`)
      }
      // Page JSON: only content scopes.
      const pages = sent.filter((c) => !new URL(c.url).pathname.startsWith('/api/'))
      for (const page of pages) {
        const scopes = (page.body as { __DEFAULT_SCOPE__?: object }).__DEFAULT_SCOPE__
        if (scopes !== undefined) {
          assert.equal(Object.keys(scopes).length, 1, page.url)
          assert.match(Object.keys(scopes)[0] ?? '', /^webapp\.(user|video|challenge|music|reflow)/)
        }
      }
    })

    it('stored what it was sent: the captures, their kinds and their entities', async () => {
      if (mode === 'queue') {
        // The worker empties the server's queue, processing each capture once.
        await eventually('the worker to empty the queue', async () => {
          const waiting = await database.db
            .selectFrom('captures')
            .select('id')
            .where('status', '=', 'queued')
            .execute()
          return waiting.length === 0 ? true : undefined
        })
      }
      const rows = await database.db
        .selectFrom('captures')
        .select(['url', 'kind', 'status', 'drop_reason', 'process_count'])
        .execute()
      const dropped = new Map<string, string>()
      for (const upload of uploads) {
        for (const d of upload.reply?.data?.dropped ?? []) {
          dropped.set(upload.envelope.captures[d.index]?.url ?? '', d.reason)
        }
      }
      for (const expected of ledger.captures) {
        const stored = rows.filter((r) => r.url === expected.url && r.kind === expected.kind)
        // Every page kind parses, the mobile layout and hashtag and sound pages included.
        assert.ok(stored.length > 0, `${expected.url} (${expected.kind}) was not stored`)
        assert.ok(
          stored.every((r) => r.status === 'parsed' && r.drop_reason === null),
          expected.url,
        )
        assert.ok(!dropped.has(expected.url), `${expected.url} was dropped`)
      }
      // Nothing else was stored, and nothing twice (one row per distinct capture).
      const known = new Set(ledger.captures.map((c) => c.url))
      for (const row of rows) assert.ok(known.has(row.url), `unexpected capture ${row.url}`)
      if (mode === 'queue') {
        assert.ok(
          rows.every((r) => Number(r.process_count) === 1),
          'a capture was processed twice',
        )
      }

      // Entities: the creators of the profiles, the hashtag and the sound, and every video.
      for (const username of [SITE.creator.uniqueId, SITE.landingCreator.uniqueId]) {
        const res = await toklytics.get(`/api/v1/creators/${username}`)
        assert.equal(res.status, 200, username)
        assert.equal(res.body.data?.username, username)
      }
      const hashtag = await toklytics.get(`/api/v1/hashtags/${SITE.hashtag.name}`)
      assert.equal(hashtag.status, 200)
      const sound = await toklytics.get(`/api/v1/sounds/${SITE.sound.id}`)
      assert.equal(sound.status, 200)
      for (const id of [
        SITE.video.id,
        SITE.popularVideo.id,
        SITE.pageVideo.id,
        ...SITE.hashtagVideos,
        ...SITE.favouriteVideos,
        ...SITE.followingVideos,
        ...SITE.feedVideos,
        SITE.newPathVideo,
        ...SITE.searchVideos,
        SITE.sigiVideo,
      ]) {
        assert.equal((await toklytics.get(`/api/v1/videos/${id}`)).status, 200, `video ${id}`)
      }
    })

    it('shows what was captured, sent, queued and seen today in its popup', async () => {
      const state = await delivered('the queue to be empty')
      const duplicates = ledger.captures.filter((c) => c.duplicate).length
      const drops = uploads.flatMap((u) => u.reply?.data?.dropped ?? [])
      if (mode === 'queue') assert.equal(drops.length, 0, 'queue mode drops nothing it stores')

      const page = await context.newPage()
      await page.setViewportSize({ width: 380, height: 200 })
      await page.goto(`chrome-extension://${extensionId}/popup.html`)
      await page
        .locator('#captured', { hasText: new RegExp(`^${ledger.captures.length}$`) })
        .waitFor()
      assert.deepEqual(
        parseCounts((await page.textContent('#kinds')) ?? ''),
        tally(ledger.captures.map((c) => c.kind)),
      )
      assert.equal(
        await page.textContent('#accepted'),
        String(ledger.captures.length - duplicates - drops.length),
      )
      const dropText =
        drops.length > 0
          ? ` (${Object.entries(tally(drops.map((d) => d.reason)))
              .map(([r, n]) => `${r} ${n}`)
              .join(' · ')})`
          : ''
      assert.equal(
        await page.textContent('#sent-detail'),
        `· ${duplicates} already known · ${drops.length} dropped${dropText}`,
      )
      assert.equal(await page.textContent('#seen'), String(ledger.seenTotal))
      assert.deepEqual(parseCounts((await page.textContent('#seen-detail')) ?? ''), ledger.seen)
      assert.ok(
        !((await page.textContent('#seen-detail')) ?? '').includes('/api/user/settings/'),
        'a personal path was examined',
      )
      assert.equal(await page.textContent('#queue'), '0')
      assert.equal(await page.textContent('#state'), 'Collecting')
      assert.equal(await page.locator('#recent li').count(), 12)
      assert.equal(await page.locator('#recent li .state.waiting').count(), 0)
      assert.equal(state.stats.duplicates, duplicates)
      mkdirSync(join(SCREENSHOT, '..'), { recursive: true })
      // One screenshot (the README's): the synchronous run's.
      if (mode === 'sync') await page.screenshot({ path: SCREENSHOT, fullPage: true })
      await page.close()
    })
  })
}
