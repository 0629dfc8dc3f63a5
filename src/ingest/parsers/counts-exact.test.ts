/** Whether parsers report exact (statsV2) or rounded (stats) counters (metrics.md §1.2), on real payloads. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { okData, readFixture } from '../../../test/fixtures.js'
import { parseAwemeList } from './aweme-list.js'
import { statsExact } from './counters.js'
import { parseItemList } from './item-list.js'
import { parseSigiState } from './sigi-state.js'
import { parseUniversalData } from './universal-data.js'
import { parseUserDetail } from './user-detail.js'

const PROFILE_URL = new URL('https://www.tiktok.com/@oddanimalspecimens')
const VIDEO_URL = new URL('https://www.tiktok.com/@oddanimalspecimens/video/7198206283571285294')
const POST_URL = new URL(
  'https://www.tiktok.com/api/post/item_list/?secUid=MS4wLjABAAAA&count=35&cursor=0',
)

function userPage(name: string): unknown {
  return {
    __DEFAULT_SCOPE__: {
      'webapp.user-detail': { userInfo: readFixture(name), statusCode: 0, statusMsg: '' },
    },
  }
}

describe('statsExact', () => {
  it('says where statsCount reads: statsV2 → true, stats → false, neither → null', () => {
    assert.equal(statsExact({ playCount: '427682' }, { playCount: 427700 }, 'playCount'), true)
    assert.equal(statsExact({}, { playCount: 427700 }, 'playCount'), false)
    assert.equal(statsExact(null, { playCount: 0 }, 'playCount'), false)
    // A statsV2 without the key (or with "1.2M") falls back to stats, as statsCount does.
    assert.equal(statsExact({ playCount: '1.2M' }, { playCount: 5 }, 'playCount'), false)
    assert.equal(statsExact({ diggCount: '3' }, { diggCount: 3 }, 'playCount'), null)
    assert.equal(statsExact(undefined, undefined, 'playCount'), null)
  })
})

describe('counts_exact on real payloads', () => {
  it('user_detail.sample1: a profile with statsV2 "427682" is exact', () => {
    const data = okData(
      parseUserDetail({
        url: new URL('https://www.tiktok.com/api/user/detail/?uniqueId=zg.520'),
        body: readFixture('user_detail.sample1.json'),
      }),
    )
    assert.equal(data.creators[0]?.followers, 427682)
    assert.equal(data.creators[0]?.countsExact, true)
  })

  it('ssr_user_detail sample1 (statsV2) is exact, sample2 (stats only) is rounded', () => {
    const one = okData(
      parseUniversalData({
        url: PROFILE_URL,
        body: userPage('ssr_user_detail.userInfo.sample1.json'),
      }),
    )
    assert.equal(one.creators[0]?.countsExact, true)
    const two = okData(
      parseUniversalData({
        url: PROFILE_URL,
        body: userPage('ssr_user_detail.userInfo.sample2.json'),
      }),
    )
    assert.equal(two.creators[0]?.countsExact, false)
  })

  it('post_item_list.popular.sample2: item statsV2 is exact, the author block is rounded', () => {
    const data = okData(
      parseItemList({ url: POST_URL, body: readFixture('post_item_list.popular.sample2.json') }),
    )
    assert.ok(data.videos.length > 0)
    for (const video of data.videos) assert.equal(video.countsExact, true, video.id)
    // authorStatsV2 says "427700" where the same creator's profile statsV2 says "427682".
    const author = data.creators.find((c) => c.username === 'zg.520')
    assert.equal(author?.followers, 427700)
    assert.equal(author?.source, 'embedded')
    assert.equal(author?.countsExact, false)
  })

  it('ssr video detail (projected, stats only) is rounded', () => {
    const itemStruct = readFixture('ssr_video_detail.itemStruct_projected.sample1.json')
    const data = okData(
      parseUniversalData({
        url: VIDEO_URL,
        body: {
          __DEFAULT_SCOPE__: {
            'webapp.video-detail': { itemInfo: { itemStruct }, statusCode: 0, statusMsg: '' },
          },
        },
      }),
    )
    assert.equal(data.videos[0]?.countsExact, false)
  })

  it('SIGI ItemModule (stats only) is rounded', () => {
    const data = okData(
      parseSigiState({
        url: new URL('https://www.tiktok.com/@argenby/video/7171782248281165058'),
        body: {
          ItemModule: {
            '7171782248281165058': readFixture('sigi_state.ItemModule_item.sample1.json'),
          },
        },
      }),
    )
    assert.equal(data.videos[0]?.countsExact, false)
  })

  it('app payloads (one integer per counter, rounding undocumented) are unknown', () => {
    const data = okData(
      parseAwemeList({
        url: new URL(
          'https://api16-normal-c-useast1a.tiktokv.com/aweme/v1/challenge/aweme/?ch_id=2087230',
        ),
        body: readFixture('aweme_challenge_aweme_list.sample1.json'),
      }),
    )
    assert.ok(data.videos[0]?.plays !== null)
    assert.equal(data.videos[0]?.countsExact, null)
    assert.equal(data.creators[0]?.countsExact, null)
  })
})
