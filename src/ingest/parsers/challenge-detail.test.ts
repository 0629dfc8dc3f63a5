/** Tests of `/api/challenge/detail/` parsing (legacy 2020 challengeInfo fixture). */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { objectAt, okData, readFixture } from '../../../test/fixtures.js'
import { parseChallengeDetail } from './challenge-detail.js'

const URL_ = new URL('https://www.tiktok.com/api/challenge/detail/?challengeName=fyp')

describe('challenge_detail: legacy2020_challenge_info.sample1', () => {
  it('reads the hashtag; the placeholder videoCount 0 next to real views is unknown', () => {
    // The fixture is the `challengeInfo` object; the endpoint wraps it (§4.3).
    const body = {
      challengeInfo: readFixture('legacy2020_challenge_info.sample1.json'),
      statusCode: 0,
    }
    const data = okData(parseChallengeDetail({ url: URL_, body }))
    assert.deepEqual(data.hashtags, [
      { name: 'fyp', id: '229207', description: null, videoCount: null, viewCount: 5314600000000 },
    ])
  })

  it('accepts the legacy body that is the challengeInfo itself', () => {
    const data = okData(
      parseChallengeDetail({
        url: URL_,
        body: readFixture('legacy2020_challenge_info.sample1.json'),
      }),
    )
    assert.equal(data.hashtags[0]?.viewCount, 5314600000000)
  })

  it('prefers statsV2 per counter, also when the stats sit inside challenge', () => {
    // No current sample exists: the 2020 object with the 2025 statsV2 values of §4.3 added.
    const info = readFixture('legacy2020_challenge_info.sample1.json')
    const challenge = objectAt(info, 'challenge')
    challenge.stats = objectAt(info, 'stats')
    delete objectAt(info).stats
    objectAt(info).statsV2 = { videoCount: '8050280214' }
    const data = okData(parseChallengeDetail({ url: URL_, body: { challengeInfo: info } }))
    assert.equal(data.hashtags[0]?.videoCount, 8050280214)
    assert.equal(data.hashtags[0]?.viewCount, 5314600000000)
  })

  it('a body without a challenge title has no entities', () => {
    const result = parseChallengeDetail({ url: URL_, body: { challengeInfo: {}, statusCode: 0 } })
    assert.equal(result.ok ? null : result.reason, 'no_entities')
  })
})
