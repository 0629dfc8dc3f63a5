/** The retry schedule of webhook deliveries, to the millisecond. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DEFAULT_RETRY_SCHEDULE, retryDelayMs } from './webhook-retry.js'

describe('retryDelayMs', () => {
  const s = DEFAULT_RETRY_SCHEDULE
  it('doubles from 30 s without jitter (random 0.5 is the middle)', () => {
    // 30 000 × 2^(n−1) for n = 1…7: 30 s, 60 s, 120 s, 240 s, 480 s, 960 s, 1920 s.
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, s, 0.5))
    assert.deepEqual(delays, [30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000])
  })
  it('gives up after the eighth attempt', () => {
    assert.equal(retryDelayMs(8, s, 0.5), null)
    assert.equal(retryDelayMs(9, s, 0.5), null)
  })
  it('moves a delay by at most ±10 %', () => {
    // 60 000 × (1 + 0.1 × (2·0 − 1)) = 54 000.
    assert.equal(retryDelayMs(2, s, 0), 54_000)
    // 60 000 × (1 + 0.1 × 0.999998) = 65 999.988, rounded: 66 000.
    assert.equal(retryDelayMs(2, s, 0.999999), 66_000)
  })
  it('caps the delay before jitter', () => {
    const capped = { ...s, maxAttempts: 20 }
    // 30 000 × 2^12 = 122 880 000 > 3 600 000: the cap.
    assert.equal(retryDelayMs(13, capped, 0.5), 3_600_000)
  })
  it('follows a short schedule for tests', () => {
    const fast = { baseDelayMs: 5, maxDelayMs: 40, maxAttempts: 4, jitter: 0 }
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => retryDelayMs(n, fast, 0.9)),
      [5, 10, 20, null],
    )
  })
})
