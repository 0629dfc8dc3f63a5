/** Niche report: pick a niche (and a follower range), see its benchmark (one request). */
import { useState } from 'preact/hooks'
import { NICHE_TAXONOMY } from '../../../src/domain/niche-taxonomy.js'
import type { Params } from '../api.js'
import type { Grade, NicheReport, Quartiles, Tier } from '../api-types.js'
import { hashtagPath, Section, Stat, Stats } from '../components/bits.js'
import { CreatorTable } from '../components/creator-table.js'
import { ExportLinks } from '../components/export-links.js'
import { Answer } from '../components/status.js'
import { compact, count, DASH, day, decimal, percent } from '../format.js'
import { navigate, pageUrl } from '../router.js'
import { useApi } from '../use-api.js'

export const NICHES = Object.keys(NICHE_TAXONOMY).sort()
const TIERS: readonly Tier[] = ['nano', 'micro', 'mid', 'macro', 'mega']
const GRADES: readonly Grade[] = ['A+', 'A', 'B', 'C', 'D', 'F', 'N/A']
/** The API's default lower follower bound. */
const DEFAULT_MIN_FOLLOWERS = '10000'
/** Why the niche has no engagement figures (metrics v2: unknown, not 0). */
const NO_RATE = 'not enough data — no creator here has a measured engagement rate yet'

/** Min, quartiles and max of the engagement rate on one scale, the median marked. */
function QuartileBar({ q }: { q: Quartiles }) {
  const span = q.max - q.min || 1
  const at = (v: number) => `${((v - q.min) / span) * 100}%`
  return (
    <div class="quartiles">
      <div class="q-track">
        <span class="q-box" style={{ left: at(q.q1), width: `calc(${at(q.q3)} - ${at(q.q1)})` }} />
        <span class="q-median" style={{ left: at(q.median) }} />
      </div>
      <div class="q-legend">
        <span>min {percent(q.min)}</span>
        <span>Q1 {percent(q.q1)}</span>
        <span>
          <strong>median {percent(q.median)}</strong>
        </span>
        <span>Q3 {percent(q.q3)}</span>
        <span>max {percent(q.max)}</span>
      </div>
    </div>
  )
}

function Bars({ rows }: { rows: readonly { label: string; value: number; text: string }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.value))
  return (
    <div class="bars">
      {rows.map((r) => (
        <div class="bars-row" key={r.label}>
          <span class="bars-label">{r.label}</span>
          <span class="bar">
            <span class="bar-fill" style={{ width: `${(r.value / max) * 100}%` }} />
          </span>
          <span class="bars-text">{r.text}</span>
        </div>
      ))}
    </div>
  )
}

/** The report's request: the page reads it, and its lists download with the same parameters. */
const REPORT_PATH = '/analytics/niche-report'

