/** Unit tests of the daily series of metrics.md §9 (last observation of each UTC day). */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dailySeries, dayDate } from './daily-series.js'

const DAY = 86_400
// 2026-10-01 is day 20,727: 56 years 1970–2025 = 56 × 365 + 14 leap days = 20,454, plus 273
// days of January–September 2026.
const OCT_1 = Date.UTC(2026, 9, 1) / 1000

describe('dailySeries', () => {
  it('keeps the last observation of each UTC day, oldest day first, whatever the input order', () => {
    const series = dailySeries([
      { observedAt: OCT_1 + DAY + 20 * 3600, value: 150 }, // Oct 2, 20:00 — the day's last
      { observedAt: OCT_1 + 23 * 3600 + 3599, value: 100 }, // Oct 1, 23:59:59
      { observedAt: OCT_1 + DAY + 8 * 3600, value: 900 }, // Oct 2, 08:00 — replaced
      { observedAt: OCT_1 + DAY, value: 120 }, // Oct 2, 00:00:00 belongs to Oct 2
      { observedAt: OCT_1 + 5 * DAY + 1, value: 400 }, // Oct 6
    ])
    assert.deepEqual(series, [
      { day: 20_727, date: '2026-10-01', observedAt: OCT_1 + 86_399, value: 100 },
      { day: 20_728, date: '2026-10-02', observedAt: OCT_1 + DAY + 72_000, value: 150 },
      { day: 20_732, date: '2026-10-06', observedAt: OCT_1 + 5 * DAY + 1, value: 400 },
    ])
  })

  it('is empty without observations', () => {
    assert.deepEqual(dailySeries([]), [])
  })

  it('names days as UTC dates', () => {
    assert.equal(dayDate(0), '1970-01-01')
    assert.equal(dayDate(20_727), '2026-10-01')
  })
})
