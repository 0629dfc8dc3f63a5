/** Unit and property tests of the merge rules: newest known value wins, whatever the order. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import type { CreatorSnapshotRow, VideoSnapshotRow } from '../db/schema.js'
import {
  type CreatorFields,
  type HashtagFields,
  mergeCreator,
  mergeHashtag,
  mergeSound,
  mergeVideo,
  type SoundFields,
  type VideoFields,
} from './merge.js'
import type { Observation } from './normalize.js'
import type { ParsedCreator, ParsedHashtag, ParsedSound, ParsedVideo } from './parsed.js'

const T0 = 1_760_000_000
const T1 = 1_760_000_100
const T2 = 1_760_000_200
const T3 = 1_760_000_300

const CID = '6890000000000000001'
const VID = '7562000000000000001'
const MID = '7000000000000000001'

// --- creators ------------------------------------------------------------------------------

const CREATOR: ParsedCreator = {
  id: CID,
  username: 'Zg.520',
  secUid: 'MS4wLjABAAAA',
  nickname: 'Xiao Zou',
  bio: 'travel',
  verified: false,
  region: null,
  avatarUrl: 'https://p16.tiktokcdn.com/a.jpeg',
  privateAccount: false,
  source: 'profile',
  followers: 427682,
  following: 176,
  totalLikes: 6764096,
  videoCount: 500,
  countsExact: true,
}

const profile = (at: number, over: Partial<ParsedCreator> = {}): Observation<ParsedCreator> => ({
  at,
  value: { ...CREATOR, ...over, source: 'profile' },
})

const embedded = (at: number, over: Partial<ParsedCreator> = {}): Observation<ParsedCreator> => ({
  at,
  value: { ...CREATOR, ...over, source: 'embedded' },
})

/** The row of a creator first seen in one profile observation of CREATOR at T1. */
const CREATOR_ROW: CreatorFields = {
  id: CID,
  username: 'Zg.520',
  username_lower: 'zg.520',
  sec_uid: 'MS4wLjABAAAA',
  nickname: 'Xiao Zou',
  bio: 'travel',
  verified: 0,
  region: null,
  avatar_url: 'https://p16.tiktokcdn.com/a.jpeg',
  private_account: 0,
  followers: 427682,
  following: 176,
  total_likes: 6764096,
  video_count: 500,
  counts_exact: 1,
  counts_observed_at: T1,
  contributors: 0,
  profile_observed_at: T1,
  identity_observed_at: T1,
  first_seen_at: T1,
  last_updated: T1,
  is_demo: 0,
}

const creatorSnapshot = (
  observed_at: number,
  over: Partial<CreatorSnapshotRow> = {},
): CreatorSnapshotRow => ({
  creator_id: CID,
  observed_at,
  followers: 427682,
  following: 176,
  total_likes: 6764096,
  video_count: 500,
  ...over,
})

