/**
 * A table of creators with their headline metrics (search results, niche and hashtag leaders).
 * On a phone each row stacks into a card (styles.css, `table.stack`): name and grade, then every
 * metric with its label, so nothing is hidden behind a sideways scroll.
 */
import type { ComponentChildren } from 'preact'
import type { Creator } from '../api-types.js'
import { compact, count, decimal, percent } from '../format.js'
import { CreatorLink, Empty, GradeBadge } from './bits.js'
import { known } from './unknown.js'

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
      <table class="data creators stack">
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
          {creators.map((c, i) => {
            const m = c.metrics
            const n = m.sample_size
            return (
              <tr key={c.id} data-username={c.username}>
                {select ? (
                  <td class="stack-lead">
                    <input
                      type="checkbox"
                      aria-label={`Compare @${c.username}`}
                      checked={select.chosen.has(c.username)}
                      onChange={() => select.toggle(c.username)}
                    />
                  </td>
                ) : null}
                <td class="num muted stack-lead">{firstRank + i}</td>
                <td class="stack-lead stack-name">
                  <CreatorLink username={c.username} name={c.display_name} verified={c.verified} />
                </td>
                <td class="num" data-label="Followers" title={count(c.followers)}>
                  {compact(c.followers)}
                </td>
                <td class="num" data-label="Engagement">
                  {known(m.engagement_rate, percent, n)}
                </td>
                <td class="stack-lead stack-end" data-label="Grade">
                  <GradeBadge grade={m.creator_score} />
                </td>
                <td data-label="Tier">{m.tier ?? '—'}</td>
                <td data-label="Niche">{m.primary_niche ?? '—'}</td>
                <td data-label="Region">{c.region ?? '—'}</td>
                <td class="num" data-label="Posts/week">
                  {known(m.posts_per_week, decimal, n)}
                </td>
                <td
                  class="num"
                  data-label="Avg views"
                  title={m.avg_views === null ? undefined : count(m.avg_views)}
                >
                  {known(m.avg_views, compact, n)}
                </td>
                {extra ? (
                  <td class="num" data-label={extra.heading}>
                    {extra.cell(c)}
                  </td>
                ) : null}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
