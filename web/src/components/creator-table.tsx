/** A table of creators with their headline metrics (search results, niche and hashtag leaders). */
import type { ComponentChildren } from 'preact'
import type { Creator } from '../api-types.js'
import { compact, count, percent } from '../format.js'
import { CreatorLink, Empty, GradeBadge } from './bits.js'

export function CreatorTable({
  creators,
  firstRank = 1,
  extra,
  select,
}: {
  creators: readonly Creator[]
  firstRank?: number
  /** One more column: its heading and each creator's cell. */
  extra?: { heading: string; cell: (c: Creator) => ComponentChildren }
  /** Check boxes (to compare the checked creators). */
  select?: { chosen: ReadonlySet<string>; toggle: (username: string) => void }
}) {
  if (creators.length === 0) return <Empty>No creator matches.</Empty>
  return (
    <div class="table-wrap">
      <table class="data creators">
        <thead>
          <tr>
            {select ? (
              <th>
                <span class="sr-only">Compare</span>
              </th>
            ) : null}
            <th class="num">#</th>
            <th>Creator</th>
            <th class="num">Followers</th>
            <th class="num" title="Views-based engagement rate of the recent-post sample">
              Engagement
            </th>
            <th>Grade</th>
            <th>Tier</th>
            <th>Niche</th>
            <th>Region</th>
            <th class="num">Posts/week</th>
            <th class="num">Avg views</th>
            {extra ? <th class="num">{extra.heading}</th> : null}
          </tr>
        </thead>
        <tbody>
          {creators.map((c, i) => (
            <tr key={c.id} data-username={c.username}>
              {select ? (
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Compare @${c.username}`}
                    checked={select.chosen.has(c.username)}
                    onChange={() => select.toggle(c.username)}
                  />
                </td>
              ) : null}
              <td class="num muted">{firstRank + i}</td>
              <td>
                <CreatorLink username={c.username} name={c.display_name} verified={c.verified} />
              </td>
              <td class="num" title={count(c.followers)}>
                {compact(c.followers)}
              </td>
              <td class="num">{percent(c.metrics.engagement_rate)}</td>
              <td>
                <GradeBadge grade={c.metrics.creator_score} />
              </td>
              <td>{c.metrics.tier ?? '—'}</td>
              <td>{c.metrics.primary_niche ?? '—'}</td>
              <td>{c.region ?? '—'}</td>
              <td class="num">{c.metrics.posts_per_week}</td>
              <td class="num" title={count(c.metrics.avg_views)}>
                {compact(c.metrics.avg_views)}
              </td>
              {extra ? <td class="num">{extra.cell(c)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
