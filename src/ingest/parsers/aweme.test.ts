/** Tests of the app ("aweme") payloads: challenge video list, challenge detail, music detail. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { objectAt, okData, readFixture } from '../../../test/fixtures.js'
import { parseAwemeChallengeDetail } from './aweme-challenge-detail.js'
import { parseAwemeList } from './aweme-list.js'
import { parseAwemeMusicDetail } from './aweme-music-detail.js'

const app = (path: string): URL => new URL(`https://api16-normal-c-useast1a.tiktokv.com${path}`)
const LIST_URL = app('/aweme/v1/challenge/aweme/?ch_id=2087230&count=20&cursor=20')

describe('aweme_list: aweme_challenge_aweme_list.sample1', () => {
  const data = okData(
    parseAwemeList({ url: LIST_URL, body: readFixture('aweme_challenge_aweme_list.sample1.json') }),
  )

  it('reads the aweme with ms → s duration and the string ids', () => {
    assert.equal(data.videos.length, 1)
    const video = data.videos[0]
    assert.ok(video)
    assert.equal(video.id, '6864614389329284357')
    // author.uid, not the rounded numeric author_user_id.
    assert.equal(video.creatorId, '6718109734736348166')
    assert.equal(video.postedAt, 1598292592)
    // video.duration 28652 ms.
    assert.equal(video.durationSec, 29)
    // music.id_str, not the rounded numeric music.id.
    assert.equal(video.musicId, '6835837996332222466')
    assert.equal(video.isPinned, false)
    assert.equal(video.isAd, false)
    assert.equal(video.region, 'US')
    assert.equal(video.contentType, 'video')
    assert.equal(video.plays, 4163152)
    assert.equal(video.likes, 353011)
    assert.equal(video.comments, 1269)
    assert.equal(video.shares, 725)
    assert.equal(video.saves, null)
    assert.equal(video.reposts, null)
    assert.equal(
      video.description,
      'Roast my form in the comments 😤 #diving #WaitForTheGreats #olympian (🎥: @jordan.rzepka)',
    )
    assert.equal(video.details.download_count, 293)
    assert.equal(video.details.text_language, 'en')
    assert.equal(video.details.video_width, 576)
    assert.equal('user_digged' in video.details, false)
  })

  it('unions cha_list and text_extra hashtags', () => {
    assert.deepEqual(data.videos[0]?.hashtags, ['diving', 'waitforthegreats', 'olympian'])
    assert.deepEqual(
      data.hashtags.map((h) => [h.name, h.id]),
      [
        ['diving', '7967'],
        ['waitforthegreats', '1675566909876229'],
        ['olympian', '2087230'],
      ],
    )
  })

  it('turns the unpopulated author counters into unknowns', () => {
    assert.deepEqual(
      { ...data.creators[0], avatarUrl: null },
      {
        id: '6718109734736348166',
        username: 'steele_johnson',
        secUid: 'MS4wLjABAAAAJJudLKZPoDjgXI_0q1wQqRwYkNQ8_J4GPDXijOoPi9KsCGPZKe3mmo2h62WOOGxs',
        nickname: 'Steele Johnson',
        bio: 'Olympic Silver Medalist\nOn the road to recovery 🤕',
        verified: true,
        region: 'US',
        avatarUrl: null,
        privateAccount: false,
        source: 'embedded',
        followers: null,
        following: null,
        totalLikes: null,
        videoCount: null,
        countsExact: null,
      },
    )
  })

  it('reads the sound from id_str with a seconds duration', () => {
    assert.deepEqual(data.sounds, [
      {
        id: '6835837996332222466',
        title: 'Backyard Boy',
        authorName: 'Claire Rosinkranz',
        original: false,
        durationSec: 60,
        album: 'BeVerly Hills BoYfRiEnd',
        userCount: null,
      },
    ])
  })

  it('is_top marks a pinned aweme; image_post_info a slideshow', () => {
    const body = readFixture('aweme_challenge_aweme_list.sample1.json')
    const aweme = objectAt(body, 'aweme_list', 0)
    aweme.is_top = 1
    // No real app slideshow sample exists: the real aweme gets an image_post_info.
    aweme.image_post_info = { images: [{}, {}, {}] }
    const video = okData(parseAwemeList({ url: LIST_URL, body })).videos[0]
    assert.equal(video?.isPinned, true)
    assert.equal(video?.contentType, 'slideshow')
    assert.equal(video?.details.image_count, 3)
  })

  it('skips an id that only exists as a rounded number', () => {
    const body = readFixture('aweme_challenge_aweme_list.sample1.json')
    const author = objectAt(body, 'aweme_list', 0, 'author')
    delete author.uid
    const data2 = okData(parseAwemeList({ url: LIST_URL, body }))
    // author_user_id is 6718109734736348166 rounded by JSON.parse: not used.
    assert.equal(data2.videos[0]?.creatorId, null)
    assert.equal(data2.creators.length, 0)
  })
})

describe('aweme_challenge_detail: aweme_challenge_detail.sample1', () => {
  it('reads ch_info', () => {
    const url = new URL(
      'https://api16-normal-c-useast1a.tiktokv.com/aweme/v1/challenge/detail/?ch_id=2087230',
    )
    const data = okData(
      parseAwemeChallengeDetail({ url, body: readFixture('aweme_challenge_detail.sample1.json') }),
    )
    assert.deepEqual(data.hashtags, [
      {
        name: 'olympian',
        id: '2087230',
        description:
          "Whether you're going for gold in Tokyo, or training at home for the future, " +
          "here's to each and every #Olympian.",
        videoCount: 9572,
        viewCount: 345523145,
      },
    ])
  })
})

describe('aweme_music_detail: aweme_music_detail.sample1', () => {
  it('reads music_info with the id from id_str', () => {
    const url = app('/aweme/v1/music/detail/?music_id=6767362751674189825')
    const data = okData(
      parseAwemeMusicDetail({ url, body: readFixture('aweme_music_detail.sample1.json') }),
    )
    assert.deepEqual(data.sounds, [
      {
        id: '6767362751674189825',
        title: 'Beauty Hurts',
        authorName: 'Jack Be',
        original: false,
        durationSec: 30,
        album: 'The Great Alone',
        userCount: 481284,
      },
    ])
  })
})
