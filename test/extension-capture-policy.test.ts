/** Unit tests of what the collector takes: URL matching and stripping, page JSON scopes, page messages. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  apiCaptureUrl,
  captureKind,
  checkPageCapture,
  MAX_BODY_CHARS,
  pageCaptureUrl,
} from '../extension/src/capture-policy.js'
import { isNonce } from '../extension/src/page-channel.js'
import { pickPageData, pickSigiState, pickUniversalData } from '../extension/src/page-data.js'
import { classifyCapture } from '../src/ingest/parsers/registry.js'
import { readFixture } from './fixtures.js'

const PAGE = 'https://www.tiktok.com/@someone'

/** One real request path per kind the server's registry reads by path. */
const PATHS_BY_KIND: ReadonlyArray<readonly [string, string]> = [
  ['/api/post/item_list/', 'item_list'],
  ['/api/creator/item_list/', 'item_list'],
  ['/api/recommend/item_list/', 'item_list'],
  ['/api/explore/item_list', 'item_list'],
  ['/api/related/item_list/', 'item_list'],
  ['/api/challenge/item_list/', 'item_list'],
  ['/api/music/item_list/', 'item_list'],
  ['/api/favorite/item_list/', 'item_list'],
  ['/api/repost/item_list/', 'item_list'],
  ['/api/collection/item_list/', 'item_list'],
  ['/api/mix/item_list/', 'item_list'],
  ['/api/story/item_list/', 'item_list'],
  ['/api/preload/item_list/', 'item_list'],
  ['/api/user/detail/', 'user_detail'],
  ['/api/item/detail/', 'item_detail'],
  ['/api/challenge/detail/', 'challenge_detail'],
  ['/api/music/detail', 'music_detail'],
  ['/api/search/general/full/', 'search_general'],
  ['/api/search/item/full/', 'search_item'],
  ['/api/search/user/full/', 'search_user'],
  ['/aweme/v1/challenge/detail/', 'aweme_challenge_detail'],
  ['/aweme/v1/music/detail/', 'aweme_music_detail'],
  ['/aweme/v1/challenge/aweme/', 'aweme_list'],
]

describe('apiCaptureUrl (which requests the collector copies)', () => {
  it('takes every path the server parses, as the server classifies it', () => {
    for (const [path, kind] of PATHS_BY_KIND) {
      const url = apiCaptureUrl(`https://www.tiktok.com${path}?count=30`, PAGE)
      assert.equal(url, `https://www.tiktok.com${path}?count=30`, path)
      // The same table decides on the server (src/contract/capture-routes.ts).
      assert.equal(classifyCapture(new URL(url), {}), kind, path)
    }
  })

  it('skips what the server does not store, and everything else', () => {
    const skipped = [
      '/api/comment/list/?aweme_id=1', // recognised by the server, never stored
      '/api/comment/list/reply/?item_id=1',
      '/api/im/unread/',
      '/api/user/list/',
      '/api/post/item_list/extra',
      '/node/share/user/@x',
      '/@someone',
      '/static/app.js',
    ]
    for (const path of skipped) {
      assert.equal(apiCaptureUrl(`https://www.tiktok.com${path}`, PAGE), null, path)
    }
  })

  it('only TikTok hosts over HTTPS', () => {
    assert.equal(
      apiCaptureUrl('https://m.tiktok.com/api/user/detail/?uniqueId=a', PAGE),
      'https://m.tiktok.com/api/user/detail/?uniqueId=a',
    )
    assert.notEqual(
      apiCaptureUrl('https://api16-normal.tiktokv.com/aweme/v1/music/detail/', PAGE),
      null,
    )
    for (const url of [
      'http://www.tiktok.com/api/user/detail/',
      'https://eviltiktok.com/api/user/detail/',
      'https://www.tiktok.com.example.org/api/user/detail/',
      'https://example.com/api/user/detail/',
      'wss://www.tiktok.com/api/user/detail/',
      'not a url at all %%',
    ]) {
      assert.equal(apiCaptureUrl(url, 'about:blank'), null, url)
    }
  })

  it('resolves relative request URLs against the page', () => {
    assert.equal(
      apiCaptureUrl('/api/user/detail/?uniqueId=zg.520', PAGE),
      'https://www.tiktok.com/api/user/detail/?uniqueId=zg.520',
    )
    assert.equal(
      apiCaptureUrl('api/user/detail/', 'https://www.tiktok.com/'),
      'https://www.tiktok.com/api/user/detail/',
    )
  })

  it('strips every signing and session parameter of a real signed request', () => {
    const signed =
      '/api/post/item_list/?WebIdLastTime=1760939000&aid=1988&app_language=en&browser_name=Mozilla' +
      '&cookie_enabled=true&count=35&cursor=0&device_id=7300000000000000001&device_platform=web_pc' +
      '&odinId=7300000000000000002&region=FR&secUid=MS4wLjABAAAA&tz_name=Europe%2FParis' +
      '&user_is_login=true&verifyFp=verify_abc&webcast_language=en&msToken=tok-123' +
      '&X-Bogus=DFSzswVL&X-Gnarly=MxyzG&_signature=_02B4Z6wo#frag'
    assert.equal(
      apiCaptureUrl(signed, PAGE),
      'https://www.tiktok.com/api/post/item_list/?count=35&cursor=0&secUid=MS4wLjABAAAA',
    )
    assert.equal(
      apiCaptureUrl(
        'https://user:pw@www.tiktok.com/api/search/general/full/?keyword=a%20b&msToken=x',
        PAGE,
      ),
      'https://www.tiktok.com/api/search/general/full/?keyword=a+b',
    )
  })
})