function Report({ r, asked }: { r: NicheReport; asked: Params }) {
  return (
    <>
      <Stats>
        <Stat label="Creators analyzed" value={count(r.creators_analyzed)} metric="creators" />
        <Stat
          label="Median engagement"
          value={percent(r.engagement_rate?.median)}
          metric="median_engagement"
          detail={r.engagement_rate === null ? NO_RATE : `mean ${percent(r.engagement_rate.mean)}`}
          title={r.engagement_rate === null ? NO_RATE : undefined}
        />
        <Stat label="Median followers" value={count(r.median_followers)} />
        <Stat
          label="Posts a week"
          value={decimal(r.avg_posts_per_week)}
          detail={
            r.avg_posts_per_week === null ? 'not enough data (2 dated posts each)' : 'average'
          }
        />
      </Stats>
      <Section title="Engagement rate" id="engagement">
        {r.engagement_rate === null ? (
          <p class="empty">
            {DASH} {NO_RATE}
          </p>
        ) : (
          <QuartileBar q={r.engagement_rate} />
        )}
      </Section>
      <div class="columns">
        <Section title="Followers by tier" id="tiers">
          <Bars
            rows={TIERS.map((t) => ({
              label: t,
              value: r.follower_distribution[t]?.creators ?? 0,
              text: `${count(r.follower_distribution[t]?.creators)} (${percent(r.follower_distribution[t]?.share)})`,
            }))}
          />
        </Section>
        <Section title="Grades" id="grades">
          <Bars
            rows={GRADES.map((g) => ({
              label: g,
              value: r.grade_distribution[g] ?? 0,
              text: count(r.grade_distribution[g] ?? 0),
            }))}
          />
        </Section>
      </div>
      <Section
        title="Top creators"
        id="top-creators"
        aside={
          <ExportLinks path={REPORT_PATH} params={asked} table="top_creators" what="top creators" />
        }
      >
        <CreatorTable creators={r.top_creators} />
      </Section>
      <div class="columns">
        <Section
          title="Trending hashtags in the niche"
          id="niche-hashtags"
          aside={
            <ExportLinks
              path={REPORT_PATH}
              params={asked}
              table="trending_hashtags"
              what="trending hashtags"
            />
          }
        >
          <ol class="ranked">
            {r.trending_hashtags.map((h) => (
              <li key={h.hashtag}>
                <a href={hashtagPath(h.hashtag)}>#{h.hashtag}</a>
                <span class="muted">
                  {count(h.recent_videos)} posts · {compact(h.recent_views)} views
                </span>
              </li>
            ))}
          </ol>
        </Section>
        <Section title="What works" id="formats">
          <table class="data compact-table">
            <thead>
              <tr>
                <th>Format</th>
                <th class="num">Share</th>
                <th class="num">Engagement</th>
                <th class="num">Avg views</th>
              </tr>
            </thead>
            <tbody>
              {[
                ...r.content_formats.duration.map((d) => ({ ...d, name: `${d.bucket} videos` })),
                ...r.content_formats.content_type.map((d) => ({ ...d, name: d.content_type })),
              ].map((row) => (
                <tr key={row.name}>
                  <td>{row.name}</td>
                  <td class="num">{percent(row.share)}</td>
                  <td class="num">{percent(row.engagement_rate)}</td>
                  <td class="num">{compact(row.avg_views)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      </div>
      <p class="hint">
        Keywords: {r.keywords.map((k) => `#${k}`).join(' ')}. Data as of {day(r.data_as_of)}.
      </p>
    </>
  )
}

export function NichesPage({ query }: { query: URLSearchParams }) {
  const niche = query.get('niche') ?? ''
  const minFollowers = query.get('min_followers') ?? ''
  const maxFollowers = query.get('max_followers') ?? ''
  const [form, setForm] = useState({
    niche,
    min_followers: minFollowers === '' ? DEFAULT_MIN_FOLLOWERS : minFollowers,
    max_followers: maxFollowers,
  })
  const asked = { niche, min_followers: minFollowers, max_followers: maxFollowers }
  const report = useApi<NicheReport>(niche === '' ? null : REPORT_PATH, asked)
  return (
    <>
      <h1>Niche report{niche ? `: ${niche}` : ''}</h1>
      <form
        class="filters"
        action="/niches"
        method="get"
        onSubmit={(e) => {
          e.preventDefault()
          const minimum = form.min_followers === DEFAULT_MIN_FOLLOWERS ? '' : form.min_followers
          navigate(pageUrl('/niches', { ...form, min_followers: minimum }))
        }}
      >
        <label class="wide">
          Niche
          <input
            name="niche"
            list="niche-names"
            required
            value={form.niche}
            placeholder="fitness, beauty, or any keyword"
            onInput={(e) => setForm({ ...form, niche: e.currentTarget.value })}
          />
          <datalist id="niche-names">
            {NICHES.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </label>
        <label>
          Min followers
          <input
            type="number"
            name="min_followers"
            min={0}
            value={form.min_followers}
            onInput={(e) => setForm({ ...form, min_followers: e.currentTarget.value })}
          />
        </label>
        <label>
          Max followers
          <input
            type="number"
            name="max_followers"
            min={0}
            value={form.max_followers}
            onInput={(e) => setForm({ ...form, max_followers: e.currentTarget.value })}
          />
        </label>
        <div class="actions">
          <button type="submit">Show benchmark</button>
        </div>
      </form>
      {niche === '' ? (
        <Section title="Pick a niche">
          <p class="chips">
            {NICHES.map((n) => (
              <a key={n} class="chip" href={pageUrl('/niches', { niche: n })}>
                {n}
              </a>
            ))}
          </p>
        </Section>
      ) : (
        <Answer api={report} what={`the ${niche} benchmark`}>
          {(r) => <Report r={r} asked={asked} />}
        </Answer>
      )}
    </>
  )
}
