/** Unit tests of the posting schedule: UTC weekday/hour bucketing and the best slots. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { bestSlot, hourOfDay, postingSchedule, weekdayIndex } from './posting-schedule.js'

// 2026-11-23 is a Monday.
const at = (iso: string): number => Date.parse(iso) / 1000

describe('weekdayIndex and hourOfDay', () => {
  it('are UTC, Monday first', () => {
    assert.equal(weekdayIndex(at('2026-11-23T00:00:00Z')), 0)
    assert.equal(weekdayIndex(at('2026-11-29T23:59:59Z')), 6)
    assert.equal(weekdayIndex(at('2026-11-30T00:00:00Z')), 0)
    assert.equal(hourOfDay(at('2026-11-23T00:59:59Z')), 0)
    assert.equal(hourOfDay(at('2026-11-23T23:00:00Z')), 23)
  })
})

describe('postingSchedule', () => {
  const videos = [
    { postedAt: at('2026-11-23T10:15:00Z'), plays: 1000 }, // Monday 10h
    { postedAt: at('2026-11-30T10:45:00Z'), plays: 2001 }, // Monday 10h
    { postedAt: at('2026-11-24T18:00:00Z'), plays: 90_000 }, // Tuesday 18h, alone
    { postedAt: at('2026-11-25T18:30:00Z'), plays: 500 }, // Wednesday 18h
    { postedAt: at('2026-11-25T07:00:00Z'), plays: null }, // Wednesday 7h, views unknown
    { postedAt: null, plays: 1_000_000 }, // no time: left out
  ]
  const s = postingSchedule(videos)

  it('counts posts and averages known views per weekday and hour', () => {
    assert.equal(s.postsAnalyzed, 5)
    assert.equal(s.byWeekday.length, 7)
    assert.equal(s.byHour.length, 24)
    // Monday: (1000 + 2001) / 2 = 1500.5 → 1501
    assert.deepEqual(s.byWeekday[0], {
      weekday: 'monday',
      posts: 2,
      avgViews: 1501,
      postsWithViews: 2,
    })
    // Wednesday: 2 posts, one with views: 500
    assert.deepEqual(s.byWeekday[2], {
      weekday: 'wednesday',
      posts: 2,
      avgViews: 500,
      postsWithViews: 1,
    })
    assert.deepEqual(s.byWeekday[6], {
      weekday: 'sunday',
      posts: 0,
      avgViews: null,
      postsWithViews: 0,
    })
    // 18h: (90000 + 500) / 2 = 45250
    assert.deepEqual(s.byHour[18], { hour: 18, posts: 2, avgViews: 45_250, postsWithViews: 2 })
    assert.deepEqual(s.byHour[7], { hour: 7, posts: 1, avgViews: null, postsWithViews: 0 })
  })

  it('counts posts per weekday and hour in a 7 × 24 grid', () => {
    const expected = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0))
    const put = (day: number, hour: number, posts: number) => {
      const row = expected[day]
      if (row) row[hour] = posts
    }
    put(0, 10, 2) // Monday 10h twice
    put(1, 18, 1) // Tuesday 18h
    put(2, 18, 1) // Wednesday 18h
    put(2, 7, 1) // Wednesday 7h (views unknown, still a post)
    assert.deepEqual(s.postsByWeekdayHour, expected)
  })

  it('picks the best slots among those with enough posts with views', () => {
    // Tuesday has the highest average but a single post; Monday is the only day with 2.
    assert.equal(s.bestWeekday?.weekday, 'monday')
    // 18h (45,250) beats 10h (1,501).
    assert.equal(s.bestHour?.hour, 18)
    assert.equal(s.minPosts, 2)
    // With a minimum of 1, the single Tuesday post wins.
    assert.equal(postingSchedule(videos, 1).bestWeekday?.weekday, 'tuesday')
  })

  it('has no best slot when no slot has enough posts', () => {
    const one = postingSchedule([{ postedAt: at('2026-11-23T10:00:00Z'), plays: 5 }])
    assert.equal(one.bestWeekday, null)
    assert.equal(one.bestHour, null)
    assert.equal(postingSchedule([]).postsAnalyzed, 0)
  })
})

describe('bestSlot', () => {
  it('breaks ties by more posts, then by list order', () => {
    const slots = [
      { id: 'a', posts: 2, avgViews: 100, postsWithViews: 2 },
      { id: 'b', posts: 3, avgViews: 100, postsWithViews: 3 },
      { id: 'c', posts: 3, avgViews: 100, postsWithViews: 3 },
      { id: 'd', posts: 9, avgViews: 99, postsWithViews: 9 },
    ]
    assert.equal(bestSlot(slots, 2)?.id, 'b')
    assert.equal(bestSlot(slots, 4)?.id, 'd')
    assert.equal(bestSlot(slots, 10), null)
  })
})
