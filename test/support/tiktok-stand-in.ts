/**
 * A stand-in www.tiktok.com for the collector's end-to-end test: HTTPS (a throwaway certificate),
 * served to a real Chromium through a host mapping, so the extension's real match patterns apply.
 *
 * It behaves as the site does where the collector is concerned:
 * - the first page of a visit embeds its data (`__UNIVERSAL_DATA_FOR_REHYDRATION__`, with the
 *   viewer's own scopes beside the content's); after that it is a single-page app that changes
 *   pages with `history.pushState` and loads each page's data with fetch or XHR;
 * - its own "SDK" script, run after the collector's hook, wraps `fetch` and
 *   `XMLHttpRequest.prototype.open` and signs every request (`X-Bogus`, `msToken`, `_signature`,
 *   `device_id`), as TikTok's does;
 * - a feed loads page after page (`cursor=0`, `cursor=2`…) as it is scrolled;
 * - every kind of page: profile, video (desktop and the mobile "reflow" layout), hashtag, sound,
 *   playlist (mix), favourites, following, stories, search (a POST), a path TikTok might add
 *   tomorrow, and the app's own background calls (settings, messages, permissions).
 *
 * Every body is built from the real payloads in test/fixtures/tiktok/: where TikTok's answer has
 * a sample it is served as it is; where none exists yet (list answers of other feeds, the page
 * scopes of hashtag and sound pages, playlists), the body is made of real structs (an `itemList`
 * of real item structs in the real `/api/post/item_list/` envelope, the real 2020 `challengeInfo`,
 * a real item's `music` struct), and the comment at each says so.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer, type Server } from 'node:https'
import { join } from 'node:path'
import { readFixture } from '../fixtures.js'

/** Every value the site's requests carry that must never leave the browser contains this. */
export const SECRET = 'SECRET'
/** The person browsing: in the page's app-context scope and in their own settings answer. */
export const VIEWER = 'the_viewer_handle'

type Json = Record<string, unknown>
type Item = Json & { id: string; author: Json & { uniqueId: string }; music: Json }

const clone = <T>(value: T): T => structuredClone(value)

// --- The real payloads ------------------------------------------------------------------------

const POST_LIST = readFixture('post_item_list.sample1.json') as Json & { itemList: Item[] }
const POPULAR_LIST = readFixture('post_item_list.popular.sample2.json') as { itemList: Item[] }
const RECOMMEND = readFixture('recommend_item_list.sample1.json') as Json & { itemList: Item[] }
const SEARCH = readFixture('search_general_full.sample1.json') as Json & {
  data: Array<{ type: number; item?: Item }>
}
const USER_DETAIL = readFixture('user_detail.sample1.json') as Json & {
  userInfo: { user: Json; stats: Json; statsV2: Json }
}
const ODD_USER_INFO = readFixture('ssr_user_detail.userInfo.sample1.json') as Json & {
  user: Json & { id: string; uniqueId: string; secUid: string }
}
const CHALLENGE_INFO = readFixture('legacy2020_challenge_info.sample1.json') as Json & {
  challenge: { id: string; title: string }
}
const LEGACY_2021_ITEM = readFixture('legacy2021_item_struct.sample1.json') as Item
const PAGE_VIDEO = readFixture('ssr_video_detail.itemStruct_projected.sample1.json') as Item
const SIGI_ITEM = readFixture('sigi_state.ItemModule_item.sample1.json') as Item

const POST_ITEM = POST_LIST.itemList[0] as Item
const POPULAR_ITEM = POPULAR_LIST.itemList[0] as Item
const SEARCH_ITEMS = SEARCH.data.flatMap((e) => (e.type === 1 && e.item ? [e.item] : []))
const ZG = USER_DETAIL.userInfo.user as Json & { id: string; uniqueId: string; secUid: string }
const ODD = ODD_USER_INFO.user

