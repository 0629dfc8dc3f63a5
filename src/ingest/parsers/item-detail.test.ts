/** Tests of `/api/item/detail/` parsing (legacy 2021 item struct in the documented envelope). */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { objectAt, okData, readFixture } from '../../../test/fixtures.js'
import { parseItemDetail } from './item-detail.js'

const URL_ = new URL('https://www.tiktok.com/api/item/detail/?itemId=7039426841836293382')

describe('item_detail: legacy2021_item_struct.sample1', () => {
  // The fixture is an itemStruct; /api/item/detail/ wraps it as {itemInfo: {itemStruct}} (§4.12).
  const body = {
    itemInfo: { itemStruct: readFixture('legacy2021_item_struct.sample1.json') },
    statusCode: 0,
  }
  const data = okData(parseItemDetail({ url: URL_, body }))

  it('yields the video', () => {
    assert.equal(data.videos.length, 1)
    const video = data.videos[0]
    assert.ok(video)
    assert.equal(video.id, '7039426841836293382')
    assert.equal(video.creatorId, '6877603649523090437')
    assert.equal(video.description, '#fyp #foryoupage')
    assert.equal(video.postedAt, 1638994283)
    assert.equal(video.durationSec, 14)
    assert.equal(video.musicId, '7002377342848928518')
    assert.deepEqual(video.hashtags, ['fyp', 'foryoupage'])
    assert.equal(video.plays, 10600000)
    assert.equal(video.likes, 817800)
    assert.equal(video.comments, 21900)
    assert.equal(video.shares, 26100)
    assert.equal(video.saves, null)
    assert.equal(video.reposts, null)
    assert.deepEqual(video.details.diversification_labels, [
      'Finger Dance & Basic Dance',
      'Singing & Dancing',
      'Talents',
    ])
  })

  it('yields the author, sound and hashtags', () => {
    assert.equal(data.creators[0]?.username, 'marlyestevess')
    assert.equal(data.creators[0]?.followers, 5700000)
    assert.equal(data.creators[0]?.totalLikes, 103800000)
    assert.deepEqual(data.sounds[0], {
      id: '7002377342848928518',
      title: 'som original',
      authorName: 'Nlvxa',
      original: true,
      durationSec: 14,
      album: null,
      userCount: null,
    })
    assert.deepEqual(data.hashtags, [
      { name: 'fyp', id: '229207', description: null, videoCount: null, viewCount: null },
      { name: 'foryoupage', id: '88764338', description: null, videoCount: null, viewCount: null },
    ])
  })

  it('an item that is not available is a TikTok error', () => {
    const result = parseItemDetail({ url: URL_, body: { statusCode: 10204, itemInfo: {} } })
    assert.equal(result.ok ? null : result.reason, 'tiktok_error')
    assert.match(result.ok ? '' : result.detail, /10204: item not available/)
  })

  it('a content-classified item without video has no entities', () => {
    const struct = objectAt(readFixture('legacy2021_item_struct.sample1.json'))
    struct.isContentClassified = true
    delete struct.video
    const result = parseItemDetail({ url: URL_, body: { itemInfo: { itemStruct: struct } } })
    assert.equal(result.ok ? null : result.reason, 'no_entities')
    assert.match(result.ok ? '' : result.detail, /no_video: 1/)
  })
})
