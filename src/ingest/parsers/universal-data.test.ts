/** Tests of `__UNIVERSAL_DATA_FOR_REHYDRATION__` pages (SSR fixtures in the real envelope). */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { okData, readFixture } from '../../../test/fixtures.js'
import { parseUniversalData } from './universal-data.js'

const PROFILE_URL = new URL('https://www.tiktok.com/@oddanimalspecimens')
const VIDEO_URL = new URL('https://www.tiktok.com/@oddanimalspecimens/video/7198206283571285294')

/** The viewer's own context: present on every page and never to be read (§5.1). */
const APP_CONTEXT = {
  language: 'en',
  region: 'DE',
  user: { uid: '6555555555555555555', uniqueId: 'the_viewer', nickName: 'Viewer', region: 'DE' },
}

// The SSR fixtures are the inner objects; pages wrap them in __DEFAULT_SCOPE__ scopes.
function userPage(name: string, statusCode = 0): unknown {
  return {
    __DEFAULT_SCOPE__: {
      'webapp.app-context': APP_CONTEXT,
      'webapp.user-detail': { userInfo: readFixture(name), statusCode, statusMsg: '' },
    },
  }
}

function videoPage(statusCode = 0): unknown {
  const itemStruct = readFixture('ssr_video_detail.itemStruct_projected.sample1.json')
  return {
    __DEFAULT_SCOPE__: {
      'webapp.app-context': APP_CONTEXT,
      'webapp.video-detail': { itemInfo: { itemStruct }, statusCode, statusMsg: '' },
    },
  }
}

describe('universal_data: webapp.user-detail', () => {
  it('sample1 (2026): a profile creator with statsV2 counters', () => {
    const data = okData(
      parseUniversalData({
        url: PROFILE_URL,
        body: userPage('ssr_user_detail.userInfo.sample1.json'),
      }),
    )
    assert.equal(data.creators.length, 1)
    const creator = data.creators[0]
    assert.equal(creator?.id, '6976999329680589829')
    assert.equal(creator?.username, 'oddanimalspecimens')
    assert.equal(creator?.source, 'profile')
    assert.equal(creator?.followers, 4001943)
    assert.equal(creator?.following, 9)
    assert.equal(creator?.totalLikes, 77615151)
    assert.equal(creator?.videoCount, 178)
    // No user.region in this sample, and app-context's region is the viewer's.
    assert.equal(creator?.region, null)
    assert.equal(data.videos.length, 0)
  })

  it('sample2 (2024): stats only, and user.region', () => {
    const data = okData(
      parseUniversalData({
        url: PROFILE_URL,
        body: userPage('ssr_user_detail.userInfo.sample2.json'),
      }),
    )
    const creator = data.creators[0]
    assert.equal(creator?.followers, 2600000)
    assert.equal(creator?.following, 6)
    assert.equal(creator?.totalLikes, 44600000)
    assert.equal(creator?.videoCount, 124)
    assert.equal(creator?.region, 'US')
    assert.equal(
      creator?.bio,
      'YOUTUBE: Odd Animal Specimens\nCONTACT: OddAnimalSpecimens@whalartalent.com',
    )
  })

  it('never reads the viewer from webapp.app-context', () => {
    const data = okData(
      parseUniversalData({
        url: PROFILE_URL,
        body: userPage('ssr_user_detail.userInfo.sample1.json'),
      }),
    )
    assert.deepEqual(
      data.creators.map((c) => c.id),
      ['6976999329680589829'],
    )
    assert.ok(!JSON.stringify(data).includes('the_viewer'))
  })

  it('a scope with a non-zero statusCode is skipped: tiktok_error when nothing else', () => {
    const result = parseUniversalData({
      url: PROFILE_URL,
      body: userPage('ssr_user_detail.userInfo.sample1.json', 10222),
    })
    assert.equal(result.ok ? null : result.reason, 'tiktok_error')
    assert.equal(
      result.ok ? null : result.detail,
      'webapp.user-detail: TikTok statusCode 10222: private account',
    )
  })
})

describe('universal_data: webapp.video-detail (projected sample)', () => {
  const data = okData(parseUniversalData({ url: VIDEO_URL, body: videoPage() }))

  it('converts the string createTime and collectCount to numbers', () => {
    const video = data.videos[0]
    assert.ok(video)
    assert.equal(video.id, '7198206283571285294')
    assert.equal(video.postedAt, 1675963028)
    assert.equal(video.saves, 97723)
    assert.equal(video.plays, 15000000)
    assert.equal(video.likes, 1500000)
    assert.equal(video.comments, 4572)
    assert.equal(video.shares, 13000)
    assert.equal(video.reposts, null)
    assert.equal(video.durationSec, 16)
    assert.equal(video.region, 'US')
    assert.equal(video.creatorId, '6976999329680589829')
    assert.equal(video.musicId, null)
  })

  it('takes hashtags from contents[].textExtra when textExtra is projected away', () => {
    assert.deepEqual(data.videos[0]?.hashtags, ['animals', 'science', 'learnontiktok'])
    assert.deepEqual(
      data.hashtags.map((h) => h.name),
      ['animals', 'science', 'learnontiktok'],
    )
    assert.deepEqual(data.videos[0]?.details.diversification_labels, [
      'Science',
      'Education',
      'Culture & Education & Technology',
    ])
  })

  it('keeps the video when the user-detail scope failed', () => {
    const body = videoPage()
    const scopes = (body as { __DEFAULT_SCOPE__: Record<string, unknown> }).__DEFAULT_SCOPE__
    scopes['webapp.user-detail'] = { userInfo: {}, statusCode: 10221 }
    const result = okData(parseUniversalData({ url: VIDEO_URL, body }))
    assert.equal(result.videos.length, 1)
  })

  it('a private video (10216) is a TikTok error', () => {
    const result = parseUniversalData({ url: VIDEO_URL, body: videoPage(10216) })
    assert.equal(result.ok ? null : result.reason, 'tiktok_error')
    assert.match(result.ok ? '' : result.detail, /10216: private post/)
  })
})

describe('universal_data: other scopes', () => {
  it('reads webapp.updated-items', () => {
    const items = [readFixture('legacy2021_item_struct.sample1.json')]
    const body = {
      __DEFAULT_SCOPE__: { 'webapp.app-context': APP_CONTEXT, 'webapp.updated-items': items },
    }
    const data = okData(parseUniversalData({ url: new URL('https://www.tiktok.com/foryou'), body }))
    assert.deepEqual(
      data.videos.map((v) => v.id),
      ['7039426841836293382'],
    )
  })

  it('a shell page with only app-context has no entities', () => {
    const body = { __DEFAULT_SCOPE__: { 'webapp.app-context': APP_CONTEXT, 'webapp.a-b': {} } }
    const result = parseUniversalData({ url: PROFILE_URL, body })
    assert.equal(result.ok ? null : result.reason, 'no_entities')
  })
})
