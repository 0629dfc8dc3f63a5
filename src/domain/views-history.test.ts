/** Unit tests of the daily tracked-views series. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dailyTrackedViews } from './views-history.js'

const DAY = 86_400
const D0 = Date.parse('2026-11-01T00:00:00Z') / 1000

describe('dailyTrackedViews', () => {
  const obs = [
    { videoId: 'a', observedAt: D0 + 100, plays: 10 },
    { videoId: 'b', observedAt: D0 + 200, plays: 5 },
    { videoId: 'a', observedAt: D0 + DAY + 50, plays: 30 }, // a grows, b carried
    { videoId: 'b', observedAt: D0 + DAY + 60, plays: null }, // unknown: ignored
    { videoId: 'c', observedAt: D0 + 3 * DAY + 10, plays: 100 },
    { videoId: 'a', observedAt: D0 + 3 * DAY + 5, plays: 31 },
  ]

  it('gives one running total per UTC day with an observation, oldest first', () => {
    assert.deepEqual(dailyTrackedViews(obs), [
      { day: '2026-11-01', observedAt: D0 + 200, trackedViews: 15, trackedVideos: 2 },
      { day: '2026-11-02', observedAt: D0 + DAY + 50, trackedViews: 35, trackedVideos: 2 },
      { day: '2026-11-04', observedAt: D0 + 3 * DAY + 10, trackedViews: 136, trackedVideos: 3 },
    ])
  })

  it('carries earlier observations into a since…until window', () => {
    assert.deepEqual(dailyTrackedViews(obs, { since: D0 + DAY, until: D0 + 3 * DAY + 5 }), [
      { day: '2026-11-02', observedAt: D0 + DAY + 50, trackedViews: 35, trackedVideos: 2 },
      { day: '2026-11-04', observedAt: D0 + 3 * DAY + 5, trackedViews: 36, trackedVideos: 2 },
    ])
    assert.deepEqual(dailyTrackedViews(obs, { since: D0 + 5 * DAY }), [])
    assert.deepEqual(dailyTrackedViews([]), [])
  })
})
