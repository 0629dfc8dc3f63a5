/** When a creator posts: a UTC weekday × hour grid of posts, shaded by how many fell in each slot. */
import { useMemo } from 'preact/hooks'
import type { PostingSchedule } from '../api-types.js'
import { compact } from '../format.js'

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const
const HOURS = Array.from({ length: 24 }, (_, h) => h)

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

export function ScheduleHeatmap({
  schedule,
}: {
  /** The API's analysis over every analyzed post: the weekday × hour grid, totals, best slots. */
  schedule: PostingSchedule
}) {
  const grid = schedule.posts_by_weekday_hour
  const max = useMemo(() => Math.max(1, ...grid.flat()), [grid])

  const best = schedule.best_weekday
  const bestHour = schedule.best_hour
  return (
    <div class="heatmap-wrap">
      <p class="summary">
        {best ? (
          <>
            Best day: <strong>{capitalized(best.weekday)}</strong> ({best.posts} posts, average{' '}
            {compact(best.avg_views)} views)
          </>
        ) : (
          'No day has enough posts to call it the best.'
        )}
        {' · '}
        {bestHour ? (
          <>
            best hour: <strong>{String(bestHour.hour).padStart(2, '0')}:00 UTC</strong> (
            {bestHour.posts} posts, average {compact(bestHour.avg_views)} views)
          </>
        ) : (
          'no hour has enough posts yet'
        )}
        . Slots need at least {schedule.min_posts} posts; over {schedule.posts_analyzed} analyzed
        posts.
      </p>
      <div class="table-wrap">
        <table class="heatmap">
          <caption class="sr-only">Posts by UTC weekday and hour</caption>
          <thead>
            <tr>
              <th />
              {HOURS.map((h) => (
                <th key={h} class="hm-hour" scope="col" title={`${h}:00 UTC`}>
                  {h % 3 === 0 ? h : ''}
                </th>
              ))}
              <th class="hm-total" scope="col">
                posts · avg views
              </th>
            </tr>
          </thead>
          <tbody>
            {DAYS.map((day, i) => {
              const api = schedule.by_weekday[i]
              return (
                <tr key={day}>
                  <th class="hm-label" scope="row">
                    {day}
                  </th>
                  {HOURS.map((h) => {
                    const n = grid[i]?.[h] ?? 0
                    return (
                      <td
                        key={h}
                        class={n === 0 ? 'hm-cell hm-empty' : 'hm-cell'}
                        title={`${day} ${String(h).padStart(2, '0')}:00–${String(h + 1).padStart(2, '0')}:00 UTC: ${n} post${n === 1 ? '' : 's'}`}
                      >
                        {n === 0 ? null : (
                          <span
                            class="hm-fill"
                            style={{ opacity: String(0.25 + (0.75 * n) / max) }}
                          />
                        )}
                      </td>
                    )
                  })}
                  <td class="hm-total">{api ? `${api.posts} · ${compact(api.avg_views)}` : ''}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <p class="hint">
        Every analyzed post by UTC weekday and hour (darker: more posts); totals on the right.
      </p>
    </div>
  )
}
