/** Tests of `/api/<feed>/item_list/` parsing on the real list fixtures. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { listAt, objectAt, okData, readFixture } from '../../../test/fixtures.js'
import { parseItemList } from './item-list.js'

const SEC_UID = 'MS4wLjABAAAAkagks5n_8XDIMWf94LZDUYs54FG5bJmEFJkWtjA__uRUN8QWaavHhzSyEO6WBPQj'
const POST_URL = new URL(
  `https://www.tiktok.com/api/post/item_list/?secUid=${SEC_UID}&count=35&cursor=0`,
)
const RECOMMEND_URL = new URL(
  'https://www.tiktok.com/api/recommend/item_list/?count=30&from_page=fyp',
)

describe('item_list: post_item_list.sample1 (2025, pinned, statsV2)', () => {
  const data = okData(
    parseItemList({ url: POST_URL, body: readFixture('post_item_list.sample1.json') }),
  )

  it('yields one video with its author, sound and hashtags', () => {
    assert.equal(data.videos.length, 1)
    assert.equal(data.creators.length, 1)
    assert.equal(data.sounds.length, 1)
    assert.deepEqual(
      data.hashtags.map((h) => [h.name, h.id]),
      [
        ['china', '5873'],
        ['中国高铁🚅', '7025577443821879297'],
      ],
    )
  })

  it('reads the video columns', () => {
    const video = data.videos[0]
    assert.ok(video)
    assert.equal(video.id, '7513039993741397256')
    assert.equal(video.creatorId, '6799838955094836230')
    assert.equal(video.description, '高铁穿过莆田市湄洲湾跨海特大桥#china #中国高铁🚅 ')
    assert.equal(video.postedAt, 1749265942)
    assert.equal(video.durationSec, 18)
    assert.equal(video.contentType, 'video')
    assert.equal(video.isPinned, true)
    assert.equal(video.isAd, false)
    assert.equal(video.musicId, '7287891047231933185')
    assert.deepEqual(video.hashtags, ['china', '中国高铁🚅'])
    assert.equal(video.plays, 1900000)
    assert.equal(video.likes, 68300)
    assert.equal(video.comments, 1502)
    assert.equal(video.shares, 2528)
    assert.equal(video.saves, 5012)
    // repostCount exists only in statsV2 ("0").
    assert.equal(video.reposts, 0)
    assert.equal(video.region, null)
  })

  it('collects 60+ public details and no viewer-relative ones', () => {
    const details = data.videos[0]?.details ?? {}
    assert.ok(Object.keys(details).length >= 60, `only ${Object.keys(details).length} details`)
    assert.equal(details.video_width, 576)
    assert.equal(details.video_height, 1024)
    assert.equal(details.video_ratio, '540p')
    assert.equal(details.video_definition, '540p')
    assert.equal(details.video_codec_type, 'h264')
    assert.equal(details.video_bitrate, 404677)
    assert.equal(details.video_vq_score, 52.64)
    assert.equal(details.video_size_bytes, 926762)
    assert.equal(details.video_format, 'mp4')
    assert.equal(details.video_uri, 'v14044g50000d11qqpnog65h5cgfh470')
    assert.equal(details.video_loudness, -20.6)
    assert.deepEqual(details.subtitle_languages, ['eng-US', 'cmn-Hant-CN'])
    assert.equal(details.text_language, 'zh-Hans')
    assert.equal(details.category_type, 120)
    assert.equal(details.duet_enabled, true)
    assert.equal(details.stitch_enabled, true)
    assert.equal(details.share_enabled, true)
    assert.equal(details.item_comment_status, 0)
    assert.equal(details.is_ad, false)
    assert.equal(details.music_original, true)
    assert.equal(details.music_is_copyrighted, false)
    assert.equal(details.author_verified, false)
    assert.equal(details.author_private_account, false)
    for (const key of ['digged', 'collected', 'relation', 'author_relation', 'user_digged']) {
      assert.equal(key in details, false, `${key} is viewer-relative`)
    }
    for (const value of Object.values(details)) {
      const texts = Array.isArray(value) ? value : [value]
      for (const text of texts) {
        assert.ok(typeof text !== 'string' || !text.startsWith('http'), `a URL leaked: ${text}`)
      }
    }
  })

  it('keeps the embedded author as embedded, with the rounded authorStats', () => {
    assert.deepEqual(data.creators[0], {
      id: '6799838955094836230',
      username: 'zg.520',
      secUid: 'MS4wLjABAAAAkagks5n_8XDIMWf94LZDUYs54FG5bJmEFJkWtjA__uRUN8QWaavHhzSyEO6WBPQj',
      nickname: '小邹旅行🇨🇳',
      bio: '账号出售，需要的联系VX:zmk1086',
      verified: false,
      region: null,
      avatarUrl: data.creators[0]?.avatarUrl,
      privateAccount: false,
      source: 'embedded',
      followers: 427700,
      following: 176,
      totalLikes: 6800000,
      videoCount: 1605,
      // authorStatsV2 says "427700" too: an author block is rounded (metrics.md §1.2).
      countsExact: false,
    })
    assert.match(
      data.creators[0]?.avatarUrl ?? '',
      /^https:\/\/p16-common-sign\.tiktokcdn-us\.com\//,
    )
  })

  it('reads the sound', () => {
    assert.deepEqual(data.sounds[0], {
      id: '7287891047231933185',
      title: '原声 - Youmile',
      authorName: 'HJS-Mechanical Equipment',
      original: true,
      durationSec: 17,
      album: null,
      userCount: null,
    })
  })
})

describe('item_list: post_item_list.popular.sample2', () => {
  const data = okData(
    parseItemList({ url: POST_URL, body: readFixture('post_item_list.popular.sample2.json') }),
  )

  it('takes each counter from statsV2: collectCount 59149, not the rounded 59100', () => {
    const video = data.videos[0]
    assert.ok(video)
    assert.equal(video.id, '7498337886933191943')
    assert.equal(video.saves, 59149)
    assert.equal(video.plays, 14200000)
    assert.equal(video.likes, 866000)
    assert.equal(video.comments, 18900)
    assert.equal(video.shares, 34700)
    assert.equal(video.isPinned, true)
    assert.deepEqual(video.hashtags, ['china', '大国基建'])
    assert.equal(video.details.diversification_id, 10043)
  })
})

describe('item_list: recommend_item_list.sample1 (2022 For You)', () => {
  const data = okData(
    parseItemList({ url: RECOMMEND_URL, body: readFixture('recommend_item_list.sample1.json') }),
  )

  it('yields the 6 videos, 6 authors and 6 sounds', () => {
    assert.deepEqual(
      data.videos.map((v) => v.id),
      [
        '7158770362770099483',
        '7163596231606816027',
        '7136413960194002202',
        '7132779320229121307',
        '7163681359351844097',
        '7163924884920274202',
      ],
    )
    assert.equal(data.creators.length, 6)
    assert.equal(data.sounds.length, 6)
    assert.equal(data.hashtags.length, 16)
  })

  it('gives items without challenges/textExtra no hashtags', () => {
    const byId = new Map(data.videos.map((v) => [v.id, v]))
    assert.deepEqual(byId.get('7136413960194002202')?.hashtags, [])
    assert.deepEqual(byId.get('7163924884920274202')?.hashtags, [])
    assert.deepEqual(byId.get('7132779320229121307')?.hashtags, ['台語', '幹話', '搞笑'])
  })

  it('leaves saves and reposts unknown (2022: no collectCount, no statsV2)', () => {
    for (const video of data.videos) {
      assert.equal(video.saves, null)
      assert.equal(video.reposts, null)
    }
    const first = data.videos[0]
    assert.equal(first?.plays, 376700)
    assert.equal(first?.likes, 56900)
    // A real 0 stays 0.
    assert.equal(first?.comments, 0)
    assert.equal(first?.shares, 118)
  })

  it('does not take the items’ challenge stats (always 0) as hashtag totals', () => {
    for (const hashtag of data.hashtags) {
      assert.equal(hashtag.videoCount, null)
      assert.equal(hashtag.viewCount, null)
    }
  })

  it('reads stickers and effects into details', () => {
    const byId = new Map(data.videos.map((v) => [v.id, v]))
    assert.deepEqual(byId.get('7132779320229121307')?.details.sticker_texts, ['皮在癢了'])
    assert.deepEqual(byId.get('7136413960194002202')?.details.effect_names, ['Soft White II'])
    assert.equal(byId.get('7158770362770099483')?.details.is_duet, false)
    assert.equal(byId.get('7158770362770099483')?.details.ad_authorization, false)
  })

  it('skips a live card and an item without video, keeps an ad with isAd', () => {
    const body = readFixture('recommend_item_list.sample1.json')
    // No real live card or ad is in the fixtures: real items are turned into them.
    objectAt(body, 'itemList', 0).liveRoomInfo = { roomId: '7300000000000000000' }
    delete objectAt(body, 'itemList', 1).video
    objectAt(body, 'itemList', 2).isAd = true
    const result = okData(parseItemList({ url: RECOMMEND_URL, body }))
    assert.deepEqual(
      result.videos.map((v) => [v.id, v.isAd]),
      [
        ['7136413960194002202', true],
        ['7132779320229121307', false],
        ['7163681359351844097', false],
        ['7163924884920274202', false],
      ],
    )
  })

  it('marks an imagePost item as a slideshow', () => {
    // No real slideshow sample exists (tiktok-payloads.md §9): a real item gets an imagePost.
    const body = readFixture('recommend_item_list.sample1.json')
    const item = objectAt(body, 'itemList', 3)
    item.imagePost = {
      images: [{ imageURL: { urlList: ['https://example.invalid/1.jpg'] } }, { imageURL: {} }],
      title: 'photo mode',
    }
    objectAt(item, 'video').duration = 0
    const video = okData(parseItemList({ url: RECOMMEND_URL, body })).videos[3]
    assert.equal(video?.id, '7132779320229121307')
    assert.equal(video?.contentType, 'slideshow')
    assert.equal(video?.durationSec, null)
    assert.equal(video?.details.image_count, 2)
    assert.equal(video?.details.image_post_title, 'photo mode')
  })
})

describe('item_list: list shapes', () => {
  it('a body without itemList is a capture with no entities', () => {
    const result = parseItemList({
      url: POST_URL,
      body: { cursor: '-1', hasMore: false, statusCode: 0, status_code: 0 },
    })
    assert.equal(result.ok, false)
    assert.equal(result.ok ? null : result.reason, 'no_entities')
  })

  it('an empty body is empty_body; a status error is tiktok_error', () => {
    const empty = parseItemList({ url: POST_URL, body: {} })
    assert.equal(empty.ok ? null : empty.reason, 'empty_body')
    const error = parseItemList({ url: POST_URL, body: { statusCode: 10222, itemList: [] } })
    assert.equal(error.ok ? null : error.reason, 'tiktok_error')
    assert.match(error.ok ? '' : error.detail, /10222: private account/)
  })

  it('a non-array itemList is a schema mismatch', () => {
    const result = parseItemList({ url: POST_URL, body: { itemList: 'x', statusCode: 0 } })
    assert.equal(result.ok ? null : result.reason, 'schema_mismatch')
  })

  it('challenge lists tag every video with the queried challenge', () => {
    // No real /api/challenge/item_list/ sample exists: real recommend items in its envelope.
    // Challenge 21016031 (#搞笑) is carried by item 7132779320229121307 only.
    const fixture = readFixture('recommend_item_list.sample1.json')
    const body = {
      cursor: '30',
      hasMore: true,
      itemList: listAt(fixture, 'itemList'),
      statusCode: 0,
    }
    const url = new URL(
      'https://www.tiktok.com/api/challenge/item_list/?challengeID=21016031&count=30&cursor=0',
    )
    const data = okData(parseItemList({ url, body }))
    for (const video of data.videos) assert.ok(video.hashtags.includes('搞笑'), video.id)
    const byId = new Map(data.videos.map((v) => [v.id, v]))
    assert.deepEqual(byId.get('7136413960194002202')?.hashtags, ['搞笑'])
    assert.deepEqual(byId.get('7132779320229121307')?.hashtags, ['台語', '幹話', '搞笑'])
  })

  it('an unknown challengeID leaves the hashtags as they are', () => {
    const fixture = readFixture('recommend_item_list.sample1.json')
    const body = { itemList: listAt(fixture, 'itemList'), statusCode: 0 }
    const url = new URL('https://www.tiktok.com/api/challenge/item_list/?challengeID=999')
    const data = okData(parseItemList({ url, body }))
    assert.deepEqual(data.videos[2]?.hashtags, [])
  })

  it('music lists set the queried musicID where the item has no music', () => {
    // No real /api/music/item_list/ sample exists: real recommend items in its envelope.
    const fixture = readFixture('recommend_item_list.sample1.json')
    delete objectAt(fixture, 'itemList', 0).music
    const body = {
      cursor: '30',
      hasMore: true,
      itemList: listAt(fixture, 'itemList'),
      statusCode: 0,
    }
    const url = new URL('https://www.tiktok.com/api/music/item_list/?musicID=7158420526724156186')
    const data = okData(parseItemList({ url, body }))
    assert.equal(data.videos[0]?.musicId, '7158420526724156186')
    assert.equal(data.videos[1]?.musicId, '7151461440422611738')
  })

  it('post lists fill a missing author from the queried secUid', () => {
    const fixture = readFixture('post_item_list.popular.sample2.json')
    const sample1 = readFixture('post_item_list.sample1.json')
    const authorless = objectAt(sample1, 'itemList', 0)
    delete authorless.author
    const body = { itemList: [authorless, ...listAt(fixture, 'itemList')], statusCode: 0 }
    const data = okData(parseItemList({ url: POST_URL, body }))
    assert.deepEqual(
      data.videos.map((v) => [v.id, v.creatorId]),
      [
        ['7513039993741397256', '6799838955094836230'],
        ['7498337886933191943', '6799838955094836230'],
      ],
    )
  })
})
