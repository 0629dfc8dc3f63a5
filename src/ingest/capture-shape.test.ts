/** The shape classifier on every real TikTok sample (in the containers TikTok sends them in) and on other JSON. */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { listAt, objectAt, readFixture } from '../../test/fixtures.js'
import { classifyShape, SHAPE_URLS } from '../contract/capture-shape.js'
import type { ParsedCapture, PayloadKind } from './parsed.js'
import { classifyCapture, parseCapture } from './parsers/registry.js'

/** What a case expects: the kind, whether the body was put back into a response, and ids. */
interface Case {
  name: string
  body: unknown
  kind: PayloadKind
  wrapped: boolean
  /** Ids read from the fixture by hand: what the kind's parser must find in the classified body. */
  videos?: string[]
  creators?: string[]
  hashtags?: string[]
  sounds?: string[]
}

const text = (value: unknown, ...path: (string | number)[]): string => {
  const parent = objectAt(value, ...path.slice(0, -1))
  const leaf = parent[String(path.at(-1))]
  assert.equal(typeof leaf, 'string', `${path.join('.')} is a string`)
  return leaf as string
}

const post = readFixture('post_item_list.sample1.json')
const popular = readFixture('post_item_list.popular.sample2.json')
const recommend = readFixture('recommend_item_list.sample1.json')
const userDetail = readFixture('user_detail.sample1.json')
const search = readFixture('search_general_full.sample1.json')
const comments = readFixture('comment_list.sample1.json')
const comment = readFixture('comment_list.single_comment.sample2.json')
const ssrUser1 = readFixture('ssr_user_detail.userInfo.sample1.json')
const ssrUser2 = readFixture('ssr_user_detail.userInfo.sample2.json')
const ssrVideo = readFixture('ssr_video_detail.itemStruct_projected.sample1.json')
const sigiItem = readFixture('sigi_state.ItemModule_item.sample1.json')
const legacy2021 = readFixture('legacy2021_item_struct.sample1.json')
const legacy2020 = readFixture('legacy2020_challenge_info.sample1.json')
const awemeList = readFixture('aweme_challenge_aweme_list.sample1.json')
const awemeChallenge = readFixture('aweme_challenge_detail.sample1.json')
const awemeMusic = readFixture('aweme_music_detail.sample1.json')
const appMultiDetail = readFixture('aweme_multi_detail.sample1.json')
const appSearch = readFixture('aweme_search_general.sample1.json')
const appUsers = readFixture('aweme_discover_search.sample1.json')
const appMusic = readFixture('aweme_music_search.sample1.json')
const legacyList = readFixture('legacy2020_share_item_list.sample1.json')

const searchEntries = listAt(search, 'data')
const searchVideoIds = searchEntries
  .filter((e) => objectAt(e).type === 1)
  .map((e) => text(e, 'item', 'id'))
const searchUserCards = listAt(
  searchEntries.find((e) => objectAt(e).type === 4),
  'user_list',
)
const firstAweme = listAt(awemeList, 'aweme_list')[0]
const sigiId = text(sigiItem, 'id')

