/** Side-by-side comparison of 2–10 creators, the leader of each metric marked (one request). */
import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import type { Comparison, Creator } from '../api-types.js'
import { CreatorLink, GradeBadge, hashtagPath, Section } from '../components/bits.js'
import { ExportLinks } from '../components/export-links.js'
import { Answer } from '../components/status.js'
import { known } from '../components/unknown.js'
import { count, decimal, percent, usdRange } from '../format.js'
import { navigate, pageUrl } from '../router.js'
import { useApi } from '../use-api.js'

const MIN = 2
const MAX = 10

/** Usernames from free text: commas, spaces or new lines between them, `@` optional. */
export function usernamesOf(text: string): string[] {
  const names = text
    .split(/[\s,]+/)
    .map((n) => n.trim().replace(/^@/, ''))
    .filter((n) => n !== '')
  return [...new Set(names)]
}

interface Row {
  label: string
  /** The key of the answer's `leaders`, when the API names a leader for it. */
  leader?: keyof Comparison['leaders']
  /** A metric the API has no evidence for is the explained dash (`known`), never 0. */
  cell: (c: Creator) => ComponentChildren
}

/** A sample metric of `c`, formatted, or the dash that says how small the sample is. */
const sampled =
  <T,>(pick: (m: Creator['metrics']) => T | null, format: (v: T) => string) =>
  (c: Creator) =>
    known(pick(c.metrics), format, c.metrics.sample_size)

const ROWS: readonly Row[] = [
  { label: 'Followers', leader: 'followers', cell: (c) => count(c.followers) },
  {
    label: 'Engagement rate',
    leader: 'engagement_rate',
    cell: sampled((m) => m.engagement_rate, percent),
  },
  {
    label: 'Engagement by followers',
    leader: 'engagement_rate_followers',
    cell: sampled((m) => m.engagement_rate_followers, percent),
  },
  { label: 'Average views', leader: 'avg_views', cell: sampled((m) => m.avg_views, count) },
  { label: 'Median views', leader: 'median_views', cell: sampled((m) => m.median_views, count) },
  { label: 'Average likes', leader: 'avg_likes', cell: sampled((m) => m.avg_likes, count) },
  {
    label: 'Average comments',
    leader: 'avg_comments',
    cell: sampled((m) => m.avg_comments, count),
  },
  { label: 'Average shares', leader: 'avg_shares', cell: sampled((m) => m.avg_shares, count) },
  { label: 'Viral posts', leader: 'viral_ratio', cell: sampled((m) => m.viral_ratio, percent) },
  {
    label: 'Posts a week',
    leader: 'posts_per_week',
    cell: sampled((m) => m.posts_per_week, decimal),
  },
  {
    label: 'Score',
    leader: 'score',
    cell: sampled(
      (m) => m.score,
      (s) => `${s} / 100`,
    ),
  },
  {
    label: 'Sponsorship value',
    leader: 'sponsorship_value_high',
    cell: sampled(
      (m) =>
        m.sponsorship_value_low === null || m.sponsorship_value_high === null
          ? null
          : [m.sponsorship_value_low, m.sponsorship_value_high],
      ([low, high]) => usdRange(low, high),
    ),
  },
  { label: 'Sample videos', cell: (c) => count(c.metrics.sample_size) },
  { label: 'Tier', cell: (c) => c.metrics.tier ?? '—' },
  { label: 'Niche', cell: (c) => c.metrics.primary_niche ?? '—' },
  { label: 'Region', cell: (c) => c.region ?? '—' },
]

function Table({ cmp, names }: { cmp: Comparison; names: readonly string[] }) {
  const leads = (row: Row, c: Creator) =>
    row.leader !== undefined && (cmp.leaders[row.leader]?.usernames ?? []).includes(c.username)
  const without = (username: string) =>
    pageUrl('/compare', { usernames: names.filter((n) => n !== username).join(',') })
  return (
    <>
      {cmp.not_found.length > 0 ? (
        <p class="status not-found" role="alert">
          Not tracked: {cmp.not_found.map((n) => `@${n}`).join(', ')}
        </p>
      ) : null}
      <div class="table-wrap">
        <table class="data comparison">
          <thead>
            <tr>
              <th />
              {cmp.creators.map((c) => (
                <th key={c.id} data-username={c.username}>
                  <CreatorLink username={c.username} name={c.display_name} verified={c.verified} />
                  <a class="remove" href={without(c.username)} title={`Remove @${c.username}`}>
                    remove
                  </a>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Grade</th>
              {cmp.creators.map((c) => (
                <td key={c.id}>
                  <GradeBadge grade={c.metrics.creator_score} />
                </td>
              ))}
            </tr>
            {ROWS.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {cmp.creators.map((c) => (
                  <td key={c.id} class={leads(row, c) ? 'leader' : undefined}>
                    {row.cell(c)}
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">Top hashtags</th>
              {cmp.creators.map((c) => (
                <td key={c.id}>
                  <span class="tags">
                    {c.content.top_hashtags.map((h) => (
                      <a key={h.hashtag} class="tag" href={hashtagPath(h.hashtag)}>
                        #{h.hashtag}
                      </a>
                    ))}
                  </span>
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <p class="hint">Highlighted: the best value of each row.</p>
    </>
  )
}

const COMPARISON_PATH = '/analytics/creator-comparison'

export function ComparePage({ query }: { query: URLSearchParams }) {
  const names = usernamesOf(query.get('usernames') ?? '')
  const [text, setText] = useState(names.join(', '))
  const [problem, setProblem] = useState<string | null>(null)
  const ready = names.length >= MIN && names.length <= MAX
  const asked = { usernames: names.join(',') }
  const cmp = useApi<Comparison>(ready ? COMPARISON_PATH : null, asked)
  return (
    <>
      <h1>Compare creators</h1>
      <form
        class="filters"
        action="/compare"
        method="get"
        onSubmit={(e) => {
          e.preventDefault()
          const chosen = usernamesOf(text)
          if (chosen.length < MIN || chosen.length > MAX) {
            setProblem(`Name ${MIN} to ${MAX} creators (you named ${chosen.length}).`)
            return
          }
          setProblem(null)
          navigate(pageUrl('/compare', { usernames: chosen.join(',') }))
        }}
      >
        <label class="wide">
          Usernames ({MIN}–{MAX}, separated by commas)
          <input
            name="usernames"
            value={text}
            placeholder="@first, @second, …"
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <div class="actions">
          <button type="submit">Compare</button>
        </div>
      </form>
      {problem ? (
        <p class="status failure" role="alert">
          {problem}
        </p>
      ) : null}
      {ready ? (
        <Section
          title={`${names.length} creators`}
          id="comparison"
          aside={
            <ExportLinks
              path={COMPARISON_PATH}
              params={asked}
              table="creators"
              what="compared creators"
            />
          }
        >
          <Answer api={cmp} what="the comparison">
            {(c) => <Table cmp={c} names={names} />}
          </Answer>
        </Section>
      ) : (
        <p class="hint">
          {names.length === 1
            ? `Add at least one more creator to compare with @${names[0]}.`
            : 'Name the creators to compare, or tick them in the search results.'}
        </p>
      )}
    </>
  )
}