describe('pageCaptureUrl (where page JSON came from)', () => {
  it('keeps the page path and drops its tracking parameters', () => {
    assert.equal(
      pageCaptureUrl('https://www.tiktok.com/@zg.520?lang=en&is_from_webapp=1&sender_device=pc'),
      'https://www.tiktok.com/@zg.520',
    )
    assert.equal(
      pageCaptureUrl('https://www.tiktok.com/@a/video/7513039993741397256?_r=1&_t=ZT-1'),
      'https://www.tiktok.com/@a/video/7513039993741397256',
    )
  })

  it('refuses API paths, other hosts and plain HTTP', () => {
    for (const href of [
      'https://www.tiktok.com/api/user/detail/',
      'https://www.tiktokv.com/@a',
      'https://example.com/@a',
      'http://www.tiktok.com/@a',
    ]) {
      assert.equal(pageCaptureUrl(href), null, href)
    }
  })
})

describe('checkPageCapture (what the relay accepts from the page)', () => {
  const good = {
    source: 'fetch' as const,
    url: 'https://www.tiktok.com/api/user/detail/?uniqueId=a&msToken=x',
    body: '{"userInfo":{}}',
    observedAt: 1_790_000_000_000,
  }

  it('accepts a well-formed capture and strips its URL again', () => {
    assert.deepEqual(checkPageCapture(good), {
      ...good,
      url: 'https://www.tiktok.com/api/user/detail/?uniqueId=a',
    })
    assert.deepEqual(
      checkPageCapture({ ...good, source: 'page', url: 'https://www.tiktok.com/@a?lang=en' }),
      { ...good, source: 'page', url: 'https://www.tiktok.com/@a' },
    )
  })

  it('drops extra fields the page may have added', () => {
    assert.deepEqual(
      Object.keys(checkPageCapture({ ...good, type: 'send-now', token: 'x' }) ?? {}).sort(),
      ['body', 'observedAt', 'source', 'url'],
    )
  })

  it('refuses forged or malformed messages', () => {
    const bad: unknown[] = [
      null,
      'text',
      [good],
      { ...good, source: 'other' },
      { ...good, url: 'https://example.com/api/user/detail/' },
      { ...good, url: 'https://www.tiktok.com/api/im/unread/' },
      { ...good, source: 'page', url: 'https://www.tiktok.com/api/user/detail/' },
      { ...good, source: 'xhr', url: 'https://www.tiktok.com/@a' },
      { ...good, body: '' },
      { ...good, body: { userInfo: {} } },
      { ...good, body: 'x'.repeat(MAX_BODY_CHARS + 1) },
      { ...good, observedAt: '2026-01-01' },
      { ...good, observedAt: Number.NaN },
      { ...good, url: `https://www.tiktok.com/api/user/detail/?uniqueId=${'a'.repeat(9000)}` },
    ]
    for (const message of bad)
      assert.equal(checkPageCapture(message), null, JSON.stringify(message)?.slice(0, 80))
  })

  it('names the kind for the popup', () => {
    assert.equal(captureKind(good, {}), 'user_detail')
    assert.equal(
      captureKind({ source: 'page', url: PAGE }, { __DEFAULT_SCOPE__: {} }),
      'universal_data',
    )
    assert.equal(captureKind({ source: 'page', url: PAGE }, { ItemModule: {} }), 'sigi_state')
    assert.equal(
      captureKind({ source: 'xhr', url: 'https://api.tiktokv.com/aweme/v1/hot/aweme/list/' }, {}),
      'aweme_list',
    )
  })

  it('knows the nonce shape of crypto.randomUUID()', () => {
    assert.ok(isNonce(crypto.randomUUID()))
    assert.ok(!isNonce('toklytics'))
    assert.ok(!isNonce(42))
  })
})