describe('mergeCreator', () => {
  it('builds a new row and a snapshot from one profile observation', () => {
    assert.deepEqual(mergeCreator(undefined, [profile(T1)], false), {
      row: CREATOR_ROW,
      snapshots: [creatorSnapshot(T1)],
    })
  })

  it('takes the newest known identity whatever order the observations come in', () => {
    const newer = profile(T2, { nickname: 'New Name', username: 'NewHandle' })
    const older = profile(T1, { nickname: 'Old Name' })
    const expected = {
      row: {
        ...CREATOR_ROW,
        username: 'NewHandle',
        username_lower: 'newhandle',
        nickname: 'New Name',
        profile_observed_at: T2,
        identity_observed_at: T2,
        last_updated: T2,
        // The served followers are the newer observation's (metrics.md §1.2).
        counts_observed_at: T2,
      },
      snapshots: [creatorSnapshot(T1), creatorSnapshot(T2)],
    }
    assert.deepEqual(mergeCreator(undefined, [newer, older], false), expected)
    assert.deepEqual(mergeCreator(undefined, [older, newer], false), expected)
  })

  it('never lets an unknown (null) erase a known value', () => {
    const { row } = mergeCreator(
      undefined,
      [
        profile(T1, { bio: 'travel', verified: true, region: 'CN' }),
        profile(T2, { bio: null, verified: null, region: null, nickname: null, avatarUrl: null }),
      ],
      false,
    )
    assert.equal(row.bio, 'travel')
    assert.equal(row.verified, 1)
    assert.equal(row.region, 'CN')
    assert.equal(row.nickname, 'Xiao Zou')
    assert.equal(row.avatar_url, 'https://p16.tiktokcdn.com/a.jpeg')
    assert.equal(row.identity_observed_at, T2)
  })

  it('fills a field the newest observation does not know from an older one', () => {
    const { row } = mergeCreator(
      undefined,
      [profile(T2, { region: null }), profile(T1, { region: 'CN' })],
      false,
    )
    assert.equal(row.region, 'CN')
  })

  it('keeps the stored newer values against an older observation, filling only unknowns', () => {
    const existing: CreatorFields = {
      ...CREATOR_ROW,
      nickname: 'New Name',
      region: null,
      followers: 430000,
      profile_observed_at: T2,
      identity_observed_at: T2,
      first_seen_at: T2,
      last_updated: T2,
    }
    const merged = mergeCreator(
      existing,
      [profile(T1, { nickname: 'Old Name', region: 'CN', followers: 427682 })],
      false,
    )
    assert.deepEqual(merged, {
      row: {
        ...CREATOR_ROW,
        nickname: 'New Name',
        region: 'CN',
        followers: 430000,
        profile_observed_at: T2,
        identity_observed_at: T2,
        first_seen_at: T1,
        last_updated: T2,
      },
      snapshots: [creatorSnapshot(T1)],
    })
  })

  it('keeps a stored value when a newer observation does not know it', () => {
    const { row } = mergeCreator(CREATOR_ROW, [profile(T2, { bio: null, verified: null })], false)
    assert.equal(row.bio, 'travel')
    assert.equal(row.verified, 0)
    assert.equal(row.identity_observed_at, T2)
    assert.equal(row.last_updated, T2)
    assert.equal(row.first_seen_at, T1)
  })

  it('lets embedded counters stand in while no profile was observed, without snapshots', () => {
    const merged = mergeCreator(
      undefined,
      [embedded(T1, { followers: 427700, totalLikes: 6800000, videoCount: null })],
      false,
    )
    assert.deepEqual(merged, {
      row: {
        ...CREATOR_ROW,
        followers: 427700,
        total_likes: 6800000,
        video_count: null,
        profile_observed_at: null,
      },
      snapshots: [],
    })
  })

  it('updates embedded stand-ins with the newest embedded observation', () => {
    for (const order of [
      [embedded(T2, { followers: 428000 }), embedded(T1, { followers: 427700 })],
      [embedded(T1, { followers: 427700 }), embedded(T2, { followers: 428000 })],
    ]) {
      const { row } = mergeCreator(undefined, order, false)
      assert.equal(row.followers, 428000)
      assert.equal(row.profile_observed_at, null)
    }
  })

  it('takes counters from a profile observation even when an embedded one is newer', () => {
    const observations = [
      embedded(T3, { followers: 430000, nickname: 'Newest Nick' }),
      profile(T1, { followers: 427682 }),
    ]
    for (const order of [observations, [...observations].reverse()]) {
      assert.deepEqual(mergeCreator(undefined, order, false), {
        row: {
          ...CREATOR_ROW,
          nickname: 'Newest Nick',
          followers: 427682,
          profile_observed_at: T1,
          identity_observed_at: T3,
          last_updated: T3,
        },
        snapshots: [creatorSnapshot(T1)],
      })
    }
  })

  it('ignores the counters of a newer embedded observation once a profile is stored', () => {
    const merged = mergeCreator(
      CREATOR_ROW,
      [embedded(T2, { followers: 999, totalLikes: 1, nickname: 'Nick 2' })],
      false,
    )
    assert.deepEqual(merged, {
      row: { ...CREATOR_ROW, nickname: 'Nick 2', identity_observed_at: T2, last_updated: T2 },
      snapshots: [],
    })
  })

  it('replaces stored embedded stand-ins with an older profile observation', () => {
    const existing: CreatorFields = {
      ...CREATOR_ROW,
      followers: 427700,
      total_likes: 6800000,
      profile_observed_at: null,
      identity_observed_at: T2,
      first_seen_at: T2,
      last_updated: T2,
    }
    const merged = mergeCreator(existing, [profile(T1)], false)
    assert.deepEqual(merged, {
      row: {
        ...CREATOR_ROW,
        profile_observed_at: T1,
        identity_observed_at: T2,
        first_seen_at: T1,
        last_updated: T2,
      },
      snapshots: [creatorSnapshot(T1)],
    })
  })

  it('keeps a known counter when a newer profile does not know it; the snapshot says null', () => {
    const merged = mergeCreator(
      undefined,
      [profile(T1), profile(T2, { followers: null, videoCount: null })],
      false,
    )
    assert.equal(merged.row.followers, 427682)
    assert.equal(merged.row.video_count, 500)
    assert.equal(merged.row.profile_observed_at, T2)
    assert.deepEqual(merged.snapshots, [
      creatorSnapshot(T1),
      creatorSnapshot(T2, { followers: null, video_count: null }),
    ])
  })

  it('takes the newest profile counters, one snapshot per profile observation in time order', () => {
    const merged = mergeCreator(
      undefined,
      [profile(T2, { followers: 430000 }), profile(T1, { followers: 427682 })],
      false,
    )
    assert.equal(merged.row.followers, 430000)
    assert.deepEqual(merged.snapshots, [
      creatorSnapshot(T1, { followers: 427682 }),
      creatorSnapshot(T2, { followers: 430000 }),
    ])
  })

  it('lower-cases the username, and leaves it null while unknown', () => {
    assert.equal(
      mergeCreator(undefined, [profile(T1, { username: 'MiXeD_Case' })], false).row.username_lower,
      'mixed_case',
    )
    const { row } = mergeCreator(undefined, [embedded(T1, { username: null })], false)
    assert.equal(row.username, null)
    assert.equal(row.username_lower, null)
  })

  it('stores booleans as 1/0', () => {
    const { row } = mergeCreator(
      undefined,
      [profile(T1, { verified: true, privateAccount: true })],
      false,
    )
    assert.equal(row.verified, 1)
    assert.equal(row.private_account, 1)
  })

  it('keeps is_demo only while nothing but demo batches touched the row', () => {
    assert.equal(mergeCreator(undefined, [profile(T1)], true).row.is_demo, 1)
    assert.equal(mergeCreator(undefined, [profile(T1)], false).row.is_demo, 0)
    const demo = { ...CREATOR_ROW, is_demo: 1 }
    assert.equal(mergeCreator(demo, [profile(T2)], true).row.is_demo, 1)
    assert.equal(mergeCreator(demo, [profile(T2)], false).row.is_demo, 0)
    assert.equal(mergeCreator(CREATOR_ROW, [profile(T2)], true).row.is_demo, 0)
  })

  it('keeps first_seen_at the minimum and last_updated the maximum', () => {
    const { row } = mergeCreator(
      { ...CREATOR_ROW, first_seen_at: T1, last_updated: T2, identity_observed_at: T2 },
      [embedded(T0), embedded(T3)],
      false,
    )
    assert.equal(row.first_seen_at, T0)
    assert.equal(row.last_updated, T3)
  })

  it('gives the same row for observations of the same second in either order', () => {
    const a = profile(T1, { nickname: 'A', followers: 20 })
    const b = profile(T1, { nickname: 'B', followers: 10 })
    const ab = mergeCreator(undefined, [a, b], false)
    assert.deepEqual(mergeCreator(undefined, [b, a], false), ab)
    assert.ok(
      (ab.row.nickname === 'A' && ab.row.followers === 20) ||
        (ab.row.nickname === 'B' && ab.row.followers === 10),
    )
    const e = embedded(T1, { followers: 427700 })
    const p = profile(T1, { followers: 427682 })
    assert.equal(mergeCreator(undefined, [e, p], false).row.followers, 427682)
    assert.equal(mergeCreator(undefined, [p, e], false).row.followers, 427682)
  })

  it('does not modify the stored row or the observations', () => {
    const existing = Object.freeze({ ...CREATOR_ROW })
    const observations = Object.freeze([Object.freeze(profile(T2, { followers: 5 }))])
    const { row } = mergeCreator(existing, observations, false)
    assert.equal(row.followers, 5)
    assert.equal(existing.followers, 427682)
  })

  it('refuses an empty list of observations', () => {
    assert.throws(() => mergeCreator(undefined, [], false), /at least one observation/)
  })
})