/** The path TikTok gives a sound's page: its title as a slug, then its id. */
export function soundPath(music: { id: unknown; title: unknown }): string {
  const slug = String(music.title)
    .replace(/\s+-\s+/g, '-')
    .replace(/\s+/g, '-')
  return `/music/${encodeURIComponent(slug)}-${String(music.id)}`
}

/** A public playlist (mix) id, as TikTokApi's documentation shows one; no sample has a mix. */
const MIX_ID = '7426714779919797038'
const MIX_NAME = 'Trains'
/** Items per page of the For You feed: three pages of the six real recommended items. */
const FEED_PAGE = 2

/** What the site holds, for the test's expectations. */
export const SITE = {
  /** The creator whose profile, videos, playlist, favourites and stories are browsed in-app. */
  creator: { id: ZG.id, uniqueId: ZG.uniqueId, secUid: ZG.secUid },
  /** The creator whose profile page is landed on (embedded `webapp.user-detail`). */
  landingCreator: { id: ODD.id, uniqueId: ODD.uniqueId, secUid: ODD.secUid },
  /** The video page landed on (embedded `webapp.video-detail`, or the mobile reflow scope). */
  pageVideo: { id: PAGE_VIDEO.id, path: `/@${ODD.uniqueId}/video/${PAGE_VIDEO.id}` },
  /** The creator's video opened in-app (`/api/item/detail/`). */
  video: { id: POST_ITEM.id, path: `/@${ZG.uniqueId}/video/${POST_ITEM.id}` },
  popularVideo: { id: POPULAR_ITEM.id },
  hashtag: { id: CHALLENGE_INFO.challenge.id, name: CHALLENGE_INFO.challenge.title },
  hashtagVideos: [LEGACY_2021_ITEM.id, (RECOMMEND.itemList[4] as Item).id],
  sound: {
    id: String(POST_ITEM.music.id),
    title: String(POST_ITEM.music.title),
    path: soundPath(POST_ITEM.music as { id: unknown; title: unknown }),
  },
  mix: { id: MIX_ID, path: `/@${ZG.uniqueId}/playlist/${MIX_NAME}-${MIX_ID}` },
  favouriteVideos: SEARCH_ITEMS.slice(0, 2).map((i) => i.id),
  followingVideos: SEARCH_ITEMS.slice(2, 4).map((i) => i.id),
  feedVideos: RECOMMEND.itemList.map((i) => i.id),
  feedPage: FEED_PAGE,
  newPathVideo: (RECOMMEND.itemList[5] as Item).id,
  searchVideos: SEARCH_ITEMS.map((i) => i.id),
  sigiVideo: SIGI_ITEM.id,
} as const

/**
 * A list answer of a feed without a sample of its own: real item structs in the real envelope of
 * `/api/post/item_list/` (cursor, extra, hasMore, log_pb, statusCode…).
 */
function itemListOf(items: readonly Item[], cursor: number, hasMore: boolean): Json {
  return { ...clone(POST_LIST), itemList: clone(items), cursor: String(cursor), hasMore }
}

/** The page's embedded JSON: the viewer's scopes (never to be sent) beside the content's. */
function universalData(contentScopes: Json): Json {
  return {
    __DEFAULT_SCOPE__: {
      'webapp.app-context': {
        user: { uniqueId: VIEWER, nickName: VIEWER, secUid: `${SECRET}-viewer-secuid` },
        wid: `${SECRET}-wid`,
        csrfToken: `${SECRET}-csrf`,
      },
      'webapp.a-b': { parameters: { experiment: `${SECRET}-ab` } },
      ...contentScopes,
    },
  }
}

