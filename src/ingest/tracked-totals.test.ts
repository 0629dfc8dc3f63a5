/** Unit tests of the tracked hashtag and sound totals kept by delta. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  accumulateDelta,
  type DeltaMap,
  type TotalsDelta,
  type VideoContribution,
} from './tracked-totals.js'

/** Runs one delta into fresh maps and returns them as plain objects. */
function delta(
  before: VideoContribution | undefined,
  after: VideoContribution,
): { hashtags: Record<string, TotalsDelta>; sounds: Record<string, TotalsDelta> } {
  const hashtags: DeltaMap = new Map()
  const sounds: DeltaMap = new Map()
  accumulateDelta(before, after, hashtags, sounds)
  return { hashtags: Object.fromEntries(hashtags), sounds: Object.fromEntries(sounds) }
}

describe('accumulateDelta', () => {
  it('counts a new video once per hashtag and for its sound', () => {
    assert.deepEqual(
      delta(undefined, { plays: 1000, hashtags: ['bali', 'sunset'], musicId: 'm1' }),
      {
        hashtags: { bali: { videos: 1, views: 1000 }, sunset: { videos: 1, views: 1000 } },
        sounds: { m1: { videos: 1, views: 1000 } },
      },
    )
  })

  it('counts a new video without hashtags or sound nowhere', () => {
    assert.deepEqual(delta(undefined, { plays: 1000, hashtags: [], musicId: null }), {
      hashtags: {},
      sounds: {},
    })
  })

  it('adds only the change of plays for a known video', () => {
    assert.deepEqual(
      delta(
        { plays: 1000, hashtags: ['bali'], musicId: 'm1' },
        { plays: 1500, hashtags: ['bali'], musicId: 'm1' },
      ),
      { hashtags: { bali: { videos: 0, views: 500 } }, sounds: { m1: { videos: 0, views: 500 } } },
    )
  })

  it('adds nothing but zero entries when nothing changed', () => {
    assert.deepEqual(
      delta(
        { plays: 1000, hashtags: ['bali'], musicId: 'm1' },
        { plays: 1000, hashtags: ['bali'], musicId: 'm1' },
      ),
      { hashtags: { bali: { videos: 0, views: 0 } }, sounds: { m1: { videos: 0, views: 0 } } },
    )
  })

  it('counts an added hashtag with all the plays, the kept ones with the change', () => {
    assert.deepEqual(
      delta(
        { plays: 1000, hashtags: ['bali'], musicId: null },
        { plays: 1200, hashtags: ['bali', 'travel'], musicId: null },
      ),
      {
        hashtags: { bali: { videos: 0, views: 200 }, travel: { videos: 1, views: 1200 } },
        sounds: {},
      },
    )
  })

  it('moves the video from sound A to sound B', () => {
    assert.deepEqual(
      delta(
        { plays: 1000, hashtags: [], musicId: 'm1' },
        { plays: 1100, hashtags: [], musicId: 'm2' },
      ),
      {
        hashtags: {},
        sounds: { m1: { videos: -1, views: -1000 }, m2: { videos: 1, views: 1100 } },
      },
    )
  })

  it('adds the video to a sound that was unknown before', () => {
    assert.deepEqual(
      delta(
        { plays: 1000, hashtags: [], musicId: null },
        { plays: 1000, hashtags: [], musicId: 'm1' },
      ),
      { hashtags: {}, sounds: { m1: { videos: 1, views: 1000 } } },
    )
  })

  it('removes the video from a sound it no longer names', () => {
    assert.deepEqual(
      delta(
        { plays: 1000, hashtags: [], musicId: 'm1' },
        { plays: 1000, hashtags: [], musicId: null },
      ),
      { hashtags: {}, sounds: { m1: { videos: -1, views: -1000 } } },
    )
  })

  it('counts unknown plays as 0', () => {
    assert.deepEqual(delta(undefined, { plays: null, hashtags: ['bali'], musicId: 'm1' }), {
      hashtags: { bali: { videos: 1, views: 0 } },
      sounds: { m1: { videos: 1, views: 0 } },
    })
    assert.deepEqual(
      delta(
        { plays: null, hashtags: ['bali'], musicId: 'm1' },
        { plays: 700, hashtags: ['bali'], musicId: 'm1' },
      ),
      { hashtags: { bali: { videos: 0, views: 700 } }, sounds: { m1: { videos: 0, views: 700 } } },
    )
    assert.deepEqual(
      delta(
        { plays: 700, hashtags: ['bali'], musicId: 'm1' },
        { plays: null, hashtags: ['bali'], musicId: 'm2' },
      ),
      {
        hashtags: { bali: { videos: 0, views: -700 } },
        sounds: { m1: { videos: -1, views: -700 }, m2: { videos: 1, views: 0 } },
      },
    )
  })

  it('adds to what the maps already hold', () => {
    const hashtags: DeltaMap = new Map([['bali', { videos: 3, views: 30 }]])
    const sounds: DeltaMap = new Map([['m1', { videos: 1, views: 10 }]])
    accumulateDelta(undefined, { plays: 100, hashtags: ['bali'], musicId: 'm1' }, hashtags, sounds)
    accumulateDelta(
      undefined,
      { plays: 5, hashtags: ['bali', 'x'], musicId: 'm2' },
      hashtags,
      sounds,
    )
    assert.deepEqual(Object.fromEntries(hashtags), {
      bali: { videos: 5, views: 135 },
      x: { videos: 1, views: 5 },
    })
    assert.deepEqual(Object.fromEntries(sounds), {
      m1: { videos: 2, views: 110 },
      m2: { videos: 1, views: 5 },
    })
  })
})

