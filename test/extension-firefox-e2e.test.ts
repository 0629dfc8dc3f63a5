/**
 * The collector's Firefox build end to end in Debian's firefox-esr: installed as a temporary
 * add-on from `npm run build:extension`'s Firefox folder (background.scripts, gecko id), set up
 * from its own options page, then used on the stand-in www.tiktok.com (test/support/
 * tiktok-stand-in.ts, reached through a CONNECT tunnel) on every page kind: profile, video, hashtag
 * and sound pages landed on (embedded JSON), then in-app (pushState, then fetch or XHR) the
 * profile, favourites, stories, a playlist, a video, its sound and hashtag, following, explore, a
 * POST search and the feed, and the 2022 SIGI_STATE page with a Request object and an XHR. What
 * reached the server is checked on the bytes (a wire tap decompresses every upload) and in the
 * API. The Chromium test (extension-e2e.test.ts) adds what needs Chromium's DevTools protocol: the
 * mobile layout, a stopped service worker, a server outage and queue mode.
 */
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { buildExtension, FIREFOX_ADDON_ID } from '../extension/build.js'
import type { Database } from '../src/db/open.js'
import { testDatabases } from './support/databases.js'
import {
  assertNothingPrivate,
  browserTestTools,
  close,
  eventually,
  freePort,
  listen,
  TIKTOK,
  TOKEN,
  ToklyticsServer,
  type Upload,
  wireTap,
} from './support/extension-harness.js'
import { FIREFOX, Firefox, tiktokTunnel } from './support/firefox.js'
import { type Exchange, makeCertificate, SITE, tiktokStandIn } from './support/tiktok-stand-in.js'

/** Firefox gives each installation a random origin; the profile pins it so pages can be opened. */
const UUID = '7d0c2f4e-1b3a-4c5d-8e6f-90a1b2c3d4e5'
const EXTENSION_PAGE = `moz-extension://${UUID}`

const { missing, skip } = browserTestTools(
  FIREFOX,
  'firefox-esr',
  'Firefox extension end-to-end test',
)

// The browser is what is under test here; SQLite is enough behind it (the Chromium test runs
// both databases and queue mode).
const target = testDatabases()[0]