/** The content scopes of a page, by path (and, for a video, by layout), or none (a shell). */
function pageScopes(path: string, mobile: boolean): Json {
  if (path === `/@${ODD.uniqueId}`) {
    return { 'webapp.user-detail': { userInfo: clone(ODD_USER_INFO), statusCode: 0 } }
  }
  if (path === SITE.pageVideo.path) {
    // The mobile layout ("reflow") carries the same itemInfo under its own scope name.
    const scope = mobile ? 'webapp.reflow.video.detail' : 'webapp.video-detail'
    return { [scope]: { itemInfo: { itemStruct: clone(PAGE_VIDEO) }, statusCode: 0 } }
  }
  if (path === `/tag/${SITE.hashtag.name}`) {
    // No sample of this scope: the real 2020 web challengeInfo under its scope name.
    return { 'webapp.challenge-detail': { challengeInfo: clone(CHALLENGE_INFO), statusCode: 0 } }
  }
  if (path === SITE.sound.path) {
    // No sample of this scope: a real item's music struct as musicInfo.music.
    return {
      'webapp.music-detail': { musicInfo: { music: clone(POST_ITEM.music) }, statusCode: 0 },
    }
  }
  return {}
}

// --- The API ----------------------------------------------------------------------------------

interface Answer {
  status: number
  type: string
  body: string
}

const json = (value: unknown): Answer => ({
  status: 200,
  type: 'application/json; charset=utf-8',
  body: JSON.stringify(value),
})

/** TikTok's answer to an API request, or null (404). */
function apiAnswer(url: URL): Answer | null {
  const q = (name: string) => url.searchParams.get(name) ?? ''
  switch (url.pathname) {
    // The app's own calls on every first load: about the viewer, or about nothing.
    case '/api/user/settings/':
      // The viewer's own settings answer has the shape of anyone's profile: never examined.
      return json({
        ...clone(USER_DETAIL),
        userInfo: {
          ...clone(USER_DETAIL.userInfo),
          user: { ...clone(ZG), uniqueId: VIEWER, nickname: VIEWER, secUid: `${SECRET}-viewer` },
        },
      })
    case '/api/im/unread/':
      return json({ statusCode: 0, unread: { count: 3, from: VIEWER } })
    case '/api/ba/business/suite/permission/list/':
      // JSON with no content shape: examined, counted as seen, never sent.
      return json({ statusCode: 0, status_code: 0, data: { permissionList: [] } })

    case '/api/user/detail/':
      if (q('uniqueId') === ZG.uniqueId) return json(USER_DETAIL)
      if (q('uniqueId') === ODD.uniqueId) {
        // The real ssr userInfo of this creator in the real /api/user/detail/ envelope.
        const { itemList: _items, ...userInfo } = clone(ODD_USER_INFO)
        return json({ ...clone(USER_DETAIL), userInfo })
      }
      return json({ statusCode: 10221, userInfo: {} })
    case '/api/post/item_list/':
      if (q('secUid') === ZG.secUid) return json(POST_LIST)
      return json(itemListOf(q('secUid') === ODD.secUid ? [PAGE_VIDEO] : [], 0, false))
    case '/api/user/playlist/':
      // No sample: the shape TikTok answers (`playList`), which holds no content Toklytics stores.
      return json({
        playList: q('secUid') === ZG.secUid ? [{ id: MIX_ID, name: MIX_NAME, videoCount: 2 }] : [],
        cursor: '0',
        hasMore: false,
        statusCode: 0,
      })
    case '/api/user/collect/item_list/':
      return json(itemListOf(SEARCH_ITEMS.slice(0, 2), 2, false))
    case '/api/story/item_list/':
      return json(itemListOf(q('authorId') === ZG.id ? [POPULAR_ITEM] : [PAGE_VIDEO], 1, false))
    case '/api/mix/detail/':
      // No sample: the shape TikTok answers (`mixInfo`), which holds no content Toklytics stores.
      return json({ mixInfo: { id: MIX_ID, name: MIX_NAME, videoCount: 2 }, statusCode: 0 })
    case '/api/mix/item_list/':
      return json(itemListOf([POST_ITEM, POPULAR_ITEM], 2, false))
    case '/api/item/detail/':
      // No whole sample: the real item struct in the itemInfo wrapper of the video page.
      return json({ itemInfo: { itemStruct: POST_ITEM }, statusCode: 0, status_code: 0 })
    case '/api/comment/list/':
      return json(readFixture('comment_list.sample1.json'))
    case '/api/challenge/detail/':
      return json({ challengeInfo: CHALLENGE_INFO, statusCode: 0, status_code: 0 })
    case '/api/challenge/item_list/':
      return json(itemListOf([LEGACY_2021_ITEM, RECOMMEND.itemList[4] as Item], 2, false))
    case '/api/music/detail/':
      return json({ musicInfo: { music: POST_ITEM.music }, statusCode: 0, status_code: 0 })
    case '/api/music/item_list/':
      return json(itemListOf([POST_ITEM], 1, false))
    case '/api/following/item_list/':
      return json(itemListOf(SEARCH_ITEMS.slice(2, 4), 2, false))
    case '/api/recommend/item_list/': {
      // The legacy page asks for the whole answer; the feed for pages of FEED_PAGE items.
      if (!url.searchParams.has('cursor')) return json(RECOMMEND)
      const cursor = Number(q('cursor'))
      const next = cursor + FEED_PAGE
      return json(
        itemListOf(RECOMMEND.itemList.slice(cursor, next), next, next < RECOMMEND.itemList.length),
      )
    }
    case '/api/explore/item_list/':
      // A known path answering HTML (a verification page): examined, seen, never sent.
      return {
        status: 200,
        type: 'text/html; charset=utf-8',
        body: '<!doctype html><title>Security Check</title><div id="captcha-verify"></div>',
      }
    case '/api/discover/spotlight/item_list/v3/':
      // A path TikTok "adds tomorrow": nothing routes it, its itemList gives it away.
      return json(itemListOf([RECOMMEND.itemList[5] as Item], 1, false))
    case '/api/search/general/full/':
      return json(SEARCH)
    default:
      return null
  }
}

