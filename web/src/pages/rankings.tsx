/**
 * Top lists: creators ranked by followers, growth or engagement (niche, region, period), with the
 * rank change of each, and the rising hashtags, sounds and creators of the period (metrics.md §8).
 */
import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import type {
  CreatorRankingList,
  RisingCreatorList,
  RisingHashtagList,
  RisingSoundList,
} from '../api-types.js'
import { CreatorLink, Empty, hashtagPath, Section, soundPath } from '../components/bits.js'
import { ExportLinks } from '../components/export-links.js'
import { RankChange } from '../components/rank-change.js'
import { Answer } from '../components/status.js'
import { compact, count, decimal, percent } from '../format.js'
import { navigate, pageUrl } from '../router.js'
import { useApi } from '../use-api.js'
import { NICHES } from './niches.js'

const TABS = [
  ['followers', 'Followers'],
  ['growth', 'Growth'],
  ['engagement', 'Engagement'],
] as const
type By = (typeof TABS)[number][0]
const PERIODS = ['7d', '30d'] as const

const byOf = (v: string | null): By => (v === 'growth' || v === 'engagement' ? v : 'followers')
const periodOf = (v: string | null) => (v === '30d' ? '30d' : '7d')

/** The ranked figure as the tab means it. */
function valueText(by: By, value: number): string {
  if (by === 'growth') return `${value >= 0 ? '+' : ''}${decimal(value)}/day`
  return by === 'engagement' ? percent(value) : count(value)
}

