/** Tests of legacy `SIGI_STATE` page parsing (ItemModule fixture; UserModule from a real user). */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { objectAt, okData, readFixture } from '../../../test/fixtures.js'
import { parseSigiState } from './sigi-state.js'

const URL_ = new URL('https://www.tiktok.com/@argenby/video/7171782248281165058')

describe('sigi_state: ItemModule item (author is a string)', () => {
  // The fixture is one ItemModule value; the page holds {ItemModule: {<id>: item}}.
  const body = {
    ItemModule: { '7171782248281165058': readFixture('sigi_state.ItemModule_item.sample1.json') },
  }
  const data = okData(parseSigiState({ url: URL_, body }))

  it('reads the video, with creatorId from authorId and createTime from a string', () => {
    const video = data.videos[0]
    assert.ok(video)
    assert.equal(video.id, '7171782248281165058')
    assert.equal(video.creatorId, '6891947725971571713')
    assert.equal(video.postedAt, 1669810686)
    assert.equal(video.durationSec, 25)
    assert.equal(video.region, 'KG')
    assert.equal(video.musicId, '7171782257949100801')
    assert.equal(video.plays, 70000000)
    assert.equal(video.likes, 7400000)
    assert.equal(video.comments, 62600)
    assert.equal(video.shares, 13600)
    assert.equal(video.saves, null)
    // Only @mentions in textExtra, empty challenges.
    assert.deepEqual(video.hashtags, [])
    assert.deepEqual(video.details.mentioned_usernames, ['ayazkyzz', 'aman4ek'])
    assert.deepEqual(video.details.diversification_labels, ['Scripted Drama', 'Performance'])
  })

  it('builds the author from the flattened fields', () => {
    const creator = data.creators[0]
    assert.equal(creator?.id, '6891947725971571713')
    assert.equal(creator?.username, 'argenby')
    assert.equal(
      creator?.secUid,
      'MS4wLjABAAAAXNAIWPpSImEnNOEvlPDEdFw34qRbdmXBr5k80rQmgScYjyKYi911PDUuNb5l5p_4',
    )
    assert.equal(creator?.nickname, 'argenby • sigma')
    assert.equal(creator?.privateAccount, false)
    assert.equal(creator?.source, 'embedded')
    assert.equal(creator?.followers, 8900000)
    assert.equal(creator?.following, 138)
    assert.equal(creator?.totalLikes, 268000000)
    assert.equal(creator?.videoCount, 1248)
  })

  it('uses the ItemModule key when the item has no id', () => {
    const item = readFixture('sigi_state.ItemModule_item.sample1.json')
    delete objectAt(item).id
    const result = okData(
      parseSigiState({ url: URL_, body: { ItemModule: { '7171782248281165058': item } } }),
    )
    assert.equal(result.videos[0]?.id, '7171782248281165058')
  })
})

describe('sigi_state: UserModule', () => {
  it('reads users with their stats as profile creators', () => {
    // No SIGI UserModule sample exists: the real 2024 SSR user and stats in the SIGI layout.
    const userInfo = readFixture('ssr_user_detail.userInfo.sample2.json')
    const body = {
      UserModule: {
        users: { oddanimalspecimens: objectAt(userInfo, 'user') },
        stats: { oddanimalspecimens: objectAt(userInfo, 'stats') },
      },
    }
    const data = okData(
      parseSigiState({ url: new URL('https://www.tiktok.com/@oddanimalspecimens'), body }),
    )
    assert.equal(data.creators[0]?.id, '6976999329680589829')
    assert.equal(data.creators[0]?.source, 'profile')
    assert.equal(data.creators[0]?.followers, 2600000)
    assert.equal(data.creators[0]?.region, 'US')
  })

  it('an empty page with a UserPage status is a TikTok error', () => {
    const body = { UserModule: { users: {}, stats: {} }, UserPage: { statusCode: 10221 } }
    const result = parseSigiState({ url: URL_, body })
    assert.equal(result.ok ? null : result.reason, 'tiktok_error')
    assert.equal(
      result.ok ? null : result.detail,
      'UserPage: TikTok statusCode 10221: user does not exist',
    )
  })
})
