import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  captionHashtags,
  creatorSponsorship,
  mentionedHandles,
  type SponsoredSampleVideo,
  videoSponsorship,
} from './sponsored.js'

describe('videoSponsorship (metrics.md §11)', () => {
  it('discloses by whole hashtags only, case-insensitive; #collab and #adventure do not count', () => {
    assert.deepEqual(captionHashtags('Trip #Adventure #AD #ad #collab'), [
      'adventure',
      'ad',
      'collab',
    ])
    assert.deepEqual(videoSponsorship({}, 'Trip #adventure #collab'), {
      sponsored: null,
      evidence: [],
    })
    assert.deepEqual(videoSponsorship({}, 'Neu! #Werbung #anzeige'), {
      sponsored: true,
      evidence: ['hashtag:#werbung', 'hashtag:#anzeige'],
    })
  })

  it('false needs a flag that was sent; branded_content_type 0 is organic', () => {
    assert.deepEqual(videoSponsorship({ branded_content_type: 0 }, 'hi'), {
      sponsored: false,
      evidence: [],
    })
    assert.deepEqual(videoSponsorship({ ad_label_version: 2 }, 'hi'), {
      sponsored: null,
      evidence: [],
    })
  })

  it('mentions come from the entities and the caption, never an e-mail address', () => {
    assert.deepEqual(
      mentionedHandles(
        { mentioned_usernames: ['BrandCo'] },
        'with @brandco and @Other_1. mail a@b.com',
      ),
      ['brandco', 'other_1'],
    )
  })
})

const v = (
  sponsored: boolean | null,
  plays: number,
  likes: number,
  comments: number,
  shares: number,
  mentions: string[] = [],
): SponsoredSampleVideo => ({ sponsored, plays, likes, comments, shares, mentions })

describe('creatorSponsorship (metrics.md §11)', () => {
  it('share over the known videos, both engagement rates, brands by count then handle', () => {
    const sample = [
      v(true, 1000, 50, 5, 5, ['brandb', 'me']),
      v(true, 3000, 100, 10, 10, ['branda', 'brandb']),
      v(false, 2000, 200, 20, 20),
      v(false, 500, 10, 0, 0),
      v(null, 9000, 900, 0, 0, ['ignored']),
      v(false, 500, 0, 0, 0),
    ]
    // known = 5 (one null), sponsored 2 → 100 × 2 / 5 = 40.0
    // sponsored ER: (60 + 120) / (1000 + 3000) = 180 / 4000 → 4.5 %
    // organic ER: (240 + 10 + 0) / (2000 + 500 + 500) = 250 / 3000 = 8.333… → 8.33 %
    // brands: brandb 2, branda 1 ("me" is the creator, case-insensitive)
    assert.deepEqual(creatorSponsorship(sample, 'Me'), {
      share: 40,
      sponsoredEngagementRate: 4.5,
      organicEngagementRate: 8.33,
      brands: [
        { handle: 'brandb', videos: 2 },
        { handle: 'branda', videos: 1 },
      ],
    })
  })

  it('nothing known: share null; an empty subset has a null rate, never 0', () => {
    assert.deepEqual(creatorSponsorship([v(null, 100, 1, 1, 1)], null), {
      share: null,
      sponsoredEngagementRate: null,
      organicEngagementRate: null,
      brands: [],
    })
    const organicOnly = creatorSponsorship([v(false, 300, 1, 1, 1)], null)
    // 3 / 300 = 1 %
    assert.equal(organicOnly.share, 0)
    assert.equal(organicOnly.sponsoredEngagementRate, null)
    assert.equal(organicOnly.organicEngagementRate, 1)
  })
})
