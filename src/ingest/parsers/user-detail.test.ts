/** Tests of `/api/user/detail/` parsing on the real 2025 fixture. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { okData, readFixture } from '../../../test/fixtures.js'
import { parseUserDetail } from './user-detail.js'

const URL_ = new URL('https://www.tiktok.com/api/user/detail/?uniqueId=zg.520&secUid=')

describe('user_detail: user_detail.sample1', () => {
  const data = okData(parseUserDetail({ url: URL_, body: readFixture('user_detail.sample1.json') }))

  it('yields one profile creator with statsV2’s exact counters', () => {
    assert.equal(data.creators.length, 1)
    assert.equal(data.videos.length, 0)
    const creator = data.creators[0]
    assert.ok(creator)
    assert.equal(creator.source, 'profile')
    assert.equal(creator.id, '6799838955094836230')
    assert.equal(creator.username, 'zg.520')
    assert.equal(
      creator.secUid,
      'MS4wLjABAAAAkagks5n_8XDIMWf94LZDUYs54FG5bJmEFJkWtjA__uRUN8QWaavHhzSyEO6WBPQj',
    )
    assert.equal(creator.nickname, '小邹旅行🇨🇳')
    assert.equal(creator.bio, '账号出售，需要的联系VX:zmk1086')
    assert.equal(creator.verified, false)
    assert.equal(creator.privateAccount, false)
    assert.equal(creator.region, null)
    // statsV2 "427682", not the rounded stats 427700; "6764096", not 6800000.
    assert.equal(creator.followers, 427682)
    assert.equal(creator.following, 176)
    assert.equal(creator.totalLikes, 6764096)
    assert.equal(creator.videoCount, 1605)
    assert.match(creator.avatarUrl ?? '', /cropcenter:1080:1080/)
  })
})

describe('user_detail: errors', () => {
  it('statusCode 10221 with status_code 0 is a TikTok error (user does not exist)', () => {
    const body = { statusCode: 10221, status_code: 0, status_msg: '', userInfo: {} }
    const result = parseUserDetail({ url: URL_, body })
    assert.equal(result.ok, false)
    assert.equal(result.kind, 'user_detail')
    assert.equal(result.ok ? null : result.reason, 'tiktok_error')
    assert.equal(result.ok ? null : result.detail, 'TikTok statusCode 10221: user does not exist')
  })

  it('a body whose user has no id has no entities', () => {
    const result = parseUserDetail({ url: URL_, body: { statusCode: 0, userInfo: { user: {} } } })
    assert.equal(result.ok ? null : result.reason, 'no_entities')
  })

  it('a non-object body is a schema mismatch', () => {
    const result = parseUserDetail({ url: URL_, body: [1, 2] })
    assert.equal(result.ok ? null : result.reason, 'schema_mismatch')
  })
})