/** One observed state of a video: its plays, tags it gains (tags only grow), its sound. */
interface Step {
  video: number
  plays: number | null
  newTags: string[]
  musicId: string | null
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  video: fc.integer({ min: 0, max: 3 }),
  plays: fc.option(fc.nat({ max: 1_000_000 }), { nil: null }),
  newTags: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 3 }),
  musicId: fc.option(fc.constantFrom('m1', 'm2', 'm3'), { nil: null }),
})

/** Drops entries that net to nothing: a delta may leave a {0, 0}, a recount never does. */
function nonZero(map: DeltaMap): Record<string, TotalsDelta> {
  return Object.fromEntries([...map].filter(([, d]) => d.videos !== 0 || d.views !== 0))
}

describe('accumulateDelta (property)', () => {
  it('applied video by video equals a full recount over the final state', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        const state = new Map<number, VideoContribution>()
        const hashtags: DeltaMap = new Map()
        const sounds: DeltaMap = new Map()
        for (const step of steps) {
          const before = state.get(step.video)
          const tags = [...(before?.hashtags ?? [])]
          for (const tag of step.newTags) if (!tags.includes(tag)) tags.push(tag)
          const after = { plays: step.plays, hashtags: tags, musicId: step.musicId }
          accumulateDelta(before, after, hashtags, sounds)
          state.set(step.video, after)
        }
        // The recount: every final video counts once per tag and for its sound, with its plays.
        const recountTags: DeltaMap = new Map()
        const recountSounds: DeltaMap = new Map()
        const count = (map: DeltaMap, key: string, plays: number) => {
          const total = map.get(key) ?? { videos: 0, views: 0 }
          map.set(key, { videos: total.videos + 1, views: total.views + plays })
        }
        for (const video of state.values()) {
          for (const tag of video.hashtags) count(recountTags, tag, video.plays ?? 0)
          if (video.musicId !== null) count(recountSounds, video.musicId, video.plays ?? 0)
        }
        assert.deepEqual(nonZero(hashtags), nonZero(recountTags))
        assert.deepEqual(nonZero(sounds), nonZero(recountSounds))
      }),
      { numRuns: 300 },
    )
  })
})
