/** Unit tests of the privacy rules: capture URL whitelist, viewer-field scrub and its text check. */

import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { FIXTURES_DIR, objectAt, readFixture } from '../../test/fixtures.js'
import { mayContainViewerFields, sanitizeCaptureUrl, scrubViewerFields } from './privacy.js'

/** Freezes a JSON value and everything inside it, so any write to it throws. */
function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const node = stack.pop()
    if (node !== null && typeof node === 'object' && !Object.isFrozen(node)) {
      Object.freeze(node)
      stack.push(...Object.values(node))
    }
  }
  return value
}

/** A fixture's text exactly as stored (the check runs on text, before any parse). */
const fixtureText = (name: string): string => readFileSync(join(FIXTURES_DIR, name), 'utf8')

const FIXTURE_NAMES = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.json'))

/** The real fixtures without any viewer key (checked by reading them). */
const CLEAN_FIXTURES = [
  'legacy2020_challenge_info.sample1.json',
  'ssr_video_detail.itemStruct_projected.sample1.json',
]

describe('sanitizeCaptureUrl', () => {
  it('drops every session and signing parameter of a real request URL', () => {
    const raw =
      'https://www.tiktok.com/api/post/item_list/?WebIdLastTime=1760939000&aid=1988' +
      '&app_language=en&browser_name=Mozilla&cookie_enabled=true&count=35&cursor=0' +
      '&device_id=7300000000000000001&device_platform=web_pc&odinId=7300000000000000002' +
      '&region=FR&secUid=MS4wLjABAAAA&tz_name=Europe%2FParis&user_is_login=true' +
      '&verifyFp=verify_abc&webcast_language=en&webcast_sdk_version=1.0' +
      '&msToken=tok-123&X-Bogus=DFSzswVL&X-Gnarly=MxyzG&_signature=_02B4Z6wo'
    const url = sanitizeCaptureUrl(raw)
    assert.ok(url instanceof URL)
    assert.equal(
      url.href,
      'https://www.tiktok.com/api/post/item_list/?count=35&cursor=0&secUid=MS4wLjABAAAA',
    )
  })

  it('keeps every whitelisted parameter, in order', () => {
    const kept = [
      'secUid',
      'uniqueId',
      'challengeID',
      'challengeId',
      'challengeName',
      'musicID',
      'musicId',
      'itemID',
      'itemId',
      'aweme_id',
      'item_id',
      'ch_id',
      'music_id',
      'keyword',
      'cursor',
      'count',
      'offset',
      'search_id',
      'type',
      'post_item_list_request_type',
      'categoryType',
      'from_page',
    ]
    const query = kept.map((key, i) => `${key}=v${i}`).join('&')
    const url = sanitizeCaptureUrl(`https://www.tiktok.com/api/x/?msToken=t&${query}&X-Bogus=b`)
    assert.ok(url)
    assert.equal(url.search, `?${query}`)
  })

  it('keeps search keywords, re-encoded as a form query', () => {
    const url = sanitizeCaptureUrl(
      'https://www.tiktok.com/api/search/general/full/?keyword=caf%C3%A9%20paris&offset=20' +
        '&search_id=2025020512&msToken=x&web_search_code=%7B%7D',
    )
    assert.ok(url)
    assert.equal(
      url.href,
      'https://www.tiktok.com/api/search/general/full/?keyword=caf%C3%A9+paris&offset=20&search_id=2025020512',
    )
    assert.equal(url.searchParams.get('keyword'), 'café paris')
  })

  it('keeps a repeated whitelisted parameter', () => {
    const url = sanitizeCaptureUrl('https://www.tiktok.com/api/x/?itemId=1&msToken=a&itemId=2')
    assert.equal(url?.search, '?itemId=1&itemId=2')
  })

  it('matches parameter names exactly (case-sensitive)', () => {
    const url = sanitizeCaptureUrl('https://www.tiktok.com/api/x/?MSTOKEN=a&mstoken=b&SECUID=c')
    assert.equal(url?.href, 'https://www.tiktok.com/api/x/')
  })

  it('leaves no "?" when nothing is kept', () => {
    const url = sanitizeCaptureUrl('https://www.tiktok.com/@zg.520?lang=en&is_from_webapp=1')
    assert.equal(url?.href, 'https://www.tiktok.com/@zg.520')
  })

  it('drops the fragment and credentials', () => {
    const url = sanitizeCaptureUrl(
      'https://user:p%40ss@www.tiktok.com/api/user/detail/?uniqueId=zg.520&msToken=x#comments',
    )
    assert.equal(url?.href, 'https://www.tiktok.com/api/user/detail/?uniqueId=zg.520')
    assert.equal(url?.username, '')
    assert.equal(url?.password, '')
    assert.equal(url?.hash, '')
  })

  it('accepts http as well as https', () => {
    const url = sanitizeCaptureUrl('http://m.tiktok.com/api/item/detail/?itemId=7&verifyFp=v')
    assert.equal(url?.href, 'http://m.tiktok.com/api/item/detail/?itemId=7')
  })

  it('rejects other schemes', () => {
    for (const raw of [
      'ftp://www.tiktok.com/api/x/?secUid=1',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:application/json,{}',
      'chrome-extension://abcdef/popup.html',
      'ws://www.tiktok.com/socket',
    ]) {
      assert.equal(sanitizeCaptureUrl(raw), null, raw)
    }
  })

  it('rejects unparsable and relative URLs', () => {
    for (const raw of ['', 'not a url', '/api/user/detail/?uniqueId=x', 'https://', 'http://[::']) {
      assert.equal(sanitizeCaptureUrl(raw), null, raw)
    }
  })
})

