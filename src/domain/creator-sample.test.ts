/** Unit tests of the creator sample selection. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type SampleVideo, selectSample } from './creator-sample.js'

interface TestVideo extends SampleVideo {
  id: string
}

function video(id: string, postedAt: number | null, extra: Partial<TestVideo> = {}): TestVideo {
  return {
    id,
    postedAt,
    isPinned: false,
    plays: 1000,
    likes: 10,
    comments: 1,
    shares: 1,
    saves: null,
    ...extra,
  }
}

describe('selectSample', () => {
  it('is empty for no videos', () => {
    assert.deepEqual(selectSample([]), [])
  })

  it('orders by postedAt, newest first', () => {
    const videos = [video('a', 100), video('b', 300), video('c', 200)]
    assert.deepEqual(
      selectSample(videos).map((v) => v.id),
      ['b', 'c', 'a'],
    )
  })

  it('excludes pinned videos, unknown plays and unknown postedAt', () => {
    const videos = [
      video('pinned', 500, { isPinned: true }),
      video('no-plays', 400, { plays: null }),
      video('no-date', null),
      video('zero-plays', 300, { plays: 0 }),
      video('kept', 200),
    ]
    // zero plays are known plays, so that video stays
    assert.deepEqual(
      selectSample(videos).map((v) => v.id),
      ['zero-plays', 'kept'],
    )
  })

  it('keeps only the 30 most recent', () => {
    // 35 videos posted at 1 … 35; the sample is 35 down to 6
    const videos = Array.from({ length: 35 }, (_, i) => video(`v${i + 1}`, i + 1))
    const sample = selectSample(videos)
    assert.equal(sample.length, 30)
    assert.equal(sample[0]?.id, 'v35')
    assert.equal(sample[29]?.id, 'v6')
  })

  it('fills the 30 from older videos when recent ones are pinned', () => {
    // 31 videos; the newest (31) is pinned, so 30 … 1 form the sample
    const videos = Array.from({ length: 31 }, (_, i) =>
      video(`v${i + 1}`, i + 1, { isPinned: i === 30 }),
    )
    const sample = selectSample(videos)
    assert.equal(sample.length, 30)
    assert.equal(sample[0]?.id, 'v30')
    assert.equal(sample[29]?.id, 'v1')
  })

  it('keeps input order for equal postedAt and does not mutate its input', () => {
    const videos = [video('x', 100), video('y', 100), video('z', 200)]
    assert.deepEqual(
      selectSample(videos).map((v) => v.id),
      ['z', 'x', 'y'],
    )
    assert.deepEqual(
      videos.map((v) => v.id),
      ['x', 'y', 'z'],
    )
  })
})