const CASES: Case[] = [
  {
    name: 'post item list',
    body: post,
    kind: 'item_list',
    wrapped: false,
    videos: ['7513039993741397256'],
    creators: [text(post, 'itemList', 0, 'author', 'id')],
  },
  {
    name: 'post item list sorted by popularity',
    body: popular,
    kind: 'item_list',
    wrapped: false,
    videos: [text(popular, 'itemList', 0, 'id')],
  },
  {
    name: 'recommend item list',
    body: recommend,
    kind: 'item_list',
    wrapped: false,
    videos: listAt(recommend, 'itemList').map((_, i) => text(recommend, 'itemList', i, 'id')),
  },
  {
    name: 'user detail',
    body: userDetail,
    kind: 'user_detail',
    wrapped: false,
    creators: [text(userDetail, 'userInfo', 'user', 'id')],
  },
  {
    name: 'search general (videos and a user card)',
    body: search,
    kind: 'search_general',
    wrapped: false,
    videos: searchVideoIds,
    creators: ['107955'],
  },
  {
    name: 'search user (the user cards of the search sample)',
    body: { status_code: 0, user_list: searchUserCards, has_more: 0 },
    kind: 'search_user',
    wrapped: false,
    creators: ['107955'],
  },
  {
    name: 'search item (the videos of the search sample)',
    body: {
      status_code: 0,
      item_list: searchEntries
        .filter((e) => objectAt(e).type === 1)
        .map((e) => objectAt(e, 'item')),
    },
    kind: 'search_item',
    wrapped: false,
    videos: searchVideoIds,
  },
  { name: 'comment list', body: comments, kind: 'comment_list', wrapped: false },
  { name: 'a single comment', body: comment, kind: 'comment_list', wrapped: true },
  {
    name: 'SSR userInfo on its own',
    body: ssrUser1,
    kind: 'user_detail',
    wrapped: true,
    creators: [text(ssrUser1, 'user', 'id')],
  },
  {
    name: 'SSR userInfo without statsV2 (2024) on its own',
    body: ssrUser2,
    kind: 'user_detail',
    wrapped: true,
    creators: [text(ssrUser2, 'user', 'id')],
  },
  {
    name: 'SSR userInfo in its page (__DEFAULT_SCOPE__)',
    body: { __DEFAULT_SCOPE__: { 'webapp.user-detail': { statusCode: 0, userInfo: ssrUser1 } } },
    kind: 'universal_data',
    wrapped: false,
    creators: [text(ssrUser1, 'user', 'id')],
  },
  {
    name: 'SSR itemStruct on its own',
    body: ssrVideo,
    kind: 'item_list',
    wrapped: true,
    videos: ['7198206283571285294'],
  },
  {
    name: 'SSR itemStruct in an item detail response',
    body: { statusCode: 0, itemInfo: { itemStruct: ssrVideo } },
    kind: 'item_detail',
    wrapped: false,
    videos: ['7198206283571285294'],
  },
  {
    name: 'SSR itemStruct in its page',
    body: {
      __DEFAULT_SCOPE__: {
        'webapp.video-detail': { statusCode: 0, itemInfo: { itemStruct: ssrVideo } },
      },
    },
    kind: 'universal_data',
    wrapped: false,
    videos: ['7198206283571285294'],
  },
  {
    name: 'SIGI ItemModule item on its own (author is a string)',
    body: sigiItem,
    kind: 'item_list',
    wrapped: true,
    videos: ['7171782248281165058'],
  },
  {
    name: 'SIGI_STATE with that item',
    body: { ItemModule: { [sigiId]: sigiItem } },
    kind: 'sigi_state',
    wrapped: false,
    videos: ['7171782248281165058'],
  },
  {
    name: 'legacy 2021 item struct on its own (it has a comments array)',
    body: legacy2021,
    kind: 'item_list',
    wrapped: true,
    videos: ['7039426841836293382'],
  },
  {
    name: 'legacy 2020 challengeInfo on its own',
    body: legacy2020,
    kind: 'challenge_detail',
    wrapped: false,
    hashtags: ['fyp'],
  },
  {
    name: 'legacy 2020 challengeInfo in a challenge detail response',
    body: { statusCode: 0, challengeInfo: legacy2020 },
    kind: 'challenge_detail',
    wrapped: false,
    hashtags: ['fyp'],
  },
  {
    name: 'music detail (a real item’s music block)',
    body: { statusCode: 0, musicInfo: { music: objectAt(post, 'itemList', 0, 'music') } },
    kind: 'music_detail',
    wrapped: false,
    sounds: ['7287891047231933185'],
  },
  {
    name: 'app aweme list',
    body: awemeList,
    kind: 'aweme_list',
    wrapped: false,
    videos: ['6864614389329284357'],
  },
  {
    name: 'app aweme detail',
    body: { status_code: 0, aweme_detail: firstAweme },
    kind: 'aweme_list',
    wrapped: true,
    videos: ['6864614389329284357'],
  },
  {
    name: 'app aweme on its own',
    body: firstAweme,
    kind: 'aweme_list',
    wrapped: true,
    videos: ['6864614389329284357'],
  },
  {
    name: 'app challenge detail',
    body: awemeChallenge,
    kind: 'aweme_challenge_detail',
    wrapped: false,
    hashtags: ['olympian'],
  },
  {
    name: 'app music detail',
    body: awemeMusic,
    kind: 'aweme_music_detail',
    wrapped: false,
    sounds: ['6767362751674189825'],
  },
  {
    name: 'app multi aweme detail (aweme_details)',
    body: appMultiDetail,
    kind: 'aweme_list',
    wrapped: false,
    videos: [text(appMultiDetail, 'aweme_details', 0, 'aweme_id')],
    creators: [text(appMultiDetail, 'aweme_details', 0, 'author', 'uid')],
    sounds: [text(appMultiDetail, 'aweme_details', 0, 'music', 'id_str')],
  },
  {
    name: 'app general search (data[].aweme_info)',
    body: appSearch,
    kind: 'search_general',
    wrapped: false,
    videos: [text(appSearch, 'data', 0, 'aweme_info', 'aweme_id')],
    creators: [text(appSearch, 'data', 0, 'aweme_info', 'author', 'uid')],
  },
  {
    name: 'app user search (user_list[].user_info)',
    body: appUsers,
    kind: 'search_user',
    wrapped: false,
    creators: listAt(appUsers, 'user_list').map((_, i) =>
      text(appUsers, 'user_list', i, 'user_info', 'uid'),
    ),
  },
  {
    name: 'the 2020 /share/item/list answer (body.itemListData[])',
    body: legacyList,
    kind: 'legacy_item_list',
    wrapped: false,
    videos: listAt(legacyList, 'body', 'itemListData').map((_, i) =>
      text(legacyList, 'body', 'itemListData', i, 'itemInfos', 'id'),
    ),
    creators: [text(legacyList, 'body', 'itemListData', 0, 'authorInfos', 'userId')],
    hashtags: ['greenscreen'],
  },
  {
    name: 'app music search (music[])',
    body: appMusic,
    kind: 'aweme_music_search',
    wrapped: false,
    sounds: listAt(appMusic, 'music').map((_, i) => text(appMusic, 'music', i, 'id_str')),
  },
]