describe('scrubViewerFields', () => {
  it('removes viewer keys at any depth, in objects inside arrays too', () => {
    const input = deepFreeze({
      itemList: [
        {
          id: '1',
          digged: false,
          collected: true,
          stats: { playCount: 5 },
          author: { uniqueId: 'zg.520', relation: 1, followStatus: 0 },
        },
        { id: '2', user_digged: 0, is_collected: 1 },
        'plain',
        7,
      ],
      userInfo: {
        user: { isFollowing: true, is_followed: false, follower_status: 1, follow_status: 0 },
      },
      nested: [[{ userDigged: true, keep: [{ followerStatus: 2, is_following: 1, x: null }] }]],
      session: { tt_chain_token: 'abc', cookie: 'a=b', msToken: 'm', user_collected: 0 },
    })
    assert.deepEqual(scrubViewerFields(input), {
      itemList: [
        { id: '1', stats: { playCount: 5 }, author: { uniqueId: 'zg.520' } },
        { id: '2' },
        'plain',
        7,
      ],
      userInfo: { user: {} },
      nested: [[{ keep: [{ x: null }] }]],
      session: {},
    })
  })

  it('removes the session scopes of page JSON', () => {
    const input = deepFreeze({
      __DEFAULT_SCOPE__: {
        'webapp.app-context': { language: 'fr', region: 'FR', wid: '7300', user: { uid: '1' } },
        'webapp.user-detail': { userInfo: { user: { id: '6890' } } },
      },
      AppContext: { appContext: { wid: '7300' } },
      LoginContextModule: { isLogin: true },
      UserModule: { users: { zg: { id: '6890' } } },
    })
    assert.deepEqual(scrubViewerFields(input), {
      __DEFAULT_SCOPE__: { 'webapp.user-detail': { userInfo: { user: { id: '6890' } } } },
      UserModule: { users: { zg: { id: '6890' } } },
    })
  })

  it('keeps viewer key names that appear as values, not keys', () => {
    const input = deepFreeze({ desc: 'digged', tags: ['relation', 'collected'] })
    assert.equal(scrubViewerFields(input), input)
  })

  it('returns the very same object when nothing was removed', () => {
    const input = deepFreeze({ a: [{ b: 1 }, [2, [3]]], c: { d: null, e: 'text' } })
    assert.equal(scrubViewerFields(input), input)
    const list = deepFreeze([{ a: 1 }, []])
    assert.equal(scrubViewerFields(list), list)
    for (const name of CLEAN_FIXTURES) {
      const fixture = deepFreeze(readFixture(name))
      assert.equal(scrubViewerFields(fixture), fixture, name)
    }
  })

  it('returns scalars unchanged', () => {
    assert.equal(scrubViewerFields(42), 42)
    assert.equal(scrubViewerFields('digged'), 'digged')
    assert.equal(scrubViewerFields(null), null)
    assert.equal(scrubViewerFields(false), false)
  })

  it('never modifies its input', () => {
    const input = {
      list: [{ id: '1', digged: true, author: { relation: 1, name: 'x' } }, { id: '2' }],
      meta: { followStatus: 1 },
    }
    const before = structuredClone(input)
    deepFreeze(input)
    const out = scrubViewerFields(input)
    assert.deepEqual(input, before)
    assert.notEqual(out, input)
  })

  it('scrubs a real user detail payload (relation of the viewer to the creator)', () => {
    const input = deepFreeze(readFixture('user_detail.sample1.json'))
    const expected = readFixture('user_detail.sample1.json')
    delete objectAt(expected, 'userInfo', 'user').relation
    assert.deepEqual(scrubViewerFields(input), expected)
  })

  it('scrubs a real app-format list (keys inside array elements)', () => {
    const input = deepFreeze(readFixture('aweme_challenge_aweme_list.sample1.json'))
    const expected = readFixture('aweme_challenge_aweme_list.sample1.json')
    delete objectAt(expected, 'aweme_list', 0).user_digged
    delete objectAt(expected, 'aweme_list', 0, 'author').follow_status
    delete objectAt(expected, 'aweme_list', 0, 'author').follower_status
    // Share links lose the sharer's u_code and _d, and keep everything else.
    const video = 'https://m.tiktok.com/v/6864614389329284357.html'
    const shared = `${video}?preview_pb=0&language=en&share_item_id=6864614389329284357&source=h5_m`
    objectAt(expected, 'aweme_list', 0).share_url = shared
    objectAt(expected, 'aweme_list', 0, 'share_info').share_url = shared
    objectAt(expected, 'aweme_list', 0, 'cha_list', 0, 'share_info').share_url =
      'https://m.tiktok.com/h5/share/tag/7967.html?name=diving&language=en&share_challenge_id=7967&source=h5_m'
    assert.deepEqual(scrubViewerFields(input), expected)
  })

  it('leaves nothing the text check would flag, for every fixture', () => {
    for (const name of FIXTURE_NAMES) {
      const text = JSON.stringify(scrubViewerFields(readFixture(name)))
      assert.equal(mayContainViewerFields(text), false, name)
    }
  })
})