describe('the collector extension in Firefox', { skip: skip ?? false }, () => {
  const uploads: Upload[] = []
  const exchanges: Exchange[] = []
  let dir: string
  let database: Database | undefined
  let toklytics: ToklyticsServer | undefined
  let tap: Server | undefined
  let tapPort: number
  let tiktok: Server | undefined
  let tunnel: Server | undefined
  let firefox: Firefox | undefined

  /** Waits for the stand-in app's view of `path` to be ready in the current tab. */
  const viewReady = (path: string) =>
    eventually(`the view of ${path}`, async () =>
      (await firefox?.find(`#view[data-ready="${path}"]`)) ? true : undefined,
    )

  const apiStatus = async (path: string) => (await toklytics?.get(path))?.status

  before(async () => {
    assert.equal(missing, null, 'CI must provide firefox-esr and openssl (.ci/run installs them)')
    assert.ok(target !== undefined)
    dir = mkdtempSync(join(tmpdir(), 'toklytics-firefox-'))
    database = await target.open()
    const built = await buildExtension(join(dir, 'build'))
    makeCertificate(dir)
    tiktok = tiktokStandIn(dir, exchanges)
    const tiktokPort = await freePort()
    await listen(tiktok, tiktokPort)
    tunnel = tiktokTunnel(tiktokPort)
    const tunnelPort = await freePort()
    await listen(tunnel, tunnelPort)
    toklytics = new ToklyticsServer(await freePort(), target.url(), 'sync')
    await toklytics.start()
    tapPort = await freePort()
    tap = wireTap(toklytics.port, uploads)
    await listen(tap, tapPort)

    const profile = join(dir, 'profile')
    mkdirSync(profile)
    firefox = await Firefox.launch({
      profile,
      prefs: {
        'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: UUID }),
        // HTTPS to www.tiktok.com goes through the tunnel; 127.0.0.1 (the server) stays direct.
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': tunnelPort,
      },
    })
    assert.equal(await firefox.installAddon(built.firefox.dir), FIREFOX_ADDON_ID)
  })

  after(async () => {
    await firefox?.close()
    await toklytics?.stop()
    for (const server of [tap, tunnel, tiktok]) if (server) await close(server)
    await database?.close()
    await target?.cleanup()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('is set up from its options page', async () => {
    assert.ok(firefox)
    await firefox.navigate(`${EXTENSION_PAGE}/options.html`)
    await firefox.type('#server-url', `http://127.0.0.1:${tapPort}`)
    await firefox.type('#token', TOKEN)
    await firefox.click('button[type=submit]')
    await eventually('the settings to be saved', async () =>
      (await firefox?.text('#status'))?.startsWith('Saved') ? true : undefined,
    )
    await firefox.click('#check')
    const status = await eventually('the connection check', async () => {
      const text = await firefox?.text('#status')
      return text !== undefined && /Connected|answered|reach/.test(text) ? text : undefined
    })
    assert.equal(status, 'Connected: the server accepts this token.')
  })

  it('captures a profile landed on (embedded JSON) and the list the page fetches', async () => {
    assert.ok(firefox)
    const odd = SITE.landingCreator
    await firefox.newTab()
    await firefox.navigate(`${TIKTOK}/@${odd.uniqueId}`)
    await viewReady(`/@${odd.uniqueId}`)
    await eventually('the profile in the API', async () =>
      (await apiStatus(`/api/v1/creators/${odd.uniqueId}`)) === 200 ? true : undefined,
    )
    await eventually('its videos in the API', async () => {
      const videos = await toklytics?.get(`/api/v1/creators/${odd.uniqueId}/videos`)
      const list = (videos?.body as { data?: unknown[] } | undefined)?.data
      return Array.isArray(list) && list.length > 0 ? true : undefined
    })
  })

  it('follows in-app navigation: pushState, then fetch', async () => {
    assert.ok(firefox)
    const zg = SITE.creator
    await firefox.click(`nav a[href="/@${zg.uniqueId}"]`)
    await viewReady(`/@${zg.uniqueId}`)
    assert.equal(await firefox.evaluate('return location.pathname'), `/@${zg.uniqueId}`)
    await eventually('the creator opened in-app', async () =>
      (await apiStatus(`/api/v1/creators/${zg.uniqueId}`)) === 200 ? true : undefined,
    )
  })

  it('goes through every kind of list in-app: favourites, stories, playlist, video, sound, hashtag, following, explore, search', async () => {
    assert.ok(firefox)
    const ff = firefox
    const go = async (selector: string, path: string) => {
      await ff.click(selector)
      await viewReady(path)
    }
    await ff.click('#favorites-tab')
    await eventually('favourites', async () =>
      (await ff.find('#favorites[data-ready]')) ? true : undefined,
    )
    await ff.click('#stories-ring')
    await eventually('stories', async () =>
      (await ff.find('#stories[data-ready]')) ? true : undefined,
    )
    await go('a.playlist', SITE.mix.path)
    await go(`a.video[href="${SITE.video.path}"]`, SITE.video.path)
    await go('a.sound', SITE.sound.path)
    await go(`nav a[href="/tag/${SITE.hashtag.name}"]`, `/tag/${SITE.hashtag.name}`)
    await go('nav a[href="/following"]', '/following')
    await go('nav a[href="/explore"]', '/explore')
    // Search is a POST with the keyword in its body; Enter is WebDriver's key U+E007.
    await ff.type('#search input[name=q]', 'cats\uE007')
    await viewReady('/search?q=cats')
    await go('nav a[href="/foryou"]', '/foryou')
  })

  it('captures pages landed on: a video, a hashtag and a sound (embedded JSON)', async () => {
    assert.ok(firefox)
    for (const path of [SITE.pageVideo.path, `/tag/${SITE.hashtag.name}`, SITE.sound.path]) {
      await firefox.navigate(`${TIKTOK}${path}`)
      await viewReady(path)
    }
  })

  it('captures the 2022 site: SIGI_STATE, a Request object and an XHR, all signed', async () => {
    assert.ok(firefox)
    await firefox.navigate(`${TIKTOK}/discover`)
    await eventually('the page to finish its calls', async () =>
      (await firefox?.evaluate('return window.__done !== undefined')) === true ? true : undefined,
    )
    for (const path of [`/api/v1/videos/${SITE.sigiVideo}`, '/api/v1/creators/argenby']) {
      await eventually(path, async () => ((await apiStatus(path)) === 200 ? true : undefined))
    }
    // The page got exactly what the site answered (the hook only reads).
    const searched = exchanges.find((e) => e.url.includes('/api/search/general/full/'))
    assert.ok(searched, 'the page called the search endpoint')
  })

  it('delivered every kind of page and list, and the server stored what they hold', async () => {
    // Each kind of answer, by the path it came from, reached the server.
    const paths = () =>
      new Set(uploads.flatMap((u) => u.envelope.captures.map((c) => new URL(c.url).pathname)))
    const expected = [
      `/@${SITE.landingCreator.uniqueId}`,
      SITE.pageVideo.path,
      `/tag/${SITE.hashtag.name}`,
      SITE.sound.path,
      '/api/user/detail/',
      '/api/post/item_list/',
      '/api/user/collect/item_list/',
      '/api/story/item_list/',
      '/api/mix/item_list/',
      '/api/item/detail/',
      '/api/music/detail/',
      '/api/music/item_list/',
      '/api/challenge/detail/',
      '/api/challenge/item_list/',
      '/api/following/item_list/',
      '/api/discover/spotlight/item_list/v3/',
      '/api/search/general/full/',
      '/api/recommend/item_list/',
      '/discover',
    ]
    await eventually('every kind of capture to be uploaded', async () => {
      const sent = paths()
      return expected.every((p) => sent.has(p)) ? true : undefined
    })
    assert.equal(await apiStatus(`/api/v1/hashtags/${SITE.hashtag.name}`), 200)
    assert.equal(await apiStatus(`/api/v1/sounds/${SITE.sound.id}`), 200)
    for (const id of [
      SITE.video.id,
      SITE.pageVideo.id,
      ...SITE.hashtagVideos,
      ...SITE.favouriteVideos,
      ...SITE.followingVideos,
      SITE.newPathVideo,
      ...SITE.searchVideos,
      SITE.sigiVideo,
    ]) {
      await eventually(`video ${id}`, async () =>
        (await apiStatus(`/api/v1/videos/${id}`)) === 200 ? true : undefined,
      )
    }
  })

  it('counts what it did in its popup', async () => {
    assert.ok(firefox)
    await firefox.navigate(`${EXTENSION_PAGE}/popup.html`)
    // The popup reads its figures once when opened: reopen it until the last upload is counted.
    await eventually('the popup to count every uploaded capture', async () => {
      await firefox?.navigate(`${EXTENSION_PAGE}/popup.html`)
      const captured = Number(await firefox?.text('#captured'))
      const sent = uploads.flatMap((u) => u.envelope.captures).length
      return captured > 0 && captured === sent ? true : undefined
    })
    assert.equal(await firefox.text('#queue'), '0')
    assert.equal(await firefox.text('#last-error'), 'none')
  })

  it('uploaded gzip-compressed, with the token, and nothing private', () => {
    assert.ok(uploads.length > 0)
    const batches = uploads.filter((u) => u.envelope.captures.length > 0)
    assert.ok(batches.length > 0)
    for (const upload of uploads) {
      assert.equal(upload.status, 200, upload.text.slice(0, 200))
      assertNothingPrivate(upload)
    }
    const origins = new Set(uploads.map((u) => u.headers.origin))
    assert.deepEqual([...origins], [EXTENSION_PAGE], 'uploads come from the extension origin')
  })
})