function RankTable({ list }: { list: CreatorRankingList }) {
  const by = list.by as By
  if (list.items.length === 0) return <Empty>No creator is ranked for these filters yet.</Empty>
  return (
    <div class="table-wrap">
      <table class="data rank-table">
        <thead>
          <tr>
            <th class="num">Rank</th>
            <th>Change</th>
            <th>Creator</th>
            <th class="num">{TABS.find(([k]) => k === by)?.[1]}</th>
            <th class="num">Followers</th>
            <th>Region</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((c) => (
            <tr key={c.id} data-username={c.username} data-rank={c.rank}>
              <td class="num">{c.rank}</td>
              <td>
                <RankChange change={c.rank_change} isNew={c.new} />
              </td>
              <td>
                <CreatorLink username={c.username} name={c.display_name} verified={c.verified} />
              </td>
              <td class="num">{valueText(by, c.value)}</td>
              <td class="num" title={count(c.followers)}>
                {compact(c.followers)}
              </td>
              <td>{c.region ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

interface RisingLine {
  key: string
  rank: number
  rank_change: number | null
  new: boolean
  score: number
  link: ComponentChildren
  detail: string
}

function RisingList({ lines, none }: { lines: RisingLine[]; none: string }) {
  if (lines.length === 0) return <Empty>{none}</Empty>
  return (
    <ol class="ranked rising">
      {lines.map((l) => (
        <li key={l.key} value={l.rank} data-rising={l.key}>
          {l.link} <RankChange change={l.rank_change} isNew={l.new} />
          <span class="muted">
            {percent(l.score)}/day · {l.detail}
          </span>
        </li>
      ))}
    </ol>
  )
}

const NOT_RISING = 'Nothing rose yet: it takes two observations a day apart within the period.'

export function RankingsPage({ query }: { query: URLSearchParams }) {
  const by = byOf(query.get('by'))
  const period = periodOf(query.get('period'))
  const niche = query.get('niche') ?? ''
  const region = (query.get('region') ?? '').toUpperCase()
  const [form, setForm] = useState({ niche, region, period })
  const regionParam = /^[A-Z]{2}$/.test(region) ? region : undefined
  const ranked = {
    by,
    period,
    niche: niche === '' ? undefined : niche,
    region: regionParam,
    limit: 50,
  }
  const ranks = useApi<CreatorRankingList>('/rankings/creators', ranked)
  const rising = { period, region: regionParam, limit: 10 }
  const tags = useApi<RisingHashtagList>('/hashtags/rising', rising)
  const sounds = useApi<RisingSoundList>('/sounds/rising', rising)
  const creators = useApi<RisingCreatorList>('/creators/rising', rising)
  const here = { by, period, niche, region }
  return (
    <>
      <h1>Top lists</h1>
      <form
        class="filters"
        action="/rankings"
        method="get"
        onSubmit={(e) => {
          e.preventDefault()
          navigate(pageUrl('/rankings', { ...here, ...form, by }))
        }}
      >
        <label>
          Niche
          <select
            name="niche"
            value={form.niche}
            onChange={(e) => setForm({ ...form, niche: e.currentTarget.value })}
          >
            <option value="">All niches</option>
            {NICHES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Region
          <input
            name="region"
            value={form.region}
            maxLength={2}
            pattern="[A-Za-z]{2}"
            placeholder="US"
            onInput={(e) => setForm({ ...form, region: e.currentTarget.value })}
          />
        </label>
        <label>
          Period
          <select
            name="period"
            value={form.period}
            onChange={(e) => setForm({ ...form, period: periodOf(e.currentTarget.value) })}
          >
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {p === '7d' ? 'Last 7 days' : 'Last 30 days'}
              </option>
            ))}
          </select>
        </label>
        <div class="actions">
          <button type="submit">Show</button>
        </div>
      </form>
      <Section
        title="Top creators"
        id="top-list"
        aside={
          <>
            <nav class="chips tabs" aria-label="Rank by">
              {TABS.map(([key, label]) => (
                <a
                  key={key}
                  class="chip"
                  href={pageUrl('/rankings', { ...here, by: key === 'followers' ? '' : key })}
                  aria-current={key === by ? 'page' : undefined}
                >
                  {label}
                </a>
              ))}
            </nav>
            <ExportLinks path="/rankings/creators" params={ranked} what="ranked creators" />
          </>
        }
      >
        <Answer api={ranks} what="the top creators">
          {(list) => <RankTable list={list} />}
        </Answer>
      </Section>
      <div class="columns rising-columns">
        <Section
          title="Rising hashtags"
          id="rising-hashtags"
          aside={<ExportLinks path="/hashtags/rising" params={rising} what="rising hashtags" />}
        >
          <Answer api={tags} what="rising hashtags">
            {(list) => (
              <RisingList
                none={NOT_RISING}
                lines={list.items.map((h) => ({
                  ...h,
                  key: h.name,
                  link: <a href={hashtagPath(h.name)}>#{h.name}</a>,
                  detail: `+${compact(h.velocity.per_day)} videos/day`,
                }))}
              />
            )}
          </Answer>
        </Section>
        <Section
          title="Rising sounds"
          id="rising-sounds"
          aside={<ExportLinks path="/sounds/rising" params={rising} what="rising sounds" />}
        >
          <Answer api={sounds} what="rising sounds">
            {(list) => (
              <RisingList
                none={NOT_RISING}
                lines={list.items.map((s) => ({
                  ...s,
                  key: s.id,
                  link: <a href={soundPath(s.id)}>{s.title ?? `Sound ${s.id}`}</a>,
                  detail: `+${compact(s.velocity.per_day)} videos/day`,
                }))}
              />
            )}
          </Answer>
        </Section>
        <Section
          title="Rising creators"
          id="rising-creators"
          aside={<ExportLinks path="/creators/rising" params={rising} what="rising creators" />}
        >
          <Answer api={creators} what="rising creators">
            {(list) => (
              <RisingList
                none={NOT_RISING}
                lines={list.items.map((c) => ({
                  ...c,
                  key: c.id ?? c.username,
                  link: <CreatorLink username={c.username} name={c.display_name} />,
                  detail: `+${compact(c.velocity.per_day)} followers/day`,
                }))}
              />
            )}
          </Answer>
        </Section>
      </div>
      <p class="hint">
        Rank change compares with the {period === '7d' ? '7' : '30'} days before; rising scores are
        growth per day against the size (metrics.md §8).
      </p>
    </>
  )
}
