/** Unit and property tests of snapshot thinning (which snapshots survive retention). */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { retentionHorizon, snapshotsToDelete } from './snapshot-retention.js'

const DAY = 86_400
const NOW = Date.parse('2026-11-25T12:00:00Z') / 1000

/** The calendar date, as Date prints it. */
const utcDate = (t: number) => new Date(t * 1000).toISOString().slice(0, 10)

/** ISO 8601 week `YYYY-Www`: the week-year is the year of the week's Thursday. */
function isoWeek(t: number): string {
  const d = new Date(t * 1000)
  const mondayBased = (d.getUTCDay() + 6) % 7
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - mondayBased + 3)
  const year = new Date(thursday).getUTCFullYear()
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY * 1000))
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** The rule as the issue states it, written from calendar strings rather than day arithmetic. */
function expectedSurvivors(times: readonly number[], now: number): number[] {
  const last = (key: (t: number) => string) => {
    const m = new Map<string, number>()
    for (const t of times) m.set(key(t), Math.max(m.get(key(t)) ?? t, t))
    return m
  }
  const byDate = last(utcDate)
  const byWeek = last(isoWeek)
  return times.filter((t) => {
    const ageDays = (now - t) / DAY
    if (ageDays <= 30) return true
    if (ageDays <= 365) return byDate.get(utcDate(t)) === t
    return byWeek.get(isoWeek(t)) === t
  })
}

const survivors = (times: readonly number[], now: number) => {
  const gone = new Set(snapshotsToDelete(times, now))
  return times.filter((t) => !gone.has(t))
}

// Up to three years back and a little ahead, in clusters so that days and weeks repeat.
const times = fc
  .uniqueArray(
    fc.oneof(
      fc.integer({ min: NOW - 3 * 365 * DAY, max: NOW + DAY }),
      fc.integer({ min: NOW - 400 * DAY, max: NOW - 360 * DAY }),
      fc.integer({ min: NOW - 35 * DAY, max: NOW - 25 * DAY }),
    ),
    { maxLength: 120 },
  )
  .map((ts) => ts.sort((a, b) => a - b))

describe('snapshotsToDelete', () => {
  it('keeps everything 30 days old or less, one a day to a year, one an ISO week beyond', () => {
    const at = (iso: string) => Date.parse(iso) / 1000
    const input = [
      at('2024-06-03T08:00:00Z'), // Monday of ISO week 2024-W23
      at('2024-06-09T23:00:00Z'), // Sunday of the same week: its last → kept
      at('2024-06-10T01:00:00Z'), // Monday of W24, alone → kept
      at('2026-03-01T10:00:00Z'),
      at('2026-03-01T22:00:00Z'), // last of 2026-03-01 → kept
      at('2026-03-02T10:00:00Z'), // alone that day → kept
      at('2026-11-20T01:00:00Z'),
      at('2026-11-20T02:00:00Z'), // both younger than 30 days → kept
    ]
    assert.deepEqual(snapshotsToDelete(input, NOW), [
      at('2024-06-03T08:00:00Z'),
      at('2026-03-01T10:00:00Z'),
    ])
  })

  it('treats exactly 30 and 365 days as young enough for the tier above', () => {
    // a is exactly 30 days old (12:00 UTC): kept though not its day's last; a − 1 is not.
    const a = NOW - 30 * DAY
    assert.deepEqual(snapshotsToDelete([a, a + 1], NOW), [])
    assert.deepEqual(snapshotsToDelete([a - 1, a], NOW), [a - 1])
    // y is exactly 365 days old (Tuesday 2025-11-25): the last of its day though not of its week.
    const y = NOW - 365 * DAY
    assert.deepEqual(snapshotsToDelete([y, y + 2 * DAY], NOW), [])
    // Monday 23:00 of that week is older: last of its day, not of its week.
    assert.deepEqual(snapshotsToDelete([y - 13 * 3600, y], NOW), [y - 13 * 3600])
  })

  it('never deletes an entity’s newest snapshot, nor anything when there is one', () => {
    assert.deepEqual(snapshotsToDelete([], NOW), [])
    assert.deepEqual(snapshotsToDelete([NOW - 3000 * DAY], NOW), [])
    fc.assert(
      fc.property(times, (ts) => {
        const newest = ts.at(-1)
        if (newest !== undefined) assert.ok(survivors(ts, NOW).includes(newest))
      }),
    )
  })

  it('agrees with the rule written from calendar dates and ISO weeks', () => {
    fc.assert(
      fc.property(times, (ts) => {
        assert.deepEqual(survivors(ts, NOW), expectedSurvivors(ts, NOW))
      }),
      { numRuns: 500 },
    )
  })

  it('is idempotent, and later runs only thin further', () => {
    fc.assert(
      fc.property(times, fc.integer({ min: 0, max: 400 }), (ts, laterDays) => {
        const once = survivors(ts, NOW)
        assert.deepEqual(snapshotsToDelete(once, NOW), [])
        const later = NOW + laterDays * DAY
        // Thinning now then later leaves what thinning only later leaves.
        assert.deepEqual(survivors(once, later), survivors(ts, later))
      }),
    )
  })

  it('needs only the snapshots before the horizon', () => {
    fc.assert(
      fc.property(times, (ts) => {
        const horizon = retentionHorizon(NOW)
        const before = ts.filter((t) => t < horizon)
        assert.deepEqual(snapshotsToDelete(before, NOW), snapshotsToDelete(ts, NOW))
        assert.ok(horizon > NOW - 30 * DAY && horizon <= NOW - 29 * DAY)
        assert.equal(horizon % DAY, 0)
      }),
    )
  })
})