// --- The pages --------------------------------------------------------------------------------

/** JSON inside a `<script>`: `<` escaped as TikTok does, so no text can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c')

/** The single-page app's document: the same for every path, with that path's embedded data. */
function appShell(path: string, mobile: boolean): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>TikTok stand-in</title>
<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">${scriptJson(universalData(pageScopes(path, mobile)))}</script>
<script src="/static/sdk.js"></script>
<script src="/static/app.js" defer></script>
<style>body{margin:0;font:14px sans-serif} nav a{margin-right:8px} .card{height:900px;border-bottom:1px solid #ccc}</style>
</head><body>
<nav>
  <a data-spa href="/foryou">For You</a>
  <a data-spa href="/following">Following</a>
  <a data-spa href="/explore">Explore</a>
  <a data-spa href="/@${ZG.uniqueId}">@${ZG.uniqueId}</a>
  <a data-spa href="/@${ODD.uniqueId}">@${ODD.uniqueId}</a>
  <a data-spa href="/tag/${SITE.hashtag.name}">#${SITE.hashtag.name}</a>
  <form id="search"><input name="q" aria-label="search"><button type="submit">Search</button></form>
</nav>
<main id="view"></main>
</body></html>`
}

/** The 2022 site: `SIGI_STATE` (with the viewer's modules), a Request-object fetch and an XHR. */
function legacyPage(): string {
  const sigi = {
    AppContext: { appContext: { user: { uniqueId: VIEWER } } },
    LoginContextModule: { user: { uniqueId: VIEWER } },
    ItemModule: { [SIGI_ITEM.id]: SIGI_ITEM },
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>discover</title>
<script id="SIGI_STATE" type="application/json">${scriptJson(sigi)}</script>
<script src="/static/sdk.js"></script>
</head><body><script>
window.__done = Promise.all([
  fetch(new Request('/api/recommend/item_list/?count=30&aid=1988')).then((r) => r.json()),
  new Promise((resolve, reject) => {
    const r = new XMLHttpRequest()
    r.open('GET', '/api/search/general/full/?keyword=cats&offset=0&aid=1988')
    r.onload = () => resolve(JSON.parse(r.responseText))
    r.onerror = reject
    r.send()
  }),
]).then(([recommend, search]) => ({ recommend, search }))
</script></body></html>`
}

