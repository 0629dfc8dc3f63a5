/**
 * Tests of the hashtag, sound and mobile-video page scopes of `__DEFAULT_SCOPE__`: each scope
 * holds the object its API answer holds (`challengeInfo`, `musicInfo`, `itemInfo`), so the
 * scopes are built around the real objects of the fixtures, with the viewer's context beside.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { objectAt, okData, readFixture } from '../../../test/fixtures.js'
import { parseCapture } from './registry.js'

const PAGE = new URL('https://www.tiktok.com/tag/fyp')
const APP_CONTEXT = { user: { uid: '6555555555555555555', uniqueId: 'the_viewer', region: 'DE' } }

const page = (scopes: Record<string, unknown>) => ({
  __DEFAULT_SCOPE__: { 'webapp.app-context': APP_CONTEXT, ...scopes },
})

describe('universal_data: the hashtag, sound and mobile video pages', () => {
  it('webapp.challenge-detail: the hashtag with its totals (the real 2020 challengeInfo)', () => {
    const challengeInfo = readFixture('legacy2020_challenge_info.sample1.json')
    const parsed = parseCapture({
      url: PAGE,
      body: page({ 'webapp.challenge-detail': { challengeInfo, statusCode: 0 } }),
    })
    assert.equal(parsed.kind, 'universal_data')
    const data = okData(parsed)
    // The fixture: id "229207", title "fyp", stats {videoCount: 0, viewCount: 5314600000000};
    // a 0 video count beside billions of views is TikTok's placeholder, so it stays unknown.
    assert.deepEqual(data.hashtags, [
      { name: 'fyp', id: '229207', description: null, videoCount: null, viewCount: 5314600000000 },
    ])
    assert.equal(data.creators.length, 0)
  })

  it('webapp.music-detail: the sound, its author and its use count', () => {
    const item = objectAt(readFixture('post_item_list.sample1.json'), 'itemList', 0)
    const music = objectAt(item, 'music')
    const parsed = parseCapture({
      url: new URL(`https://www.tiktok.com/music/x-${String(music.id)}`),
      body: page({
        'webapp.music-detail': {
          musicInfo: { music, stats: { videoCount: 1234 } },
          statusCode: 0,
        },
      }),
    })
    const data = okData(parsed)
    assert.equal(data.sounds.length, 1)
    assert.equal(data.sounds[0]?.id, String(music.id))
    assert.equal(data.sounds[0]?.title, music.title)
    assert.equal(data.sounds[0]?.userCount, 1234)
  })

  it('webapp.reflow.video.detail: the mobile layout reads like the desktop one', () => {
    const itemStruct = readFixture('ssr_video_detail.itemStruct_projected.sample1.json')
    const body = (scope: string) => page({ [scope]: { itemInfo: { itemStruct }, statusCode: 0 } })
    const desktop = okData(parseCapture({ url: PAGE, body: body('webapp.video-detail') }))
    const mobile = okData(parseCapture({ url: PAGE, body: body('webapp.reflow.video.detail') }))
    assert.equal(mobile.videos.length, 1)
    assert.equal(mobile.videos[0]?.id, String(objectAt(itemStruct).id))
    assert.deepEqual(mobile, desktop)
  })

  it('a scope with an error status is skipped and named', () => {
    const parsed = parseCapture({
      url: PAGE,
      body: page({ 'webapp.challenge-detail': { statusCode: 10202, statusMsg: '' } }),
    })
    assert.equal(parsed.ok, false)
    assert.equal(parsed.ok ? null : parsed.reason, 'tiktok_error')
    assert.match(
      parsed.ok ? '' : parsed.detail,
      /webapp\.challenge-detail: TikTok statusCode 10202/,
    )
  })
})

describe('app shapes around the real aweme of aweme_challenge_aweme_list.sample1', () => {
  const list = readFixture('aweme_challenge_aweme_list.sample1.json')
  const aweme = objectAt(list, 'aweme_list', 0)
  const statistics = objectAt(aweme, 'statistics')
  const app = (path: string) => new URL(`https://api16-normal-useast5.tiktokv.com${path}`)

  it('multi/aweme/detail: aweme_details[] is a list of awemes', () => {
    const parsed = parseCapture({
      url: app('/aweme/v1/multi/aweme/detail/'),
      body: { aweme_details: [aweme], status_code: 0 },
    })
    assert.equal(parsed.kind, 'aweme_list')
    const video = okData(parsed).videos[0]
    assert.equal(video?.id, '6864614389329284357')
    assert.equal(video?.plays, statistics.play_count)
    assert.equal(video?.likes, statistics.digg_count)
  })

  it('general search: data[].aweme_info is a video, with fresh counters', () => {
    const parsed = parseCapture({
      url: app('/aweme/v1/general/search/single/'),
      body: { status_code: 0, data: [{ type: 1, aweme_info: aweme }, { type: 999 }] },
    })
    assert.equal(parsed.kind, 'search_general')
    const data = okData(parsed)
    assert.deepEqual(
      data.videos.map((v) => [v.id, v.plays, v.comments]),
      [['6864614389329284357', statistics.play_count, statistics.comment_count]],
    )
  })

  it('music search: music[] are sounds with their use counts, ids from id_str', () => {
    const music = { ...objectAt(aweme, 'music'), user_count: 52_000 }
    const parsed = parseCapture({
      url: app('/aweme/v1/music/search/'),
      body: { music: [music], status_code: 0, has_more: 0 },
    })
    assert.equal(parsed.kind, 'aweme_music_search')
    const data = okData(parsed)
    assert.deepEqual(
      data.sounds.map((s) => [s.id, s.title, s.userCount]),
      [['6835837996332222466', 'Backyard Boy', 52_000]],
    )
  })
})
