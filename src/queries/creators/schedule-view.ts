/** The API shape of a posting schedule (domain/posting-schedule.ts) and of a growth change. */
import type { GrowthChange } from '../../domain/growth.js'
import type { PostingSchedule, SlotStats } from '../../domain/posting-schedule.js'
import { isoTime } from '../iso-time.js'

const slot = (s: SlotStats) => ({ posts: s.posts, avg_views: s.avgViews })

/** `PostingSchedule` of the served OpenAPI document (snake_case, UTC). */
export function postingScheduleView(s: PostingSchedule) {
  return {
    posts_analyzed: s.postsAnalyzed,
    min_posts: s.minPosts,
    by_weekday: s.byWeekday.map((d) => ({ weekday: d.weekday, ...slot(d) })),
    by_hour: s.byHour.map((h) => ({ hour: h.hour, ...slot(h) })),
    posts_by_weekday_hour: s.postsByWeekdayHour,
    best_weekday: s.bestWeekday && { weekday: s.bestWeekday.weekday, ...slot(s.bestWeekday) },
    best_hour: s.bestHour && { hour: s.bestHour.hour, ...slot(s.bestHour) },
  }
}

export type PostingScheduleView = ReturnType<typeof postingScheduleView>

/** `GrowthChange` of the served OpenAPI document. */
export function growthView(g: GrowthChange) {
  return {
    from: isoTime(g.fromAt),
    to: isoTime(g.toAt),
    start_value: g.startValue,
    end_value: g.endValue,
    change: g.change,
    change_percent: g.changePercent,
  }
}

export type GrowthView = ReturnType<typeof growthView>