/**
 * The site's signing SDK, loaded by the page after the collector's hook: it wraps whatever
 * `fetch` and `XMLHttpRequest.prototype.open` are by then (the hook's) and appends the session
 * and signature parameters to every request of the site, new ones each time.
 */
const SDK = `(() => {
  const SECRET = ${JSON.stringify(SECRET)}
  let n = 0
  function sign(raw) {
    const url = new URL(raw, location.href)
    if (url.origin !== location.origin) return url.href
    n++
    url.searchParams.set('device_id', SECRET + '-device-7300000000000000001')
    url.searchParams.set('msToken', SECRET + '-msToken-' + n)
    url.searchParams.set('_signature', SECRET + '-signature-' + n)
    url.searchParams.set('X-Bogus', SECRET + '-XBogus-' + n)
    return url.href
  }
  const pageFetch = window.fetch
  window.fetch = function fetch(input, init) {
    if (input instanceof Request) {
      if (input.method === 'GET' || input.method === 'HEAD') {
        return pageFetch.call(this, new Request(sign(input.url), input), init)
      }
      // A body cannot follow a Request into a new one: read it, and sign a copy.
      return input.arrayBuffer().then((body) => pageFetch.call(this, new Request(sign(input.url), {
        method: input.method, headers: input.headers, body, credentials: input.credentials,
      }), init))
    }
    return pageFetch.call(this, sign(input instanceof URL ? input.href : String(input)), init)
  }
  const pageOpen = XMLHttpRequest.prototype.open
  XMLHttpRequest.prototype.open = function open(method, url, ...rest) {
    return pageOpen.call(this, method, sign(String(url)), ...rest)
  }
  window.__signedRequests = () => n
})()
`

/**
 * The app: routes by path; the first page reads its embedded data, every later one is reached
 * with pushState and loads its data with fetch or XHR (each response type the site uses). What
 * the page received is kept in `window.__received` (to compare with what was served); each view
 * marks itself ready (`#view[data-ready=path]`, sections `[data-ready]`) once its data is in.
 */