// --- videos --------------------------------------------------------------------------------

const VIDEO: ParsedVideo = {
  id: VID,
  creatorId: CID,
  description: 'Sunset at #Bali',
  postedAt: 1_759_000_000,
  durationSec: 15,
  contentType: 'video',
  isPinned: false,
  isAd: false,
  musicId: MID,
  hashtags: ['bali'],
  plays: 1000,
  likes: 100,
  comments: 10,
  shares: 5,
  saves: 3,
  reposts: 1,
  countsExact: true,
  region: 'ID',
  details: { 'video.height': 1024 },
}

const video = (at: number, over: Partial<ParsedVideo> = {}): Observation<ParsedVideo> => ({
  at,
  value: { ...VIDEO, ...over },
})

/** The row of a video first seen in one observation of VIDEO at T1. */
const VIDEO_ROW: VideoFields = {
  id: VID,
  creator_id: CID,
  description: 'Sunset at #Bali',
  search_text: 'sunset at #bali',
  posted_at: 1_759_000_000,
  duration: 15,
  content_type: 'video',
  is_pinned: 0,
  is_ad: 0,
  music_id: MID,
  plays: 1000,
  likes: 100,
  comments: 10,
  shares: 5,
  saves: 3,
  reposts: 1,
  counts_exact: 1,
  counts_observed_at: T1,
  contributors: 0,
  region: 'ID',
  details: '{"video.height":1024}',
  // No commercial flag, no disclosure tag: unknown (metrics.md §11).
  sponsored: null,
  sponsored_evidence: '[]',
  observed_at: T1,
  first_seen_at: T1,
  is_demo: 0,
}

const videoSnapshot = (
  observed_at: number,
  over: Partial<VideoSnapshotRow> = {},
): VideoSnapshotRow => ({
  video_id: VID,
  observed_at,
  plays: 1000,
  likes: 100,
  comments: 10,
  shares: 5,
  saves: 3,
  reposts: 1,
  ...over,
})