const ids = (data: ParsedCapture) => ({
  videos: data.videos.map((v) => v.id),
  creators: data.creators.map((c) => c.id),
  hashtags: data.hashtags.map((h) => h.name),
  sounds: data.sounds.map((s) => s.id),
})

describe('classifyShape on the real samples', () => {
  for (const c of CASES) {
    it(`${c.name} → ${c.kind}`, () => {
      const match = classifyShape(c.body)
      assert.ok(match, 'recognised')
      assert.equal(match.kind, c.kind)
      assert.equal(match.wrapped, c.wrapped)
      if (!c.wrapped) assert.equal(match.body, c.body, 'an unwrapped body is the same value')
      // The canonical URL leads the registry to the same parser, and it reads the sample.
      const url = new URL(SHAPE_URLS[c.kind])
      assert.equal(classifyCapture(url, match.body), c.kind)
      const result = parseCapture({ url, body: match.body })
      if (c.kind === 'comment_list') {
        assert.equal(result.ok, false)
        assert.equal(result.ok ? '' : result.reason, 'unsupported_kind')
        return
      }
      assert.ok(result.ok, result.ok ? '' : `${result.reason}: ${result.detail}`)
      const found = ids(result.data)
      for (const key of ['videos', 'creators', 'hashtags', 'sounds'] as const) {
        for (const id of c[key] ?? []) assert.ok(found[key].includes(id), `${key} has ${id}`)
      }
    })
  }

  it('wraps fragments in the response TikTok sends them in', () => {
    assert.deepEqual(classifyShape(ssrUser1)?.body, { userInfo: ssrUser1 })
    assert.deepEqual(classifyShape(ssrVideo)?.body, { itemList: [ssrVideo] })
    assert.deepEqual(classifyShape(comment)?.body, { comments: [comment] })
    assert.deepEqual(classifyShape({ aweme_detail: firstAweme })?.body, {
      aweme_list: [firstAweme],
    })
  })

  it('keeps a TikTok error answer in its kind, so its parser reports the error', () => {
    const notFound = { statusCode: 10221, status_code: 10221, userInfo: {} }
    assert.equal(classifyShape(notFound)?.kind, 'user_detail')
    const result = parseCapture({ url: new URL(SHAPE_URLS.user_detail), body: notFound })
    assert.equal(result.ok ? '' : result.reason, 'tiktok_error')
  })
})

describe('classifyShape on JSON that is not a TikTok body', () => {
  const packageJson: unknown = JSON.parse(
    readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
  )
  const others: Array<[string, unknown]> = [
    ['this project’s package.json', packageJson],
    ['null', null],
    ['a string', 'itemList'],
    ['a number', 42],
    ['an array of item structs', [ssrVideo]],
    ['an empty object', {}],
    ['an empty item list page (no itemList key)', { cursor: '0', hasMore: false, statusCode: 0 }],
    ['a GitHub-style API answer', { data: [{ type: 'repo', id: 1 }], total_count: 1 }],
    ['itemList that is not an array', { itemList: { id: '1' } }],
    ['search data entries of other types', { data: [{ type: 2, item: {} }] }],
    [
      'a Zeeschuimer record (its data is an item, the record is not)',
      { source_platform: 'tiktok.com', item_id: '1', data: ssrVideo, nav_index: '1:1:0' },
    ],
    ['an item without desc', { id: '7198206283571285294', createTime: 1, author: 'x' }],
  ]
  for (const [name, body] of others) {
    it(`${name} → null`, () => {
      assert.equal(classifyShape(body), null)
    })
  }
})
