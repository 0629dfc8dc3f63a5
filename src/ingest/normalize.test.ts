/** Unit tests of batch normalisation: observations grouped per entity, bare hashtags and sounds. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { normalizeBatch, type TimedCapture } from './normalize.js'
import type {
  ParsedCapture,
  ParsedCreator,
  ParsedHashtag,
  ParsedSound,
  ParsedVideo,
} from './parsed.js'

const creator = (id: string, over: Partial<ParsedCreator> = {}): ParsedCreator => ({
  id,
  username: `user${id}`,
  secUid: null,
  nickname: null,
  bio: null,
  verified: null,
  region: null,
  avatarUrl: null,
  privateAccount: null,
  source: 'profile',
  followers: 10,
  following: 1,
  totalLikes: 100,
  videoCount: 2,
  countsExact: true,
  ...over,
})

const video = (id: string, over: Partial<ParsedVideo> = {}): ParsedVideo => ({
  id,
  creatorId: '1',
  description: '',
  postedAt: null,
  durationSec: null,
  contentType: 'video',
  isPinned: false,
  isAd: false,
  musicId: null,
  hashtags: [],
  plays: 100,
  likes: null,
  comments: null,
  shares: null,
  saves: null,
  reposts: null,
  countsExact: true,
  region: null,
  details: {},
  ...over,
})

const hashtag = (name: string, over: Partial<ParsedHashtag> = {}): ParsedHashtag => ({
  name,
  id: '42',
  description: 'described',
  videoCount: 5,
  viewCount: 500,
  ...over,
})

const sound = (id: string, over: Partial<ParsedSound> = {}): ParsedSound => ({
  id,
  title: 'Song',
  authorName: 'Artist',
  original: false,
  durationSec: 30,
  album: null,
  userCount: 99,
  ...over,
})

const BARE_SOUND_FIELDS = {
  title: null,
  authorName: null,
  original: null,
  durationSec: null,
  album: null,
  userCount: null,
}
const BARE_HASHTAG_FIELDS = { id: null, description: null, videoCount: null, viewCount: null }

function capture(observedAt: number, parsed: Partial<ParsedCapture>): TimedCapture {
  return {
    observedAt,
    parsed: { creators: [], videos: [], hashtags: [], sounds: [], ...parsed },
  }
}

describe('normalizeBatch', () => {
  it('returns empty maps for no captures', () => {
    const batch = normalizeBatch([])
    assert.equal(batch.creators.size, 0)
    assert.equal(batch.videos.size, 0)
    assert.equal(batch.hashtags.size, 0)
    assert.equal(batch.sounds.size, 0)
  })

  it('groups the observations of each entity, each at its capture time, in capture order', () => {
    const c1 = creator('1')
    const c1embedded = creator('1', { source: 'embedded', followers: 10_000 })
    const c2 = creator('2')
    const h = hashtag('bali')
    const s = sound('m9')
    const batch = normalizeBatch([
      capture(200, { creators: [c1, c2], hashtags: [h] }),
      capture(100, { creators: [c1embedded], sounds: [s] }),
      capture(300, { hashtags: [h], sounds: [s] }),
    ])
    assert.deepEqual(
      [...batch.creators],
      [
        [
          '1',
          [
            { value: c1, at: 200 },
            { value: c1embedded, at: 100 },
          ],
        ],
        ['2', [{ value: c2, at: 200 }]],
      ],
    )
    assert.deepEqual(
      [...batch.hashtags],
      [
        [
          'bali',
          [
            { value: h, at: 200 },
            { value: h, at: 300 },
          ],
        ],
      ],
    )
    assert.deepEqual(
      [...batch.sounds],
      [
        [
          'm9',
          [
            { value: s, at: 100 },
            { value: s, at: 300 },
          ],
        ],
      ],
    )
    assert.equal(batch.videos.size, 0)
  })

  it('keeps the very parsed objects (no copies)', () => {
    const v = video('7001')
    const batch = normalizeBatch([capture(100, { videos: [v] })])
    assert.equal(batch.videos.get('7001')?.[0]?.value, v)
  })

  it('groups video observations and keeps one per capture', () => {
    const a = video('7001', { plays: 100 })
    const b = video('7001', { plays: 150 })
    const c = video('7002')
    const batch = normalizeBatch([capture(100, { videos: [a, c] }), capture(200, { videos: [b] })])
    assert.deepEqual(batch.videos.get('7001'), [
      { value: a, at: 100 },
      { value: b, at: 200 },
    ])
    assert.deepEqual(batch.videos.get('7002'), [{ value: c, at: 100 }])
  })

  it('adds a bare observation for a hashtag or sound a video names without describing', () => {
    const batch = normalizeBatch([
      capture(100, { videos: [video('7001', { hashtags: ['bali', 'sunset'], musicId: 'm1' })] }),
    ])
    assert.deepEqual(batch.hashtags.get('bali'), [
      { value: { name: 'bali', ...BARE_HASHTAG_FIELDS }, at: 100 },
    ])
    assert.deepEqual(batch.hashtags.get('sunset'), [
      { value: { name: 'sunset', ...BARE_HASHTAG_FIELDS }, at: 100 },
    ])
    assert.deepEqual(batch.sounds.get('m1'), [
      { value: { id: 'm1', ...BARE_SOUND_FIELDS }, at: 100 },
    ])
  })

  it('adds no sound for a video without music id', () => {
    const batch = normalizeBatch([capture(100, { videos: [video('7001', { musicId: null })] })])
    assert.equal(batch.sounds.size, 0)
  })

  it('adds one bare observation per name, at the earliest time a video named it', () => {
    const batch = normalizeBatch([
      capture(300, { videos: [video('7001', { hashtags: ['bali'], musicId: 'm1' })] }),
      capture(100, { videos: [video('7002', { hashtags: ['bali'], musicId: 'm1' })] }),
      capture(200, { videos: [video('7003', { hashtags: ['bali'], musicId: 'm1' })] }),
    ])
    assert.deepEqual(batch.hashtags.get('bali'), [
      { value: { name: 'bali', ...BARE_HASHTAG_FIELDS }, at: 100 },
    ])
    assert.deepEqual(batch.sounds.get('m1'), [
      { value: { id: 'm1', ...BARE_SOUND_FIELDS }, at: 100 },
    ])
  })

  it('gives the same observations whatever order the captures come in', () => {
    const described = capture(200, { hashtags: [hashtag('bali')], sounds: [sound('m1')] })
    const named = capture(100, {
      videos: [video('7001', { hashtags: ['bali'], musicId: 'm1' })],
    })
    const forward = normalizeBatch([described, named])
    const backward = normalizeBatch([named, described])
    const sorted = <T>(list: { value: T; at: number }[] | undefined) =>
      [...(list ?? [])].sort((x, y) => x.at - y.at)
    // A video named #bali at 100 although the challenge detail describing it came at 200.
    assert.deepEqual(sorted(forward.hashtags.get('bali')), [
      { value: { name: 'bali', ...BARE_HASHTAG_FIELDS }, at: 100 },
      { value: hashtag('bali'), at: 200 },
    ])
    assert.deepEqual(sorted(backward.hashtags.get('bali')), sorted(forward.hashtags.get('bali')))
    assert.deepEqual(sorted(forward.sounds.get('m1')), [
      { value: { id: 'm1', ...BARE_SOUND_FIELDS }, at: 100 },
      { value: sound('m1'), at: 200 },
    ])
    assert.deepEqual(sorted(backward.sounds.get('m1')), sorted(forward.sounds.get('m1')))
  })

  it('keeps the described observation next to the bare one of the same capture', () => {
    const h = hashtag('bali')
    const batch = normalizeBatch([
      capture(100, { hashtags: [h], videos: [video('7001', { hashtags: ['bali'] })] }),
    ])
    assert.deepEqual(batch.hashtags.get('bali'), [
      { value: h, at: 100 },
      { value: { name: 'bali', ...BARE_HASHTAG_FIELDS }, at: 100 },
    ])
  })
})