describe('mergeVideo', () => {
  it('builds a new row, its hashtags and a snapshot from one observation', () => {
    assert.deepEqual(mergeVideo(undefined, [], [video(T1)], false), {
      row: VIDEO_ROW,
      hashtags: ['bali'],
      snapshots: [videoSnapshot(T1)],
    })
  })

  it('takes each counter from the newest observation that knows it, in any order', () => {
    const merged = mergeVideo(
      undefined,
      [],
      [
        video(T3, { plays: 3000, likes: null, saves: null }),
        video(T1),
        video(T2, { plays: 2000, likes: 200 }),
      ],
      false,
    )
    assert.equal(merged.row.plays, 3000)
    assert.equal(merged.row.likes, 200)
    assert.equal(merged.row.saves, 3)
    assert.equal(merged.row.observed_at, T3)
    assert.equal(merged.row.first_seen_at, T1)
    assert.deepEqual(merged.snapshots, [
      videoSnapshot(T1),
      videoSnapshot(T2, { plays: 2000, likes: 200 }),
      videoSnapshot(T3, { plays: 3000, likes: null, saves: null }),
    ])
  })

  it('makes no snapshot of an observation whose plays are unknown', () => {
    const merged = mergeVideo(
      undefined,
      [],
      [video(T1), video(T2, { plays: null, likes: 150 })],
      false,
    )
    assert.equal(merged.row.plays, 1000)
    assert.equal(merged.row.likes, 150)
    assert.deepEqual(merged.snapshots, [videoSnapshot(T1)])
  })

  it('keeps the stored newer counters against an older observation, which still gets a snapshot', () => {
    const existing: VideoFields = {
      ...VIDEO_ROW,
      plays: 2000,
      likes: 200,
      observed_at: T2,
      first_seen_at: T2,
    }
    assert.deepEqual(mergeVideo(existing, ['bali'], [video(T1)], false), {
      row: { ...VIDEO_ROW, plays: 2000, likes: 200, observed_at: T2, first_seen_at: T1 },
      hashtags: ['bali'],
      snapshots: [videoSnapshot(T1)],
    })
  })

  it('fills stored unknowns from an older observation', () => {
    const existing: VideoFields = { ...VIDEO_ROW, saves: null, region: null, observed_at: T2 }
    const { row } = mergeVideo(existing, ['bali'], [video(T1, { saves: 3, region: 'ID' })], false)
    assert.equal(row.saves, 3)
    assert.equal(row.region, 'ID')
    assert.equal(row.observed_at, T2)
  })

  it('keeps creator, sound, region, upload time and duration when a newer observation lacks them', () => {
    const { row } = mergeVideo(
      undefined,
      [],
      [
        video(T1),
        video(T2, {
          creatorId: null,
          musicId: null,
          region: null,
          postedAt: null,
          durationSec: null,
        }),
      ],
      false,
    )
    assert.equal(row.creator_id, CID)
    assert.equal(row.music_id, MID)
    assert.equal(row.region, 'ID')
    assert.equal(row.posted_at, 1_759_000_000)
    assert.equal(row.duration, 15)
  })

  it('follows a change of sound in the newest observation', () => {
    const { row } = mergeVideo(undefined, [], [video(T2, { musicId: 'm2' }), video(T1)], false)
    assert.equal(row.music_id, 'm2')
  })

  it('only grows hashtags: stored ones first, new ones appended in first-seen order', () => {
    const existingTags = Object.freeze(['bali', 'sunset'])
    const merged = mergeVideo(
      VIDEO_ROW,
      existingTags,
      [video(T3, { hashtags: ['travel', 'bali'] }), video(T2, { hashtags: ['beach', 'travel'] })],
      false,
    )
    assert.deepEqual(merged.hashtags, ['bali', 'sunset', 'beach', 'travel'])
    assert.deepEqual(existingTags, ['bali', 'sunset'])
  })

  it('never removes a hashtag a newer observation does not name', () => {
    const merged = mergeVideo(VIDEO_ROW, ['bali', 'sunset'], [video(T2, { hashtags: [] })], false)
    assert.deepEqual(merged.hashtags, ['bali', 'sunset'])
  })

  it('collects the hashtags of a new video from all its observations', () => {
    const merged = mergeVideo(
      undefined,
      [],
      [video(T2, { hashtags: ['b', 'a'] }), video(T1, { hashtags: ['a', 'c'] })],
      false,
    )
    assert.deepEqual(merged.hashtags, ['a', 'c', 'b'])
  })

  it('takes the newest non-empty description; an older one fills an empty one', () => {
    const newest = mergeVideo(
      undefined,
      [],
      [video(T1, { description: 'Old caption' }), video(T2, { description: 'New CAPTION' })],
      false,
    ).row
    assert.equal(newest.description, 'New CAPTION')
    assert.equal(newest.search_text, 'new caption')
    const filled = mergeVideo(
      undefined,
      [],
      [video(T2, { description: '' }), video(T1, { description: 'Old Caption' })],
      false,
    ).row
    assert.equal(filled.description, 'Old Caption')
    assert.equal(filled.search_text, 'old caption')
  })

  it('keeps a stored newer description, and fills a stored empty one from an older observation', () => {
    const stored: VideoFields = {
      ...VIDEO_ROW,
      description: 'New caption',
      search_text: 'new caption',
      observed_at: T2,
    }
    const kept = mergeVideo(stored, [], [video(T1, { description: 'Old' })], false).row
    assert.equal(kept.description, 'New caption')
    const empty: VideoFields = { ...VIDEO_ROW, description: '', search_text: '', observed_at: T2 }
    const filled = mergeVideo(empty, [], [video(T1, { description: 'Old' })], false).row
    assert.equal(filled.description, 'Old')
    assert.equal(filled.search_text, 'old')
  })

  it('takes content type, pinned and ad flags from the newest observation', () => {
    const { row } = mergeVideo(
      undefined,
      [],
      [
        video(T2, { isPinned: true, contentType: 'slideshow', isAd: false }),
        video(T1, { isPinned: false, isAd: true }),
      ],
      false,
    )
    assert.equal(row.is_pinned, 1)
    assert.equal(row.content_type, 'slideshow')
    assert.equal(row.is_ad, 0)
    const stored: VideoFields = { ...VIDEO_ROW, is_pinned: 1, observed_at: T2 }
    assert.equal(mergeVideo(stored, [], [video(T1, { isPinned: false })], false).row.is_pinned, 1)
  })

  it('merges details key by key, the newer observation winning', () => {
    const { row } = mergeVideo(
      undefined,
      [],
      [
        video(T1, { details: { 'video.height': 1024, 'video.codec': 'h264' } }),
        video(T2, { details: { 'video.height': 720, labels: ['ai'] } }),
      ],
      false,
    )
    assert.deepEqual(JSON.parse(row.details), {
      'video.height': 720,
      'video.codec': 'h264',
      labels: ['ai'],
    })
    const stored: VideoFields = { ...VIDEO_ROW, details: '{"video.height":720}', observed_at: T2 }
    const older = video(T1, { details: { 'video.height': 1024, 'video.codec': 'h264' } })
    assert.deepEqual(JSON.parse(mergeVideo(stored, [], [older], false).row.details), {
      'video.height': 720,
      'video.codec': 'h264',
    })
  })

  it('keeps is_demo only while nothing but demo batches touched the row', () => {
    assert.equal(mergeVideo(undefined, [], [video(T1)], true).row.is_demo, 1)
    assert.equal(mergeVideo(undefined, [], [video(T1)], false).row.is_demo, 0)
    const demo = { ...VIDEO_ROW, is_demo: 1 }
    assert.equal(mergeVideo(demo, [], [video(T2)], true).row.is_demo, 1)
    assert.equal(mergeVideo(demo, [], [video(T2)], false).row.is_demo, 0)
    assert.equal(mergeVideo(VIDEO_ROW, [], [video(T2)], true).row.is_demo, 0)
  })

  it('gives the same row for observations of the same second in either order', () => {
    const a = video(T1, { plays: 1000, description: 'first' })
    const b = video(T1, { plays: 2000, description: 'second' })
    const ab = mergeVideo(undefined, [], [a, b], false)
    assert.deepEqual(mergeVideo(undefined, [], [b, a], false), ab)
    assert.equal(ab.snapshots.length, 2)
  })

  it('does not modify the stored row', () => {
    const existing = Object.freeze({ ...VIDEO_ROW })
    mergeVideo(existing, ['bali'], [video(T2, { plays: 5 })], false)
    assert.equal(existing.plays, 1000)
  })

  it('refuses an empty list of observations', () => {
    assert.throws(() => mergeVideo(undefined, [], [], false), /at least one observation/)
  })
})