const APP = `(() => {
  const universal = JSON.parse(document.getElementById('__UNIVERSAL_DATA_FOR_REHYDRATION__').textContent)
  const embedded = universal.__DEFAULT_SCOPE__
  const view = document.getElementById('view')
  const received = (window.__received = [])
  window.__documentId = Math.random().toString(36).slice(2)
  let first = true

  const parse = (text) => { try { return JSON.parse(text) } catch { return null } }
  const keep = (url, how, text) => { received.push({ url, how, text }); return parse(text) }

  /** GET with fetch, a Request object, or XHR of a response type: the parsed JSON, or null. */
  function get(path, how) {
    if (how === 'fetch') return fetch(path).then((r) => r.text().then((t) => keep(r.url, how, t)))
    if (how === 'request') {
      return fetch(new Request(path)).then((r) => r.text().then((t) => keep(r.url, how, t)))
    }
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest()
      xhr.open('GET', path)
      xhr.responseType = { 'xhr-json': 'json', 'xhr-blob': 'blob', 'xhr-buffer': 'arraybuffer' }[how] ?? ''
      xhr.onload = async () => {
        const r = xhr.response
        if (xhr.responseType === 'json') {
          received.push({ url: xhr.responseURL, how, json: r })
          resolve(r)
        } else if (xhr.responseType === 'blob') resolve(keep(xhr.responseURL, how, await r.text()))
        else if (xhr.responseType === 'arraybuffer') {
          resolve(keep(xhr.responseURL, how, new TextDecoder().decode(r)))
        } else resolve(keep(xhr.responseURL, how, xhr.responseText))
      }
      xhr.onerror = () => reject(new Error('XHR failed: ' + path))
      xhr.send()
    })
  }

  function post(path, body) {
    const request = new Request(path, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    })
    return fetch(request).then((r) => r.text().then((t) => keep(r.url, 'post', t)))
  }

  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => '&#' + c.charCodeAt(0) + ';')
  /** As soundPath() in tiktok-stand-in.ts: the title as a slug, then the id. */
  const soundPath = (music) =>
    '/music/' + encodeURIComponent(String(music.title).replace(/\\s+-\\s+/g, '-').replace(/\\s+/g, '-')) + '-' + music.id
  const videoLinks = (items) => (items ?? []).map((i) =>
    '<a data-spa class="video" href="/@' + esc(i.author?.uniqueId ?? i.author) + '/video/' + i.id + '">' + esc(i.desc).slice(0, 40) + '</a>').join(' ')

  function section(id, loader) {
    return async () => {
      const el = document.getElementById(id)
      el.removeAttribute('data-ready')
      const data = await loader()
      el.innerHTML = videoLinks(data?.itemList)
      el.setAttribute('data-ready', '')
    }
  }

  async function profile([, name]) {
    const scope = first ? embedded['webapp.user-detail'] : undefined
    const info = scope ? scope.userInfo : (await get('/api/user/detail/?uniqueId=' + name + '&secUid=&language=en', 'xhr-json')).userInfo
    const user = info.user
    view.innerHTML = '<h1>@' + esc(user.uniqueId) + '</h1>' +
      '<button id="favorites-tab">Favorites</button> <button id="stories-ring">Stories</button>' +
      '<div id="posts"></div><div id="playlists"></div><div id="favorites"></div><div id="stories"></div>'
    const [posts, playlists] = await Promise.all([
      get('/api/post/item_list/?secUid=' + user.secUid + '&count=35&cursor=0&post_item_list_request_type=0', 'fetch'),
      get('/api/user/playlist/?secUid=' + user.secUid + '&count=20&cursor=0', 'fetch'),
    ])
    document.getElementById('posts').innerHTML = videoLinks(posts.itemList)
    document.getElementById('playlists').innerHTML = (playlists.playList ?? []).map((p) =>
      '<a data-spa class="playlist" href="/@' + esc(user.uniqueId) + '/playlist/' + encodeURIComponent(p.name) + '-' + p.id + '">' + esc(p.name) + '</a>').join(' ')
    document.getElementById('favorites-tab').onclick = section('favorites', () =>
      get('/api/user/collect/item_list/?secUid=' + user.secUid + '&count=30&cursor=0', 'xhr-text'))
    document.getElementById('stories-ring').onclick = section('stories', () =>
      get('/api/story/item_list/?authorId=' + user.id + '&count=20&cursor=0&storyFeedScene=2', 'fetch'))
  }

  async function video([, , id]) {
    const scope = first ? (embedded['webapp.video-detail'] ?? embedded['webapp.reflow.video.detail']) : undefined
    const item = scope ? scope.itemInfo.itemStruct : (await get('/api/item/detail/?itemId=' + id, 'fetch')).itemInfo.itemStruct
    const music = item.music?.id ? '<a data-spa class="sound" href="' + soundPath(item.music) + '">' + esc(item.music.title) + '</a>' : ''
    const tags = (item.challenges ?? []).map((c) => '<a data-spa class="tag" href="/tag/' + encodeURIComponent(c.title) + '">#' + esc(c.title) + '</a>').join(' ')
    view.innerHTML = '<h1>' + esc(item.desc).slice(0, 80) + '</h1>' + music + ' ' + tags + '<div id="comments"></div>'
    const comments = await get('/api/comment/list/?aweme_id=' + id + '&count=20&cursor=0', 'xhr-text')
    document.getElementById('comments').textContent = (comments?.comments ?? []).length + ' comments'
  }

  async function hashtag([, name]) {
    const scope = first ? embedded['webapp.challenge-detail'] : undefined
    const info = scope ? scope.challengeInfo : (await get('/api/challenge/detail/?challengeName=' + name, 'fetch')).challengeInfo
    view.innerHTML = '<h1>#' + esc(info.challenge.title) + '</h1><div id="list"></div>'
    const list = await get('/api/challenge/item_list/?challengeID=' + info.challenge.id + '&count=30&cursor=0', 'request')
    document.getElementById('list').innerHTML = videoLinks(list.itemList)
  }

  async function sound([, id]) {
    const scope = first ? embedded['webapp.music-detail'] : undefined
    const info = scope ? scope.musicInfo : (await get('/api/music/detail/?musicId=' + id + '&language=en', 'xhr-json')).musicInfo
    view.innerHTML = '<h1>' + esc(info.music.title) + '</h1><div id="list"></div>'
    const list = await get('/api/music/item_list/?musicID=' + id + '&count=30&cursor=0', 'fetch')
    document.getElementById('list').innerHTML = videoLinks(list.itemList)
  }

  async function playlist([, , mixId]) {
    const [detail, list] = await Promise.all([
      get('/api/mix/detail/?mixId=' + mixId, 'fetch'),
      get('/api/mix/item_list/?mixId=' + mixId + '&count=30&cursor=0', 'xhr-buffer'),
    ])
    view.innerHTML = '<h1>' + esc(detail.mixInfo.name) + '</h1>' + videoLinks(list.itemList)
  }

  async function following() {
    const list = await get('/api/following/item_list/?count=8&cursor=0', 'xhr-blob')
    view.innerHTML = '<h1>Following</h1>' + videoLinks(list.itemList)
  }

  async function explore() {
    const [categories, spotlight] = await Promise.all([
      get('/api/explore/item_list/?categoryType=120&count=16', 'fetch'),
      get('/api/discover/spotlight/item_list/v3/?count=6&region=US', 'xhr-text'),
    ])
    view.innerHTML = '<h1>Explore</h1>' + (categories === null ? '<p>Verify to continue</p>' : '') + videoLinks(spotlight.itemList)
  }

  async function search() {
    const keyword = new URLSearchParams(location.search).get('q') ?? ''
    const answer = await post('/api/search/general/full/', { keyword, offset: 0, search_id: '' })
    view.innerHTML = '<h1>' + esc(keyword) + '</h1>' + videoLinks(answer.data.filter((e) => e.type === 1).map((e) => e.item))
  }

  /** For You: a page of items at a time, the next one when the end of the list comes into view. */
  async function foryou() {
    view.innerHTML = '<h1>For You</h1><div id="feed"></div><div id="more">Loading…</div>'
    const feed = document.getElementById('feed')
    const more = document.getElementById('more')
    let cursor = 0
    let hasMore = true
    let loading = false
    let pages = 0
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void next()
    })
    async function next() {
      if (loading || !hasMore) return
      loading = true
      const page = await get('/api/recommend/item_list/?count=${FEED_PAGE}&cursor=' + cursor + '&from_page=fyp', 'fetch')
      for (const item of page.itemList) {
        const card = document.createElement('article')
        card.className = 'card'
        card.textContent = item.desc
        feed.append(card)
      }
      cursor = Number(page.cursor)
      hasMore = page.hasMore
      view.dataset.pages = String(++pages)
      if (!hasMore) {
        observer.disconnect()
        more.textContent = 'You are all caught up'
      }
      loading = false
    }
    await next()
    observer.observe(more)
  }

  const ROUTES = [
    [/^\\/@([^/]+)$/, profile],
    [/^\\/@([^/]+)\\/video\\/(\\d+)$/, video],
    [/^\\/@([^/]+)\\/playlist\\/[^/]*-(\\d+)$/, playlist],
    [/^\\/tag\\/([^/]+)$/, hashtag],
    [/^\\/music\\/[^/]*-(\\d+)$/, sound],
    [/^\\/following$/, following],
    [/^\\/explore$/, explore],
    [/^\\/search$/, search],
    [/^\\/(foryou)?$/, foryou],
  ]

  async function route() {
    view.removeAttribute('data-ready')
    delete view.dataset.pages
    const path = location.pathname
    for (const [pattern, render] of ROUTES) {
      const match = path.match(pattern)
      if (match) {
        await render(match)
        break
      }
    }
    first = false
    view.dataset.ready = location.pathname + location.search
  }

  function go(href) {
    history.pushState({}, '', href)
    void route()
  }

  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-spa]')
    if (!link) return
    event.preventDefault()
    go(link.getAttribute('href'))
  })
  document.getElementById('search').addEventListener('submit', (event) => {
    event.preventDefault()
    go('/search?q=' + encodeURIComponent(new FormData(event.target).get('q')))
  })
  window.addEventListener('popstate', () => void route())

  // What the site asks on every first load, beside the page's own data.
  const chrome = Promise.all([
    get('/api/user/settings/?aid=1988', 'fetch'),
    get('/api/im/unread/?aid=1988', 'xhr-text'),
    get('/api/ba/business/suite/permission/list/?aid=1988', 'fetch'),
  ])
  void chrome.then(() => route()).catch((error) => { view.dataset.error = String(error) })
})()
`