describe('session values in bodies', () => {
  it('removes session and device keys in any spelling, never a bio called signature', () => {
    const input = deepFreeze({
      user: { signature: 'my bio', uniqueId: 'a' },
      request: {
        'X-Bogus': 'DFS',
        x_gnarly: 'M',
        _signature: '_02B',
        deviceId: '7300',
        device_id: '7300',
        DeviceID: '7300',
        odinId: '1',
        Cookie: 'sessionid=abc',
        cookies: [{ name: 'ttwid', value: 'x' }],
        verify_fp: 'v',
        ms_token: 'm',
      },
      viewer: { is_liked: true, isLiked: true, user_liked: 1, viewer_follows: true, keep: 1 },
    })
    assert.deepEqual(scrubViewerFields(input), {
      user: { signature: 'my bio', uniqueId: 'a' },
      request: {},
      viewer: { keep: 1 },
    })
  })

  it('cuts session parameters out of URLs and cookie strings inside bodies', () => {
    const input = deepFreeze({
      url: 'https://www.tiktok.com/api/post/item_list/?secUid=S&msToken=m1&X-Bogus=b&count=30&device_id=7',
      header: 'sessionid=abc; tt_csrf_token=t; lang=en; sid_tt=xyz',
      share: 'https://m.tiktok.com/v/1.html?u_code=ABC&language=en&_d=D',
      list: ['https://x.example/?a=1&odinId=9', 'plain text with = sign'],
      desc: 'install_id is a word here, and so is msToken',
    })
    assert.deepEqual(scrubViewerFields(input), {
      url: 'https://www.tiktok.com/api/post/item_list/?secUid=S&count=30',
      header: 'lang=en',
      share: 'https://m.tiktok.com/v/1.html?language=en',
      list: ['https://x.example/?a=1', 'plain text with = sign'],
      desc: 'install_id is a word here, and so is msToken',
    })
    const text = JSON.stringify(scrubViewerFields(input))
    for (const secret of ['m1', 'abc', 'xyz', 'ABC', 'odinId', 'sessionid']) {
      assert.ok(!text.includes(secret), secret)
    }
  })
})

