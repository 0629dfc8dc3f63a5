import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { HOUR_SECONDS, hourOf, splitWindow } from './tag-hours.js'

describe('hourOf', () => {
  it('is the whole hours since the epoch, rounded down, also before 1970', () => {
    assert.equal(hourOf(0), 0)
    assert.equal(hourOf(3_599), 0)
    assert.equal(hourOf(3_600), 1)
    assert.equal(hourOf(1_764_072_000), 490_020)
    assert.equal(hourOf(-1), -1)
    assert.equal(hourOf(-3_600), -1)
    assert.equal(hourOf(-3_601), -2)
  })
})

describe('splitWindow', () => {
  it('needs no edge when the window starts on the hour', () => {
    assert.deepEqual(splitWindow(7_200), { firstHour: 2, edgeEnd: 7_200 })
  })

  it('reads the rest of a started hour from the videos, then whole hours', () => {
    assert.deepEqual(splitWindow(7_201), { firstHour: 3, edgeEnd: 10_800 })
    assert.deepEqual(splitWindow(10_799), { firstHour: 3, edgeEnd: 10_800 })
  })

  it('covers every second from the start exactly once', () => {
    for (const start of [-7_201, -1, 0, 1, 3_599, 3_600, 1_764_072_001]) {
      const { firstHour, edgeEnd } = splitWindow(start)
      assert.ok(edgeEnd >= start && edgeEnd - start < HOUR_SECONDS)
      assert.equal(edgeEnd, firstHour * HOUR_SECONDS)
      // The first bucket counted starts where the edge ends; the one before started earlier.
      assert.ok((firstHour - 1) * HOUR_SECONDS < start || edgeEnd === start)
    }
  })
})