// --- hashtags ------------------------------------------------------------------------------

const hashtag = (at: number, over: Partial<ParsedHashtag> = {}): Observation<ParsedHashtag> => ({
  at,
  value: { name: 'bali', id: null, description: null, videoCount: null, viewCount: null, ...over },
})

const BARE_HASHTAG_ROW: HashtagFields = {
  name: 'bali',
  tiktok_id: null,
  description: null,
  tiktok_video_count: null,
  tiktok_view_count: null,
  tiktok_observed_at: null,
  first_seen_at: T1,
  is_demo: 0,
}

describe('mergeHashtag', () => {
  it('builds a row from a bare observation (a tag a video names)', () => {
    assert.deepEqual(mergeHashtag(undefined, [hashtag(T1)], false), BARE_HASHTAG_ROW)
  })

  it("follows TikTok's totals of the newest detail observation, in any order", () => {
    const observations = [
      hashtag(T2, { id: '42', description: 'Bali', videoCount: 500, viewCount: 90000 }),
      hashtag(T1, { id: '42', videoCount: 400, viewCount: 80000 }),
      hashtag(T3),
    ]
    const expected: HashtagFields = {
      name: 'bali',
      tiktok_id: '42',
      description: 'Bali',
      tiktok_video_count: 500,
      tiktok_view_count: 90000,
      tiktok_observed_at: T2,
      first_seen_at: T1,
      is_demo: 0,
    }
    assert.deepEqual(mergeHashtag(undefined, observations, false), expected)
    assert.deepEqual(mergeHashtag(undefined, [...observations].reverse(), false), expected)
  })

  it('keeps a known total when the newest detail observation does not know it', () => {
    const row = mergeHashtag(
      undefined,
      [
        hashtag(T1, { videoCount: 400, viewCount: 80000 }),
        hashtag(T2, { videoCount: null, viewCount: 90000 }),
      ],
      false,
    )
    assert.equal(row.tiktok_video_count, 400)
    assert.equal(row.tiktok_view_count, 90000)
    assert.equal(row.tiktok_observed_at, T2)
  })

  it('keeps stored newer totals against an older detail observation, filling unknowns', () => {
    const stored: HashtagFields = {
      ...BARE_HASHTAG_ROW,
      tiktok_id: '42',
      tiktok_video_count: null,
      tiktok_view_count: 90000,
      tiktok_observed_at: T2,
      first_seen_at: T2,
    }
    assert.deepEqual(
      mergeHashtag(stored, [hashtag(T1, { videoCount: 400, viewCount: 80000 })], false),
      {
        ...stored,
        tiktok_video_count: 400,
        tiktok_view_count: 90000,
        tiktok_observed_at: T2,
        first_seen_at: T1,
      },
    )
  })

  it('takes the totals of an older detail observation when none were stored', () => {
    const stored: HashtagFields = { ...BARE_HASHTAG_ROW, first_seen_at: T2 }
    const row = mergeHashtag(stored, [hashtag(T1, { videoCount: 400, viewCount: 80000 })], false)
    assert.equal(row.tiktok_video_count, 400)
    assert.equal(row.tiktok_view_count, 80000)
    assert.equal(row.tiktok_observed_at, T1)
  })

  it('never erases a description or an id with an unknown one', () => {
    const row = mergeHashtag(
      undefined,
      [
        hashtag(T1, { id: '42', description: 'Bali' }),
        hashtag(T2, { description: '' }),
        hashtag(T3, { description: null }),
      ],
      false,
    )
    assert.equal(row.description, 'Bali')
    assert.equal(row.tiktok_id, '42')
  })

  it('fills the id when a later observation knows it', () => {
    assert.equal(
      mergeHashtag(undefined, [hashtag(T1), hashtag(T2, { id: '42' })], false).tiktok_id,
      '42',
    )
    assert.equal(mergeHashtag(BARE_HASHTAG_ROW, [hashtag(T0, { id: '42' })], false).tiktok_id, '42')
  })

  it('keeps first_seen_at the minimum', () => {
    assert.equal(mergeHashtag(BARE_HASHTAG_ROW, [hashtag(T0)], false).first_seen_at, T0)
    assert.equal(mergeHashtag(BARE_HASHTAG_ROW, [hashtag(T3)], false).first_seen_at, T1)
  })

  it('keeps is_demo only while nothing but demo batches touched the row', () => {
    assert.equal(mergeHashtag(undefined, [hashtag(T1)], true).is_demo, 1)
    assert.equal(mergeHashtag(undefined, [hashtag(T1)], false).is_demo, 0)
    const demo = { ...BARE_HASHTAG_ROW, is_demo: 1 }
    assert.equal(mergeHashtag(demo, [hashtag(T2)], true).is_demo, 1)
    assert.equal(mergeHashtag(demo, [hashtag(T2)], false).is_demo, 0)
    assert.equal(mergeHashtag(BARE_HASHTAG_ROW, [hashtag(T2)], true).is_demo, 0)
  })

  it('refuses an empty list of observations', () => {
    assert.throws(() => mergeHashtag(undefined, [], false), /at least one observation/)
  })
})

// --- sounds --------------------------------------------------------------------------------

