/** Tests of capture classification and dispatch (every kind reaches its parser). */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { okData, readFixture } from '../../../test/fixtures.js'
import type { PayloadKind } from '../parsed.js'
import { classifyCapture, PARSER_VERSION, parseCapture } from './registry.js'

const web = (path: string): URL => new URL(`https://www.tiktok.com${path}`)
const app = (path: string): URL => new URL(`https://api16-normal-c-useast1a.tiktokv.com${path}`)

describe('classifyCapture', () => {
  const cases: [URL, unknown, PayloadKind | null][] = [
    [web('/api/post/item_list/?secUid=x'), {}, 'item_list'],
    [web('/api/creator/item_list/'), {}, 'item_list'],
    [web('/api/recommend/item_list/'), {}, 'item_list'],
    [web('/api/explore/item_list/'), {}, 'item_list'],
    [web('/api/related/item_list/'), {}, 'item_list'],
    [web('/api/challenge/item_list/'), {}, 'item_list'],
    [web('/api/music/item_list/'), {}, 'item_list'],
    [web('/api/favorite/item_list/'), {}, 'item_list'],
    [web('/api/repost/item_list/'), {}, 'item_list'],
    [web('/api/collection/item_list/'), {}, 'item_list'],
    [web('/api/mix/item_list/'), {}, 'item_list'],
    [web('/api/story/item_list/'), {}, 'item_list'],
    [web('/api/preload/item_list/'), {}, 'item_list'],
    [new URL('https://m.tiktok.com/api/post/item_list'), {}, 'item_list'],
    [web('/api/user/detail/'), {}, 'user_detail'],
    [web('/api/item/detail/'), {}, 'item_detail'],
    [web('/api/challenge/detail/'), {}, 'challenge_detail'],
    [web('/api/music/detail/'), {}, 'music_detail'],
    [web('/api/search/general/full/'), {}, 'search_general'],
    [web('/api/search/item/full/'), {}, 'search_item'],
    [web('/api/search/user/full/'), {}, 'search_user'],
    [web('/api/comment/list/'), {}, 'comment_list'],
    [web('/api/comment/list/reply/'), {}, 'comment_list'],
    [app('/aweme/v1/challenge/aweme/'), {}, 'aweme_list'],
    [app('/aweme/v1/music/aweme/'), {}, 'aweme_list'],
    [app('/aweme/v1/feed/'), { aweme_list: [] }, 'aweme_list'],
    [app('/aweme/v1/feed/'), {}, null],
    [app('/aweme/v1/challenge/detail/'), {}, 'aweme_challenge_detail'],
    [app('/aweme/v1/music/detail/'), {}, 'aweme_music_detail'],
    [web('/@someone'), { __DEFAULT_SCOPE__: {} }, 'universal_data'],
    [web('/@someone/video/1'), { ItemModule: {} }, 'sigi_state'],
    [web('/@someone'), { UserModule: {} }, 'sigi_state'],
    [web('/@someone'), { other: 1 }, null],
    [web('/api/user/list/'), {}, null],
    // Any other path is judged by its body: a new feed, a favourites list, a page scope.
    [web('/api/user/collect/item_list/'), { itemList: [] }, 'item_list'],
    [web('/api/following/item_list/'), { itemList: [] }, 'item_list'],
    [web('/api/unknown/'), { __DEFAULT_SCOPE__: {} }, 'universal_data'],
    [web('/api/unknown/'), { code: 0 }, null],
    [
      app('/aweme/v1/aweme/detail/'),
      { aweme_detail: { aweme_id: '1', statistics: {} } },
      'aweme_list',
    ],
    // Personal paths never, whatever the body: the viewer's own profile has anyone's shape.
    [web('/api/user/list/'), { userInfo: { user: {}, stats: {} } }, null],
    [web('/passport/web/account/info/'), { userInfo: { user: {}, stats: {} } }, null],
    [web('/api/im/resources/'), { itemList: [] }, null],
    [new URL('https://www.tiktok.com.evil.example/api/user/detail/'), {}, null],
    [new URL('https://eviltiktok.com/api/user/detail/'), {}, null],
    [new URL('https://example.com/@someone'), { __DEFAULT_SCOPE__: {} }, null],
    [app('/@someone'), { __DEFAULT_SCOPE__: {} }, null],
  ]
  for (const [url, body, kind] of cases) {
    it(`${url.hostname}${url.pathname} → ${kind}`, () => {
      assert.equal(classifyCapture(url, body), kind)
    })
  }
})

