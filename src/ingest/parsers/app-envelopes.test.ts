/**
 * The mobile app's answers that `toklytics import` used to refuse, on real samples in the
 * envelopes TikTok sent them in: multi aweme detail (`aweme_details`), general search
 * (`data[].aweme_info`), user search (`user_list[].user_info`) and music search (`music[]`).
 * Expected values are read off the fixture files by hand (test/fixtures/tiktok/README.md).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { okData, readFixture } from '../../../test/fixtures.js'
import { classifyShape } from '../../contract/capture-shape.js'
import { classifyCapture, parseCapture } from './registry.js'

const app = (path: string): URL => new URL(`https://api16-normal-c-useast1a.tiktokv.com${path}`)

/** Parses a fixture as the app path TikTok served it from, checking the path and the shape agree. */
function parsed(fixture: string, url: URL, kind: string) {
  const body = readFixture(fixture)
  assert.equal(classifyShape(body)?.kind, kind, 'recognised by shape')
  assert.equal(classifyCapture(url, body), kind, 'recognised at its app path')
  return okData(parseCapture({ url, body }))
}

describe('app multi aweme detail: aweme_multi_detail.sample1 (2022)', () => {
  const data = parsed(
    'aweme_multi_detail.sample1.json',
    app('/aweme/v1/multi/aweme/detail/?aweme_ids=%5B7086595171827322158%5D'),
    'aweme_list',
  )

  it('reads the video with its statistics, ms duration and string ids', () => {
    assert.equal(data.videos.length, 1)
    const [video] = data.videos
    assert.ok(video)
    assert.equal(video.id, '7086595171827322158')
    assert.equal(video.creatorId, '7022407054702806022')
    assert.equal(video.postedAt, 1649976516)
    assert.deepEqual(
      [video.plays, video.likes, video.comments, video.shares, video.saves],
      [4964, 66, 39, 415578, 9],
    )
    // video.duration 39845 ms.
    assert.equal(video.durationSec, 40)
    // music.id is 6968593956024092673, above 2^53: only id_str holds it exactly.
    assert.equal(video.musicId, '6968593956024092673')
    assert.deepEqual(video.hashtags.slice(0, 3), ['xyzbca', 'fyp', 'fypシ'])
  })

  it('keeps the embedded author without its unpopulated 0 counters, and not verified', () => {
    const [author] = data.creators
    assert.ok(author)
    assert.equal(author.username, 'ixxa')
    assert.equal(author.source, 'embedded')
    // follower_count, following_count, total_favorited and aweme_count are all 0 in the file.
    assert.deepEqual(
      [author.followers, author.following, author.totalLikes, author.videoCount],
      [null, null, null, null],
    )
    // custom_verify and enterprise_verify_reason are "", though verification_type is 1.
    assert.equal(author.verified, false)
    assert.equal(author.region, 'FR')
  })

  it('reads the sound in seconds', () => {
    const [sound] = data.sounds
    assert.ok(sound)
    assert.equal(sound.id, '6968593956024092673')
    assert.equal(sound.title, 'Trunk')
    assert.equal(sound.authorName, 'Phonk Killer & Kingpin Skinny Pimp')
    assert.equal(sound.durationSec, 60)
  })
})

describe('app general search: aweme_search_general.sample1 (2021)', () => {
  const data = parsed(
    'aweme_search_general.sample1.json',
    app('/aweme/v1/general/search/single/?keyword=beauty&offset=0&count=10'),
    'search_general',
  )

  it('reads the video of data[].aweme_info with its newer counters', () => {
    assert.equal(data.videos.length, 1)
    const [video] = data.videos
    assert.ok(video)
    assert.equal(video.id, '6932229950720216325')
    assert.deepEqual(
      [video.plays, video.likes, video.comments, video.shares],
      [16510209, 1256647, 21994, 56460],
    )
    // statistics has no collect_count in 2021: unknown, not 0.
    assert.equal(video.saves, null)
    assert.equal(video.durationSec, 27)
    assert.deepEqual(video.hashtags, ['skincare', 'beauty'])
  })

  it('reads the author, verified by its enterprise reason (verification_type is 0)', () => {
    const [author] = data.creators
    assert.ok(author)
    assert.equal(author.username, 'trulybeauty')
    assert.equal(author.verified, true)
    assert.equal(author.followers, null)
  })
})

describe('app user search: aweme_discover_search.sample1 (2021)', () => {
  const data = parsed(
    'aweme_discover_search.sample1.json',
    app('/aweme/v1/discover/search/?keyword=beauty&cursor=0&count=10&type=1'),
    'search_user',
  )

  it('reads each user card as a profile with its counters', () => {
    assert.deepEqual(
      data.creators.map((c) => [
        c.username,
        c.source,
        c.followers,
        c.following,
        c.totalLikes,
        c.videoCount,
        c.verified,
      ]),
      [
        ['hudabeauty', 'profile', 5479588, 154, 98989516, 324, true],
        ['cutybeautykhan', 'profile', 21448741, 40, 641591930, 2066, true],
      ],
    )
  })
})

describe('app music search: aweme_music_search.sample1 (2021)', () => {
  const data = parsed(
    'aweme_music_search.sample1.json',
    app('/aweme/v1/music/search/?keyword=beauty&cursor=0&count=10'),
    'aweme_music_search',
  )

  it('reads every sound from id_str with its user_count and seconds', () => {
    assert.deepEqual(
      data.sounds.map((s) => [s.id, s.title, s.authorName, s.userCount, s.durationSec]),
      [
        // The first id, 263022615492288513, is above 2^53: as a JSON number it would round.
        ['263022615492288513', "What's On Your Face?", 'Beauty', 263441, 8],
        ['6767362751674189825', 'Beauty Hurts', 'Jack Be', 480994, 30],
        ['6876664680262158338', 'Grown Up', 'Beauty', 1076, 60],
      ],
    )
  })
})