const SOUND: ParsedSound = {
  id: MID,
  title: 'Original Sound - Xiao Zou',
  authorName: 'Xiao Zou',
  original: true,
  durationSec: 15,
  album: null,
  userCount: 1234,
}

const sound = (at: number, over: Partial<ParsedSound> = {}): Observation<ParsedSound> => ({
  at,
  value: { ...SOUND, ...over },
})

const SOUND_ROW: SoundFields = {
  id: MID,
  title: 'Original Sound - Xiao Zou',
  title_lower: 'original sound - xiao zou',
  author_name: 'Xiao Zou',
  original: 1,
  duration: 15,
  album: null,
  tiktok_user_count: 1234,
  observed_at: T1,
  first_seen_at: T1,
  is_demo: 0,
}

describe('mergeSound', () => {
  it('builds a new row from one observation', () => {
    assert.deepEqual(mergeSound(undefined, [sound(T1)], false), SOUND_ROW)
  })

  it('builds an all-unknown row from a bare observation', () => {
    const bare = sound(T1, {
      title: null,
      authorName: null,
      original: null,
      durationSec: null,
      album: null,
      userCount: null,
    })
    assert.deepEqual(mergeSound(undefined, [bare], false), {
      id: MID,
      title: null,
      title_lower: null,
      author_name: null,
      original: null,
      duration: null,
      album: null,
      tiktok_user_count: null,
      observed_at: T1,
      first_seen_at: T1,
      is_demo: 0,
    })
  })

  it('takes the newest known value of each field, in any order', () => {
    const observations = [
      sound(T2, { title: 'Renamed', userCount: null, original: false }),
      sound(T1, { album: 'LP' }),
    ]
    const expected: SoundFields = {
      ...SOUND_ROW,
      title: 'Renamed',
      title_lower: 'renamed',
      original: 0,
      album: 'LP',
      tiktok_user_count: 1234,
      observed_at: T2,
    }
    assert.deepEqual(mergeSound(undefined, observations, false), expected)
    assert.deepEqual(mergeSound(undefined, [...observations].reverse(), false), expected)
  })

  it('keeps stored newer values against an older observation, filling unknowns', () => {
    const stored: SoundFields = {
      ...SOUND_ROW,
      title: 'Renamed',
      title_lower: 'renamed',
      original: null,
      observed_at: T2,
      first_seen_at: T2,
    }
    assert.deepEqual(mergeSound(stored, [sound(T1, { original: false, userCount: 1 })], false), {
      ...SOUND_ROW,
      title: 'Renamed',
      title_lower: 'renamed',
      original: 0,
      observed_at: T2,
      first_seen_at: T1,
    })
  })

  it('keeps is_demo only while nothing but demo batches touched the row', () => {
    assert.equal(mergeSound(undefined, [sound(T1)], true).is_demo, 1)
    assert.equal(mergeSound(undefined, [sound(T1)], false).is_demo, 0)
    const demo = { ...SOUND_ROW, is_demo: 1 }
    assert.equal(mergeSound(demo, [sound(T2)], true).is_demo, 1)
    assert.equal(mergeSound(demo, [sound(T2)], false).is_demo, 0)
    assert.equal(mergeSound(SOUND_ROW, [sound(T2)], true).is_demo, 0)
  })

  it('refuses an empty list of observations', () => {
    assert.throws(() => mergeSound(undefined, [], false), /at least one observation/)
  })
})

// --- order independence (properties) -------------------------------------------------------

/** Times around T1 in a narrow range, so that observations of the same second are frequent. */
const NEAR_T1 = fc.integer({ min: T1 - 3, max: T1 + 3 })
/** Times spread widely enough that distinct times are easy to draw. */
const AROUND_T1 = fc.integer({ min: T1 - 500, max: T1 + 500 })

/** A value, or also `null` (unknown) unless `known`. */
function maybe<T>(arb: fc.Arbitrary<T>, known: boolean): fc.Arbitrary<T | null> {
  return known ? arb : fc.option(arb, { nil: null })
}

const COUNT = fc.nat({ max: 5000 })

function creatorObs(times: fc.Arbitrary<number>, known: boolean) {
  return fc.record({
    at: times,
    value: fc.record({
      id: fc.constant(CID),
      username: maybe(fc.constantFrom('Zg.520', 'zg_520'), known),
      secUid: maybe(fc.constantFrom('s1', 's2'), known),
      nickname: maybe(fc.constantFrom('Xiao', 'Zou', 'XZ'), known),
      bio: maybe(fc.constantFrom('travel', 'food'), known),
      verified: maybe(fc.boolean(), known),
      region: maybe(fc.constantFrom('US', 'CN'), known),
      avatarUrl: maybe(fc.constantFrom('https://a/1.jpeg', 'https://a/2.jpeg'), known),
      privateAccount: maybe(fc.boolean(), known),
      source: fc.constantFrom<ParsedCreator['source']>('profile', 'embedded'),
      followers: maybe(COUNT, known),
      following: maybe(COUNT, known),
      totalLikes: maybe(COUNT, known),
      videoCount: maybe(COUNT, known),
      countsExact: maybe(fc.boolean(), known),
    }),
  })
}