describe('mayContainViewerFields', () => {
  it('flags session keys in any spelling and session parameters in strings, escaped or not', () => {
    for (const text of [
      '{"X-Bogus":"a"}',
      '{"x_bogus":"a"}',
      '{"deviceId":1}',
      '{"DEVICE_ID":1}',
      '{"is_liked":true}',
      '{"viewerFollows":true}',
      '{"share_url":"https://m.tiktok.com/v/1.html?u_code=1"}',
      '{"share_url":"https://m.tiktok.com/v/1.html?a=1\\u0026_d=2"}',
      '{"h":"lang=en; sessionid=1"}',
    ]) {
      assert.equal(mayContainViewerFields(text), true, text)
    }
    assert.equal(mayContainViewerFields('{"signature":"bio","desc":"msToken"}'), false)
  })

  it('flags viewer keys written as JSON keys', () => {
    assert.equal(mayContainViewerFields('{"id":"1","digged": false}'), true)
    assert.equal(mayContainViewerFields('{"relation":1}'), true)
    assert.equal(mayContainViewerFields('{"a":{"followStatus" :0}}'), true)
    assert.equal(mayContainViewerFields('{"user_digged":\n0}'), true)
    assert.equal(mayContainViewerFields('{"__DEFAULT_SCOPE__":{"webapp.app-context":{}}}'), true)
  })

  it('flags a key spelled with a \\u escape of a letter, "_", "-" or "."', () => {
    assert.equal(mayContainViewerFields('{"digge\\u0064":true}'), true)
    assert.equal(mayContainViewerFields('{"\\u0064igged":true}'), true)
    assert.equal(mayContainViewerFields('{"rel\\u0061tion":1}'), true)
    assert.equal(mayContainViewerFields('{"isFollo\\u0077ing":true}'), true)
    // Conservative: any escaped letter is flagged, even where the key is not a viewer key.
    assert.equal(mayContainViewerFields('{"n\\u0061me":"x"}'), true)
    assert.equal(mayContainViewerFields('{"follow\\u0053tatus":0}'), true)
    assert.equal(mayContainViewerFields('{"webapp\\u002eapp-context":{}}'), true)
    assert.equal(mayContainViewerFields('{"webapp.app\\u002Dcontext":{}}'), true)
  })

  it('flags a key whose underscore is written as \\u005f (JSON.parse reads user_digged)', () => {
    // Was missed: the escape class covered letters, "-" and "." but not "_".
    const text = '{"item":{"user\\u005fdigged":1,"id":"1"}}'
    assert.deepEqual(JSON.parse(text), { item: { user_digged: 1, id: '1' } })
    assert.equal(mayContainViewerFields(text), true)
    assert.equal(mayContainViewerFields('{"is\\u005Ffollowing":1}'), true)
  })

  it('flags the real fixtures that carry viewer keys', () => {
    for (const name of [
      'user_detail.sample1.json',
      'comment_list.sample1.json',
      'aweme_challenge_aweme_list.sample1.json',
    ]) {
      assert.equal(mayContainViewerFields(fixtureText(name)), true, name)
    }
  })

  it('passes the real fixtures that carry no viewer key', () => {
    for (const name of CLEAN_FIXTURES) {
      assert.equal(mayContainViewerFields(fixtureText(name)), false, name)
    }
  })

  it("passes TikTok's own \\u0026, \\u003c and \\u003e escapes", () => {
    const text =
      '{"playAddr":"https://v16-webapp-prime.tiktok.com/video/tos/?a=1988\\u0026bti=NEBz' +
      '\\u0026ch=0\\u0026cr=3","desc":"\\u003cb\\u003ehi\\u003c/b\\u003e","shareUrl":"x\\u002Fy"}'
    assert.equal(mayContainViewerFields(text), false)
  })

  it('passes viewer key names that are values, not keys', () => {
    assert.equal(mayContainViewerFields('{"desc":"digged it","tags":["relation"]}'), false)
    assert.equal(mayContainViewerFields('{"desc":"\\"relation\\": 1"}'), false)
    assert.equal(mayContainViewerFields('{"relationship":1,"undigged":0}'), false)
  })
})
