/** Tests of the search payloads: general (real fixture), item and user (real parts re-wrapped). */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { listAt, objectAt, okData, readFixture } from '../../../test/fixtures.js'
import { parseSearchGeneral } from './search-general.js'
import { parseSearchItem } from './search-item.js'
import { parseSearchUser } from './search-user.js'

const GENERAL_URL = new URL(
  'https://www.tiktok.com/api/search/general/full/?keyword=TikTok&offset=0',
)
const ITEM_URL = new URL('https://www.tiktok.com/api/search/item/full/?keyword=TikTok&offset=0')
const USER_URL = new URL('https://www.tiktok.com/api/search/user/full/?keyword=TikTok&cursor=0')

const TIKTOK_CARD = {
  id: '107955',
  username: 'tiktok',
  secUid: 'MS4wLjABAAAAv7iSuuXDJGDvJkmH_vz1qkDZYo1apxgzaxdBSeIuPiM',
  nickname: 'TikTok',
  bio: 'One TikTok can make a big impact',
  // custom_verify "" but enterprise_verify_reason "verified account".
  verified: true,
  region: null,
  privateAccount: null,
  source: 'profile',
  followers: 92700000,
  following: null,
  totalLikes: 453517656,
  videoCount: null,
  // A user card of the app-shaped search: one integer per counter, rounding unknown (§1.2).
  countsExact: null,
}

describe('search_general: search_general_full.sample1 (2026)', () => {
  const data = okData(
    parseSearchGeneral({ url: GENERAL_URL, body: readFixture('search_general_full.sample1.json') }),
  )

  it('yields the 4 type-1 videos in order', () => {
    assert.deepEqual(
      data.videos.map((v) => [v.id, v.creatorId, v.plays, v.saves, v.reposts]),
      [
        ['7603296357641735445', '7105281502317872154', 12100, 100, 0],
        ['7327239258589170976', '7296012904595489825', 1000000, 4501, 0],
        ['7603296555730210066', '7392231478043837456', 6358, 31, 0],
        ['7603305642186525973', '7098670851373466650', 130, 0, 0],
      ],
    )
    assert.equal(data.sounds.length, 4)
  })

  it('reads the type-4 user card as a profile creator with only its own counters', () => {
    assert.equal(data.creators.length, 5)
    const card = data.creators.find((c) => c.id === '107955')
    assert.deepEqual({ ...card, avatarUrl: null }, { ...TIKTOK_CARD, avatarUrl: null })
    assert.match(card?.avatarUrl ?? '', /^https:\/\/p19-common-sign\.tiktokcdn-us\.com\//)
  })

  it('applies the hashtag rule (duplicates and @mentions dropped)', () => {
    assert.deepEqual(data.videos[3]?.hashtags, [
      'airatafridi40',
      'viralvide',
      'tiktok',
      'like',
      'ka',
      'plzunfrezemyaccount',
      'please',
      'foryou',
      '❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️❤️',
    ])
    assert.deepEqual(data.videos[1]?.hashtags, [
      'filme',
      'foryou',
      'fyp',
      'movie',
      'film',
      'tiktok',
    ])
    assert.deepEqual(data.videos[3]?.details.mentioned_usernames, ['airatafridi40'])
  })

  it('reads anchors, poi, stickers and suggested words into details', () => {
    const [first, second, third, fourth] = data.videos
    assert.equal(first?.details.text_language, 'hi')
    assert.deepEqual(second?.details.search_suggest_words, ['movie tiktok'])
    assert.deepEqual(second?.details.subtitle_languages, ['eng-US'])
    assert.deepEqual(third?.details.anchor_keywords, ['KD pro II + contour'])
    assert.deepEqual(third?.details.anchor_types, ['28'])
    assert.deepEqual(third?.details.sticker_texts, ['💋'])
    assert.equal(fourth?.details.poi_name, 'All For You Homestay')
    assert.equal(fourth?.details.poi_city, 'Isle of Palms')
    assert.equal(fourth?.details.poi_category, 'Hotels and Lodging')
    assert.equal(fourth?.details.poi_type_name, 'Homestay')
    assert.deepEqual(fourth?.details.anchor_keywords, ['CapCut · Try this template'])
    assert.equal(fourth?.details.ad_label_version, 2)
    assert.equal(fourth?.details.can_comment, true)
  })

  it('skips entries without createTime and live entries', () => {
    const body = readFixture('search_general_full.sample1.json')
    delete objectAt(body, 'data', 0, 'item').createTime
    objectAt(body, 'data', 2, 'item').liveRoomInfo = { status: 2 }
    const result = okData(parseSearchGeneral({ url: GENERAL_URL, body }))
    assert.deepEqual(
      result.videos.map((v) => v.id),
      ['7603296555730210066', '7603305642186525973'],
    )
  })

  it('a login problem (status_code 2483) is a TikTok error', () => {
    const result = parseSearchGeneral({ url: GENERAL_URL, body: { status_code: 2483, data: [] } })
    assert.equal(result.ok ? null : result.reason, 'tiktok_error')
    assert.match(result.ok ? '' : result.detail, /status_code 2483: cookie invalid or login needed/)
  })
})

describe('search_item', () => {
  it('reads item_list[] item structs', () => {
    // No real /api/search/item/full/ sample exists: the real items of the general search in
    // the documented {item_list, has_more, cursor} envelope.
    const general = readFixture('search_general_full.sample1.json')
    const items = listAt(general, 'data')
      .filter((entry) => objectAt(entry).type === 1)
      .map((entry) => objectAt(entry, 'item'))
    const body = { status_code: 0, item_list: items, has_more: 1, cursor: 12 }
    const data = okData(parseSearchItem({ url: ITEM_URL, body }))
    assert.deepEqual(
      data.videos.map((v) => v.id),
      ['7603296357641735445', '7327239258589170976', '7603296555730210066', '7603305642186525973'],
    )
    assert.equal(data.creators.length, 4)
  })

  it('an empty item_list has no entities', () => {
    const result = parseSearchItem({ url: ITEM_URL, body: { status_code: 0, item_list: [] } })
    assert.equal(result.ok ? null : result.reason, 'no_entities')
  })
})

describe('search_user', () => {
  it('reads user_list[].user_info cards', () => {
    // No real /api/search/user/full/ sample exists: the real card of the general search in
    // the documented {user_list, has_more, cursor} envelope.
    const general = readFixture('search_general_full.sample1.json')
    const body = { status_code: 0, user_list: listAt(general, 'data', 1, 'user_list'), has_more: 0 }
    const data = okData(parseSearchUser({ url: USER_URL, body }))
    assert.equal(data.creators.length, 1)
    assert.deepEqual({ ...data.creators[0], avatarUrl: null }, { ...TIKTOK_CARD, avatarUrl: null })
  })
})