describe('parseCapture', () => {
  it('PARSER_VERSION is a positive integer', () => {
    assert.ok(Number.isInteger(PARSER_VERSION) && PARSER_VERSION >= 1)
  })

  it('dispatches a real capture to its parser', () => {
    const result = parseCapture({
      url: web('/api/user/detail/?uniqueId=zg.520'),
      body: readFixture('user_detail.sample1.json'),
    })
    assert.equal(result.kind, 'user_detail')
    assert.equal(okData(result).creators[0]?.followers, 427682)
  })

  it('JSON-parses a string body first', () => {
    const text = JSON.stringify(readFixture('post_item_list.popular.sample2.json'))
    const result = parseCapture({ url: web('/api/post/item_list/'), body: text })
    assert.equal(okData(result).videos[0]?.saves, 59149)
  })

  it('classifies a page from its parsed string body', () => {
    const text = JSON.stringify({
      __DEFAULT_SCOPE__: {
        'webapp.user-detail': {
          userInfo: readFixture('ssr_user_detail.userInfo.sample1.json'),
          statusCode: 0,
        },
      },
    })
    const result = parseCapture({ url: web('/@oddanimalspecimens'), body: text })
    assert.equal(result.kind, 'universal_data')
    assert.equal(okData(result).creators[0]?.followers, 4001943)
  })

  it('an empty body is empty_body', () => {
    for (const body of ['', '   ', null, undefined, {}, 'null', '{}']) {
      const result = parseCapture({ url: web('/api/post/item_list/'), body })
      assert.equal(result.ok ? null : result.reason, 'empty_body', JSON.stringify(body))
      assert.equal(result.kind, 'item_list')
    }
  })

  it('invalid JSON is invalid_json', () => {
    const result = parseCapture({ url: web('/api/post/item_list/'), body: '{"itemList": [' })
    assert.equal(result.ok ? null : result.reason, 'invalid_json')
    assert.equal(result.kind, 'item_list')
  })

  it('statusCode 10221 with status_code 0 is a tiktok_error', () => {
    const body = '{"statusCode":10221,"status_code":0,"userInfo":{}}'
    const result = parseCapture({ url: web('/api/user/detail/?uniqueId=nobody'), body })
    assert.equal(result.ok ? null : result.reason, 'tiktok_error')
    assert.equal(result.ok ? null : result.detail, 'TikTok statusCode 10221: user does not exist')
  })

  it('comment lists are recognised but unsupported', () => {
    for (const path of ['/api/comment/list/?aweme_id=1', '/api/comment/list/reply/?item_id=1']) {
      const result = parseCapture({
        url: web(path),
        body: readFixture('comment_list.sample1.json'),
      })
      assert.equal(result.ok, false)
      assert.equal(result.kind, 'comment_list')
      assert.equal(result.ok ? null : result.reason, 'unsupported_kind')
      assert.match(result.ok ? '' : result.detail, /comments are not stored/)
    }
  })

  it('unknown paths and hosts are unsupported_kind', () => {
    for (const url of [
      web('/api/user/list/'),
      new URL('https://example.com/api/user/detail/'),
      web('/foryou'),
    ]) {
      const result = parseCapture({ url, body: { statusCode: 0, userList: [] } })
      assert.equal(result.ok, false)
      assert.equal(result.kind, null)
      assert.equal(result.ok ? null : result.reason, 'unsupported_kind')
    }
  })

  it('every kind with a fixture parses through the registry', () => {
    const scope = (key: string, value: unknown): unknown => ({
      __DEFAULT_SCOPE__: { [key]: value },
    })
    const cases: [URL, unknown, PayloadKind, [number, number, number, number]][] = [
      [
        web('/api/post/item_list/'),
        readFixture('post_item_list.sample1.json'),
        'item_list',
        [1, 1, 2, 1],
      ],
      [
        web('/api/recommend/item_list/'),
        readFixture('recommend_item_list.sample1.json'),
        'item_list',
        [6, 6, 16, 6],
      ],
      [
        web('/api/user/detail/'),
        readFixture('user_detail.sample1.json'),
        'user_detail',
        [1, 0, 0, 0],
      ],
      [
        web('/api/item/detail/'),
        { itemInfo: { itemStruct: readFixture('legacy2021_item_struct.sample1.json') } },
        'item_detail',
        [1, 1, 2, 1],
      ],
      [
        web('/api/challenge/detail/'),
        { challengeInfo: readFixture('legacy2020_challenge_info.sample1.json') },
        'challenge_detail',
        [0, 0, 1, 0],
      ],
      [
        web('/api/search/general/full/'),
        readFixture('search_general_full.sample1.json'),
        'search_general',
        [5, 4, 18, 4],
      ],
      [
        web('/@u'),
        scope('webapp.user-detail', {
          userInfo: readFixture('ssr_user_detail.userInfo.sample2.json'),
          statusCode: 0,
        }),
        'universal_data',
        [1, 0, 0, 0],
      ],
      [
        web('/@u/video/1'),
        scope('webapp.video-detail', {
          itemInfo: {
            itemStruct: readFixture('ssr_video_detail.itemStruct_projected.sample1.json'),
          },
          statusCode: 0,
        }),
        'universal_data',
        [1, 1, 3, 0],
      ],
      [
        web('/@u/video/1'),
        {
          ItemModule: {
            '7171782248281165058': readFixture('sigi_state.ItemModule_item.sample1.json'),
          },
        },
        'sigi_state',
        [1, 1, 0, 1],
      ],
      [
        app('/aweme/v1/challenge/aweme/'),
        readFixture('aweme_challenge_aweme_list.sample1.json'),
        'aweme_list',
        [1, 1, 3, 1],
      ],
      [
        app('/aweme/v1/challenge/detail/'),
        readFixture('aweme_challenge_detail.sample1.json'),
        'aweme_challenge_detail',
        [0, 0, 1, 0],
      ],
      [
        app('/aweme/v1/music/detail/'),
        readFixture('aweme_music_detail.sample1.json'),
        'aweme_music_detail',
        [0, 0, 0, 1],
      ],
    ]
    for (const [url, body, kind, counts] of cases) {
      const result = parseCapture({ url, body })
      assert.equal(result.kind, kind, url.pathname)
      const data = okData(result)
      assert.deepEqual(
        [data.creators.length, data.videos.length, data.hashtags.length, data.sounds.length],
        counts,
        `${kind} ${url.pathname}`,
      )
    }
  })
})