describe('page JSON: only the content scopes leave the page', () => {
  const userInfo = readFixture('ssr_user_detail.userInfo.sample1.json')

  it('keeps user-detail, video-detail and updated-items, never app-context', () => {
    const page = {
      __DEFAULT_SCOPE__: {
        'webapp.app-context': { user: { uniqueId: 'the_viewer' }, wid: '7300000000000000001' },
        'webapp.a-b': { parameters: {} },
        'webapp.i18n-translation': {},
        'webapp.user-detail': { userInfo, statusCode: 0 },
        'webapp.video-detail': { itemInfo: { itemStruct: {} }, statusCode: 0 },
        'webapp.updated-items': [],
      },
    }
    const picked = pickUniversalData(page)
    assert.deepEqual(picked, {
      __DEFAULT_SCOPE__: {
        'webapp.user-detail': { userInfo, statusCode: 0 },
        'webapp.video-detail': { itemInfo: { itemStruct: {} }, statusCode: 0 },
        'webapp.updated-items': [],
      },
    })
    assert.ok(!JSON.stringify(picked).includes('the_viewer'))
    // The server reads what is kept.
    assert.equal(classifyCapture(new URL(PAGE), picked), 'universal_data')
    assert.deepEqual(pickPageData(page), picked)
  })

  it('sends nothing for a shell page (only the viewer scope)', () => {
    assert.equal(pickUniversalData({ __DEFAULT_SCOPE__: { 'webapp.app-context': {} } }), null)
    assert.equal(pickUniversalData({ __DEFAULT_SCOPE__: [] }), null)
    assert.equal(pickUniversalData(null), null)
  })

  it('keeps the SIGI_STATE content and page modules, never AppContext or LoginContextModule', () => {
    const item = readFixture('sigi_state.ItemModule_item.sample1.json') as { id: string }
    const sigi = {
      AppContext: { appContext: { user: { uniqueId: 'the_viewer' } } },
      LoginContextModule: { user: 'the_viewer' },
      SEOState: {},
      ItemModule: { [item.id]: item },
      UserPage: { statusCode: 0 },
    }
    const picked = pickSigiState(sigi)
    assert.deepEqual(picked, { ItemModule: { [item.id]: item }, UserPage: { statusCode: 0 } })
    assert.equal(classifyCapture(new URL(PAGE), picked), 'sigi_state')
    assert.deepEqual(pickPageData(sigi), picked)
    assert.equal(pickSigiState({ AppContext: {}, UserPage: { statusCode: 10221 } }), null)
  })
})