function videoObs(times: fc.Arbitrary<number>, known: boolean) {
  const details = {
    'video.height': fc.constantFrom(720, 1024),
    'video.codec': fc.constantFrom('h264', 'h265'),
  }
  return fc.record({
    at: times,
    value: fc.record({
      id: fc.constant(VID),
      creatorId: maybe(fc.constantFrom('1', '2'), known),
      description: known
        ? fc.constantFrom('Sunset', 'Beach day')
        : fc.constantFrom('', 'Sunset', 'Beach day'),
      postedAt: maybe(fc.constantFrom(1_759_000_000, 1_759_000_001), known),
      durationSec: maybe(fc.constantFrom(15, 60), known),
      contentType: fc.constantFrom<ParsedVideo['contentType']>('video', 'slideshow'),
      isPinned: fc.boolean(),
      isAd: fc.boolean(),
      musicId: maybe(fc.constantFrom('m1', 'm2'), known),
      hashtags: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 3 }),
      plays: maybe(COUNT, known),
      likes: maybe(COUNT, known),
      comments: maybe(COUNT, known),
      shares: maybe(COUNT, known),
      saves: maybe(COUNT, known),
      reposts: maybe(COUNT, known),
      countsExact: maybe(fc.boolean(), known),
      region: maybe(fc.constantFrom('ID', 'FR'), known),
      details: known ? fc.record(details) : fc.record(details, { requiredKeys: [] }),
    }),
  })
}

function hashtagObs(times: fc.Arbitrary<number>, known: boolean) {
  return fc.record({
    at: times,
    value: fc.record({
      name: fc.constant('bali'),
      id: maybe(fc.constant('42'), known),
      // With every value known the description is one text: which of two texts wins across
      // calls is the open problem shown by the todo tests below.
      description: known
        ? fc.constant('Bali')
        : fc.option(fc.constantFrom('', 'Bali', 'Bali island'), { nil: null }),
      videoCount: maybe(COUNT, known),
      viewCount: maybe(COUNT, known),
    }),
  })
}

function soundObs(times: fc.Arbitrary<number>, known: boolean) {
  return fc.record({
    at: times,
    value: fc.record({
      id: fc.constant(MID),
      title: maybe(fc.constantFrom('Song', 'Song (Remix)'), known),
      authorName: maybe(fc.constantFrom('Xiao', 'DJ'), known),
      original: maybe(fc.boolean(), known),
      durationSec: maybe(fc.constantFrom(15, 30), known),
      album: maybe(fc.constantFrom('LP', 'EP'), known),
      userCount: maybe(COUNT, known),
    }),
  })
}

/** How each entity is merged in one call, or in two (the second given the first's row). */
interface Merger<T, R> {
  name: string
  obs: (times: fc.Arbitrary<number>, known: boolean) => fc.Arbitrary<Observation<T>>
  /** A stored row whose times (T1) fall inside the generated ones. */
  stored: () => unknown
  one: (existing: 'stored' | undefined, obs: Observation<T>[], demo: boolean) => R
  two: (first: Observation<T>[], second: Observation<T>[], demo: boolean) => R
  /** The result with what arrival order legitimately changes taken out (sets sorted). */
  unordered: (result: R) => unknown
}

const bySnapshotTime = <S extends { observed_at: number }>(list: readonly S[]) =>
  [...list].sort((a, b) => a.observed_at - b.observed_at)

const creatorMerger: Merger<ParsedCreator, ReturnType<typeof mergeCreator>> = {
  name: 'mergeCreator',
  obs: creatorObs,
  stored: () => CREATOR_ROW,
  one: (existing, obs, demo) => mergeCreator(existing ? CREATOR_ROW : undefined, obs, demo),
  two: (first, second, demo) => {
    const a = mergeCreator(undefined, first, demo)
    const b = mergeCreator(a.row, second, demo)
    return { row: b.row, snapshots: [...a.snapshots, ...b.snapshots] }
  },
  unordered: (r) => ({ row: r.row, snapshots: bySnapshotTime(r.snapshots) }),
}

const videoMerger: Merger<ParsedVideo, ReturnType<typeof mergeVideo>> = {
  name: 'mergeVideo',
  obs: videoObs,
  stored: () => VIDEO_ROW,
  one: (existing, obs, demo) =>
    existing ? mergeVideo(VIDEO_ROW, ['bali'], obs, demo) : mergeVideo(undefined, [], obs, demo),
  two: (first, second, demo) => {
    const a = mergeVideo(undefined, [], first, demo)
    const b = mergeVideo(a.row, a.hashtags, second, demo)
    return { row: b.row, hashtags: b.hashtags, snapshots: [...a.snapshots, ...b.snapshots] }
  },
  unordered: (r) => ({
    row: { ...r.row, details: JSON.parse(r.row.details) as unknown },
    hashtags: [...r.hashtags].sort(),
    snapshots: bySnapshotTime(r.snapshots),
  }),
}

const hashtagMerger: Merger<ParsedHashtag, HashtagFields> = {
  name: 'mergeHashtag',
  obs: hashtagObs,
  stored: () => BARE_HASHTAG_ROW,
  one: (existing, obs, demo) => mergeHashtag(existing ? BARE_HASHTAG_ROW : undefined, obs, demo),
  two: (first, second, demo) => mergeHashtag(mergeHashtag(undefined, first, demo), second, demo),
  unordered: (r) => r,
}

const soundMerger: Merger<ParsedSound, SoundFields> = {
  name: 'mergeSound',
  obs: soundObs,
  stored: () => SOUND_ROW,
  one: (existing, obs, demo) => mergeSound(existing ? SOUND_ROW : undefined, obs, demo),
  two: (first, second, demo) => mergeSound(mergeSound(undefined, first, demo), second, demo),
  unordered: (r) => r,
}

/** A list of observations and the same list in another order. */
function listAndPermutation<T>(obs: fc.Arbitrary<Observation<T>>) {
  return fc
    .array(obs, { minLength: 1, maxLength: 8 })
    .chain((list) =>
      fc.tuple(
        fc.constant(list),
        fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
      ),
    )
}

