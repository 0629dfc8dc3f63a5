/** Unit tests of what the collector takes: URL matching and stripping, page JSON scopes, page messages. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  apiCaptureUrl,
  captureKind,
  checkPageCapture,
  checkSeenResponse,
  judgeBody,
  MAX_BODY_CHARS,
  pageCaptureUrl,
  worthReading,
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

  it('examines any other path on TikTok, never a personal one', () => {
    for (const path of [
      '/api/user/collect/item_list/?secUid=x',
      '/api/following/item_list/',
      '/api/user/playlist/?secUid=x',
      '/api/mix/detail/?mixId=7',
      '/api/some/feed/tiktok/adds/tomorrow/',
      '/api/comment/list/?aweme_id=1', // examined, then left out by its kind (judgeBody)
    ]) {
      assert.equal(
        apiCaptureUrl(`https://www.tiktok.com${path}`, PAGE),
        `https://www.tiktok.com${path}`,
        path,
      )
    }
    for (const path of [
      '/api/im/unread/',
      '/api/user/list/?secUid=x',
      '/api/inbox/notice_count/',
      '/api/user/settings/',
      '/passport/web/account/info/',
      '/api/commit/follow/user/',
    ]) {
      assert.equal(apiCaptureUrl(`https://www.tiktok.com${path}`, PAGE), null, path)
    }
  })

  it('keeps the parameters that say whose list it is', () => {
    assert.equal(
      apiCaptureUrl('/api/story/item_list/?authorId=6789&count=5&device_id=1&msToken=x', PAGE),
      'https://www.tiktok.com/api/story/item_list/?authorId=6789&count=5',
    )
    assert.equal(
      apiCaptureUrl('/api/mix/item_list/?mixId=7012&cursor=0&odinId=9', PAGE),
      'https://www.tiktok.com/api/mix/item_list/?mixId=7012&cursor=0',
    )
  })
})

describe('worthReading and judgeBody (which responses are kept)', () => {
  const url = (path: string) => `https://www.tiktok.com${path}`

  it('reads JSON answers, and known paths whatever they answer; never scripts or media', () => {
    assert.equal(worthReading(url('/api/new/feed/'), 'application/json; charset=utf-8'), true)
    assert.equal(worthReading(url('/api/user/detail/'), 'text/html'), true)
    assert.equal(worthReading(url('/api/user/detail/'), null), true)
    assert.equal(worthReading(url('/static/app.js'), 'application/javascript'), false)
    assert.equal(worthReading(url('/api/new/feed/'), 'image/webp'), false)
    assert.equal(worthReading(url('/api/new/feed/'), null), false)
  })

  it('collects a real list on a path no table names (favourites, following, a POST)', () => {
    const body = JSON.stringify(readFixture('post_item_list.sample1.json'))
    for (const path of ['/api/user/collect/item_list/?secUid=x', '/api/following/item_list/']) {
      assert.deepEqual(judgeBody(url(path), body), { collect: true, kind: 'item_list' }, path)
    }
    const profile = JSON.stringify(readFixture('user_detail.sample1.json'))
    assert.deepEqual(judgeBody(url('/api/v2/user/profile/'), profile), {
      collect: true,
      kind: 'user_detail',
    })
  })

  it('counts what is not content: other JSON, bodies that are not JSON, comments', () => {
    assert.deepEqual(judgeBody(url('/api/share/settings/'), '{"code":0,"data":{}}'), {
      collect: false,
      reason: 'unknown_shape',
    })
    assert.deepEqual(judgeBody(url('/api/user/detail/'), '<html>captcha</html>'), {
      collect: false,
      reason: 'not_json',
    })
    assert.deepEqual(judgeBody(url('/api/user/detail/'), ''), {
      collect: false,
      reason: 'not_json',
    })
    const comments = JSON.stringify(readFixture('comment_list.sample1.json'))
    assert.deepEqual(judgeBody(url('/api/comment/list/'), comments), {
      collect: false,
      reason: 'unknown_shape',
    })
  })

  it('takes a seen message only as a stripped TikTok URL and a known reason', () => {
    assert.deepEqual(
      checkSeenResponse({ url: url('/api/x/?msToken=s&count=2'), reason: 'unknown_shape' }),
      { url: url('/api/x/?count=2'), reason: 'unknown_shape' },
    )
    for (const odd of [
      { url: url('/api/x/'), reason: 'other' },
      { url: 'https://example.com/api/x/', reason: 'not_json' },
      { url: url('/api/im/x/'), reason: 'not_json' },
      { url: url('/api/x/'), reason: 'not_json', body: '{}' },
      null,
      'seen',
    ]) {
      const checked = checkSeenResponse(odd)
      if (odd !== null && typeof odd === 'object' && 'body' in odd) {
        // Extra fields are not carried over: only url and reason leave the check.
        assert.deepEqual(checked, { url: url('/api/x/'), reason: 'not_json' })
      } else assert.equal(checked, null, JSON.stringify(odd))
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
    const hot = { source: 'xhr', url: 'https://api.tiktokv.com/aweme/v1/hot/aweme/list/' } as const
    assert.equal(captureKind(hot, { aweme_list: [] }), 'aweme_list')
    // No content shape on a path of no known kind: not queued at all.
    assert.equal(captureKind(hot, {}), null)
    assert.equal(
      captureKind({ source: 'fetch', url: 'https://www.tiktok.com/api/comment/list/' }, {}),
      null,
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
