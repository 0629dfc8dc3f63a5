/**
 * The 2019–2020 web list (`/share/item/list` → `body.itemListData[]`). No captured answer of this
 * shape is public (test/fixtures/tiktok/README.md, "Payloads with no sample"), so the entry below
 * is written to the field names of that era's scrapers — `itemInfos`, `authorInfos`,
 * `musicInfos`, `challengeInfoList`, `authorStats`, capitalised `textExtra` keys, string
 * `createTime` and `"true"`/`"false"` flags — with made-up values.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { okData } from '../../../test/fixtures.js'
import { classifyShape } from '../../contract/capture-shape.js'
import { parseLegacyItemList } from './legacy-item-list.js'

const URL_2020 = new URL('https://www.tiktok.com/share/item/list?secUid=&id=5054&type=3&count=30')

const entry = {
  itemInfos: {
    id: '6812345678901234567',
    text: 'old school #dance #FYP',
    createTime: '1586000000',
    authorId: '6700000000000000001',
    musicId: '6800000000000000002',
    playCount: 120000,
    diggCount: 15000,
    commentCount: 320,
    shareCount: 41,
    video: { videoMeta: { duration: 15, width: 576, height: 1024 } },
    textExtra: [
      { HashtagName: 'dance', HashtagId: '5054', Type: 1 },
      { HashtagName: 'FYP', HashtagId: '229207', Type: 1 },
      { UserUniqueId: 'someone', Type: 0 },
    ],
  },
  authorInfos: {
    userId: '6700000000000000001',
    uniqueId: 'oldtimer',
    nickName: 'Old Timer',
    signature: 'since 2019',
    verified: false,
    secUid: 'MS4wLjABAAAAlegacy',
    isSecret: 'false',
  },
  authorStats: { followerCount: 52000, followingCount: 12, heartCount: 900000, videoCount: 88 },
  musicInfos: {
    musicId: '6800000000000000002',
    musicName: 'original sound',
    authorName: 'oldtimer',
    original: 'true',
  },
  challengeInfoList: [{ challengeId: '5054', challengeName: 'dance', text: '' }],
}

describe('legacy_item_list: the 2019–2020 web list', () => {
  const data = okData(
    parseLegacyItemList({
      url: URL_2020,
      body: { statusCode: 0, body: { itemListData: [entry], hasMore: true, maxCursor: '1' } },
    }),
  )

  it('reads the video: string createTime, seconds, counters, and no saves (none existed)', () => {
    assert.equal(data.videos.length, 1)
    const [video] = data.videos
    assert.ok(video)
    assert.equal(video.id, '6812345678901234567')
    assert.equal(video.postedAt, 1586000000)
    assert.equal(video.durationSec, 15)
    assert.deepEqual(
      [video.plays, video.likes, video.comments, video.shares, video.saves],
      [120000, 15000, 320, 41, null],
    )
    assert.equal(video.creatorId, '6700000000000000001')
    assert.equal(video.musicId, '6800000000000000002')
  })

  it('unions challengeInfoList and capitalised textExtra hashtags, lower-cased', () => {
    assert.deepEqual(data.videos[0]?.hashtags, ['dance', 'fyp'])
    assert.deepEqual(
      data.hashtags.map((h) => [h.name, h.id]),
      [
        ['dance', '5054'],
        ['fyp', '229207'],
      ],
    )
  })

  it('reads the author with authorStats, and "false" as false', () => {
    const [author] = data.creators
    assert.ok(author)
    assert.equal(author.username, 'oldtimer')
    assert.equal(author.privateAccount, false)
    assert.deepEqual(
      [author.followers, author.following, author.totalLikes, author.videoCount],
      [52000, 12, 900000, 88],
    )
  })

  it('reads the sound, "true" as original, without a duration (none was sent)', () => {
    assert.deepEqual(
      data.sounds.map((s) => [s.id, s.title, s.original, s.durationSec]),
      [['6800000000000000002', 'original sound', true, null]],
    )
  })

  it('takes the list from a saved body, from the top level, or a bare entry by shape', () => {
    for (const body of [{ itemListData: [entry] }, { body: { itemListData: [entry] } }]) {
      const again = okData(parseLegacyItemList({ url: URL_2020, body }))
      assert.equal(again.videos[0]?.id, '6812345678901234567')
    }
    const match = classifyShape(entry)
    assert.equal(match?.kind, 'legacy_item_list')
    assert.equal(match?.wrapped, true)
  })

  it('refuses a list that is not an array, and says when no entry is usable', () => {
    const wrong = parseLegacyItemList({ url: URL_2020, body: { body: { itemListData: {} } } })
    assert.equal(wrong.ok ? '' : wrong.reason, 'schema_mismatch')
    const noId = { ...entry, itemInfos: { ...entry.itemInfos, id: undefined } }
    const empty = parseLegacyItemList({ url: URL_2020, body: { body: { itemListData: [noId] } } })
    assert.equal(empty.ok ? '' : empty.reason, 'no_entities')
  })
})
