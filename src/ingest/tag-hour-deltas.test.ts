import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { accumulateHourDeltas, type HourDeltaMap, hourDeltaRows } from './tag-hour-deltas.js'

const H = 3_600

function run(
  steps: Array<
    [Parameters<typeof accumulateHourDeltas>[0], Parameters<typeof accumulateHourDeltas>[1]]
  >,
) {
  const hashtags: HourDeltaMap = new Map()
  const sounds: HourDeltaMap = new Map()
  for (const [before, after] of steps) accumulateHourDeltas(before, after, hashtags, sounds)
  return { tags: hourDeltaRows(hashtags), sounds: hourDeltaRows(sounds) }
}

describe('accumulateHourDeltas', () => {
  it('puts a new video in its hour for each hashtag and its sound', () => {
    const d = run([
      [undefined, { plays: 50, hashtags: ['a', 'b'], musicId: 'm', postedAt: 10 * H + 5 }],
    ])
    assert.deepEqual(d.tags, [
      { key: 'a', hour: 10, videos: 1, plays: 50 },
      { key: 'b', hour: 10, videos: 1, plays: 50 },
    ])
    assert.deepEqual(d.sounds, [{ key: 'm', hour: 10, videos: 1, plays: 50 }])
  })

  it('adds only the plays difference when a video is seen again in the same hour', () => {
    const before = { plays: 50, hashtags: ['a'], musicId: 'm', postedAt: 10 * H }
    const d = run([[before, { ...before, plays: 80 }]])
    assert.deepEqual(d.tags, [{ key: 'a', hour: 10, videos: 0, plays: 30 }])
    assert.deepEqual(d.sounds, [{ key: 'm', hour: 10, videos: 0, plays: 30 }])
  })

  it('moves a video whose posting time, sound or tags changed, and counts unknown plays as 0', () => {
    const before = { plays: null, hashtags: ['a'], musicId: 'm', postedAt: 10 * H }
    const d = run([[before, { plays: 7, hashtags: ['a', 'c'], musicId: 'n', postedAt: 12 * H }]])
    assert.deepEqual(d.tags, [
      { key: 'a', hour: 10, videos: -1, plays: 0 },
      { key: 'a', hour: 12, videos: 1, plays: 7 },
      { key: 'c', hour: 12, videos: 1, plays: 7 },
    ])
    assert.deepEqual(d.sounds, [
      { key: 'm', hour: 10, videos: -1, plays: 0 },
      { key: 'n', hour: 12, videos: 1, plays: 7 },
    ])
  })

  it('leaves out videos without a posting time and changes that cancel out', () => {
    const undated = { plays: 9, hashtags: ['a'], musicId: 'm', postedAt: null }
    assert.deepEqual(run([[undefined, undated]]), { tags: [], sounds: [] })
    const v = { plays: 9, hashtags: ['a'], musicId: 'm', postedAt: H }
    assert.deepEqual(run([[v, v]]), { tags: [], sounds: [] })
  })
})