// --- The server -------------------------------------------------------------------------------

/** One request the stand-in answered, and its answer. */
export interface Exchange {
  method: string
  /** The full URL as the browser sent it (signing parameters included). */
  url: string
  userAgent: string
  requestBody: string
  status: number
  contentType: string
  body: string
}

const MOBILE_UA = /\b(?:Mobile|Android|iPhone)\b/

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** The stand-in www.tiktok.com (`listen` on 127.0.0.1; the browser maps the name to it). */
export function tiktokStandIn(tlsDir: string, exchanges: Exchange[]): Server {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'https://www.tiktok.com')
    const requestBody = await readBody(req)
    const userAgent = req.headers['user-agent'] ?? ''
    let answer: Answer | null
    if (url.pathname.startsWith('/api/')) answer = apiAnswer(url)
    else if (url.pathname === '/static/sdk.js' || url.pathname === '/static/app.js') {
      answer = {
        status: 200,
        type: 'text/javascript; charset=utf-8',
        body: url.pathname === '/static/sdk.js' ? SDK : APP,
      }
    } else if (url.pathname === '/favicon.ico') answer = null
    else {
      const html =
        url.pathname === '/discover'
          ? legacyPage()
          : appShell(url.pathname, MOBILE_UA.test(userAgent))
      answer = { status: 200, type: 'text/html; charset=utf-8', body: html }
    }
    answer ??= { status: 404, type: 'text/plain', body: 'not found' }
    exchanges.push({
      method: req.method ?? 'GET',
      url: url.href,
      userAgent,
      requestBody,
      status: answer.status,
      contentType: answer.type,
      body: answer.body,
    })
    res.writeHead(answer.status, { 'content-type': answer.type, 'cache-control': 'no-store' })
    res.end(answer.body)
  }
  return createServer(
    { key: readFileSync(join(tlsDir, 'key.pem')), cert: readFileSync(join(tlsDir, 'cert.pem')) },
    (req, res) => {
      handle(req, res).catch(() => res.writeHead(500).end())
    },
  )
}

/** A throwaway self-signed certificate for www.tiktok.com (the browser ignores its errors). */
export function makeCertificate(into: string): void {
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