/** Every observation merged in one call, in whatever order, must give exactly one result. */
function samePermuted<T, R>(m: Merger<T, R>): void {
  fc.assert(
    fc.property(
      listAndPermutation(m.obs(NEAR_T1, false)),
      fc.constantFrom<'stored' | undefined>(undefined, 'stored'),
      fc.boolean(),
      ([list, permuted], existing, demo) => {
        assert.deepEqual(m.one(existing, permuted, demo), m.one(existing, list, demo))
      },
    ),
    { numRuns: 500 },
  )
}

/** Observations split by time into two calls, older ones first (in-order arrival). */
function sameSplitInOrder<T, R>(m: Merger<T, R>): void {
  fc.assert(
    fc.property(
      fc.array(m.obs(NEAR_T1, false), { minLength: 2, maxLength: 8 }),
      NEAR_T1,
      fc.boolean(),
      (list, boundary, demo) => {
        const first = list.filter((o) => o.at < boundary)
        const second = list.filter((o) => o.at >= boundary)
        fc.pre(first.length > 0 && second.length > 0)
        assert.deepEqual(m.two(first, second, demo), m.one(undefined, list, demo))
      },
    ),
    { numRuns: 500 },
  )
}

/** Any split into two calls: here every value is known and no two observations share a time. */
function sameSplitAnyOrderKnown<T, R>(m: Merger<T, R>): void {
  fc.assert(
    fc.property(
      fc.uniqueArray(m.obs(AROUND_T1, true), { minLength: 2, maxLength: 8, selector: (o) => o.at }),
      fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      fc.boolean(),
      (list, mask, demo) => {
        const first = list.filter((_, i) => mask[i])
        const second = list.filter((_, i) => !mask[i])
        fc.pre(first.length > 0 && second.length > 0)
        assert.deepEqual(
          m.unordered(m.two(first, second, demo)),
          m.unordered(m.one(undefined, list, demo)),
        )
      },
    ),
    { numRuns: 500 },
  )
}

/** The full contract: any split, unknown values, shared seconds. */
function sameSplitAnyOrder<T, R>(m: Merger<T, R>): void {
  fc.assert(
    fc.property(
      fc.array(m.obs(NEAR_T1, false), { minLength: 2, maxLength: 8 }),
      fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      fc.boolean(),
      (list, mask, demo) => {
        const first = list.filter((_, i) => mask[i])
        const second = list.filter((_, i) => !mask[i])
        fc.pre(first.length > 0 && second.length > 0)
        assert.deepEqual(
          m.unordered(m.two(first, second, demo)),
          m.unordered(m.one(undefined, list, demo)),
        )
      },
    ),
    { numRuns: 200 },
  )
}

/**
 * Why the full contract is not met yet: a row keeps one observation time per group of fields
 * (identity, profile counters, TikTok totals, the whole video or sound), not one per field. Once
 * a newer observation that did not know a field has advanced that time, an older observation
 * that arrives later cannot tell whether the stored value is older or newer than its own; and
 * an observation of the very second already stored cannot tell which of the two should win.
 */
const PER_FIELD_TIMES =
  'needs one observation time per field in the stored rows (schema change) and a tie rule'

describe('merge order independence (properties)', () => {
  for (const m of [creatorMerger, videoMerger, hashtagMerger, soundMerger] as const) {
    describe(m.name, () => {
      it('gives the same result for every permutation of the observations (one call)', () => {
        samePermuted<unknown, unknown>(m as Merger<unknown, unknown>)
      })

      it('gives the same result when older observations came in an earlier call', () => {
        sameSplitInOrder<unknown, unknown>(m as Merger<unknown, unknown>)
      })

      it('gives the same result for any split into two calls when every value is known', () => {
        sameSplitAnyOrderKnown<unknown, unknown>(m as Merger<unknown, unknown>)
      })

      it('gives the same result for any split into two calls', { todo: PER_FIELD_TIMES }, () => {
        sameSplitAnyOrder<unknown, unknown>(m as Merger<unknown, unknown>)
      })
    })
  }
})

describe('merge across calls: known gaps (todo)', () => {
  it('a video counter an older late observation knows better', { todo: PER_FIELD_TIMES }, () => {
    // plays: 100 at T1, unknown at T3, 200 at T2 → the newest known is 200 (T2).
    const first = mergeVideo(
      undefined,
      [],
      [video(T1, { plays: 100 }), video(T3, { plays: null })],
      false,
    )
    const { row } = mergeVideo(first.row, first.hashtags, [video(T2, { plays: 200 })], false)
    assert.equal(row.plays, 200)
  })

  it('a hashtag description from an older, late observation', { todo: PER_FIELD_TIMES }, () => {
    const first = mergeHashtag(undefined, [hashtag(T2, { description: 'New text' })], false)
    const row = mergeHashtag(first, [hashtag(T1, { description: 'Old text' })], false)
    assert.equal(row.description, 'New text')
  })

  it('a sound total behind a newer observation without one', { todo: PER_FIELD_TIMES }, () => {
    // userCount 1000 at T1; a video's music block at T3 (no total); the detail of T2 arrives last.
    const first = mergeSound(
      undefined,
      [sound(T1, { userCount: 1000 }), sound(T3, { userCount: null })],
      false,
    )
    assert.equal(mergeSound(first, [sound(T2, { userCount: 1500 })], false).tiktok_user_count, 1500)
  })

  it('an embedded stand-in next to a profile without counters', { todo: PER_FIELD_TIMES }, () => {
    // One call keeps the embedded 5 (the profile of T2 does not know followers); two calls,
    // the profile first, drop it because a profile was already stored.
    const observations = [embedded(T1, { followers: 5 }), profile(T2, { followers: null })]
    assert.equal(mergeCreator(undefined, observations, false).row.followers, 5)
    const first = mergeCreator(undefined, [profile(T2, { followers: null })], false)
    assert.equal(mergeCreator(first.row, [embedded(T1, { followers: 5 })], false).row.followers, 5)
  })
})
