/**
 * A creator (`/creators/{username}`, the API's profile_url): headline metrics, the grade opened
 * up, follower and view charts from the snapshots, recent and top videos, hashtags, sounds and
 * the posting schedule. Three API requests: analytics, top content, history.
 */

import { useMemo } from 'preact/hooks'
import type { CreatorAnalytics, CreatorHistory, CreatorTopContent, Growth } from '../api-types.js'
import {
  Empty,
  External,
  GradeBadge,
  hashtagPath,
  Section,
  Stat,
  Stats,
  soundPath,
} from '../components/bits.js'
import { Disputed } from '../components/disputed.js'
import { ExportLinks } from '../components/export-links.js'
import { GradeExplainer } from '../components/grade-explainer.js'
import {
  DROP_COLOR,
  GrowthFlags,
  ProjectionNote,
  SPIKE_COLOR,
} from '../components/growth-signals.js'
import { ScheduleHeatmap } from '../components/schedule-heatmap.js'
import { Answer } from '../components/status.js'
import { TimeChart } from '../components/time-chart.js'
import { known, Unknown } from '../components/unknown.js'
import { VideoTable } from '../components/video-table.js'
import {
  compact,
  count,
  day,
  decimal,
  epochSeconds,
  moment,
  notEnoughData,
  percent,
  usdRange,
} from '../format.js'
import { pageUrl } from '../router.js'
import { type ApiState, useApi } from '../use-api.js'

function growthText(g: Growth | null): string {
  if (g === null) return 'not enough observations yet'
  const sign = g.change >= 0 ? '+' : ''
  const pct = g.change_percent === null ? '' : ` (${sign}${g.change_percent} %)`
  return `${sign}${count(g.change)}${pct} from ${day(g.from)} to ${day(g.to)}`
}

function Headline({ c }: { c: CreatorAnalytics }) {
  const m = c.metrics
  const n = m.sample_size
  const unknownWhy = notEnoughData(n)
  return (
    <>
      <div class="profile-head">
        <div class="avatar" aria-hidden="true">
          {(c.display_name || c.username).trim().charAt(0).toUpperCase()}
        </div>
        <div>
          <h1>
            {c.display_name || c.username}
            {c.verified ? (
              <span class="verified" title="Verified">
                ✓
              </span>
            ) : null}
          </h1>
          <p class="handle">
            @{c.username} · <External href={c.tiktok_url}>on TikTok</External>
            {c.region ? ` · ${c.region}` : ''}
            {m.primary_niche ? (
              <>
                {' · '}
                <a href={pageUrl('/niches', { niche: m.primary_niche })}>{m.primary_niche}</a>
              </>
            ) : null}
            {m.tier ? ` · ${m.tier}` : ''}
          </p>
          {c.bio ? <p class="bio">{c.bio}</p> : null}
        </div>
        <div class="head-grade" data-metric="grade">
          <GradeBadge grade={m.creator_score} />
          <span class="muted">{m.score === null ? 'not graded' : `score ${m.score}/100`}</span>
        </div>
      </div>
      <Stats wide>
        <Stat
          label="Followers"
          value={count(c.followers)}
          metric="followers"
          detail={
            c.follower_growth.last_7_days
              ? `7 days: ${growthText(c.follower_growth.last_7_days)}`
              : undefined
          }
        />
        <Stat
          label="Engagement rate"
          value={known(m.engagement_rate, percent, n)}
          metric="engagement_rate"
          detail={
            m.engagement_rate === null
              ? unknownWhy
              : `by followers: ${percent(m.engagement_rate_followers)}`
          }
        />
        <Stat
          label="Average views"
          value={known(m.avg_views, count, n)}
          metric="avg_views"
          detail={m.avg_views === null ? unknownWhy : `median ${count(m.median_views)}`}
        />
        <Stat
          label="Posts a week"
          value={known(m.posts_per_week, decimal, n)}
          metric="posts_per_week"
          // A posting rate needs two dated posts at least.
          detail={m.posts_per_week === null ? unknownWhy : undefined}
        />
        <Stat
          label="Viral posts"
          value={known(m.viral_ratio, percent, n)}
          metric="viral_ratio"
          detail={m.viral_ratio === null ? unknownWhy : undefined}
        />
        <Stat
          label="Sponsorship value"
          value={
            m.sponsorship_value_low === null || m.sponsorship_value_high === null ? (
              <Unknown sample={n} />
            ) : (
              usdRange(m.sponsorship_value_low, m.sponsorship_value_high)
            )
          }
          metric="sponsorship"
          detail={m.sponsorship_value_low === null ? unknownWhy : 'per post (USD)'}
        />
        <Stat label="Total likes" value={compact(c.total_likes)} title={count(c.total_likes)} />
        <Stat
          label="Videos"
          value={count(c.video_count)}
          detail={`${count(c.tracked_videos)} tracked`}
        />
      </Stats>
      <Disputed values={c.disputed} />
      <p class="hint sample-note" data-metric="sample_size">
        <strong>
          Based on {n} recent video{n === 1 ? '' : 's'}
        </strong>
        {n === 0
          ? `: no unpinned post of @${c.username} is tracked yet (${count(c.tracked_videos)} tracked, pinned ones are left out), so its averages, rates and grade are unknown (—), not 0.`
          : ` (${day(c.sample.oldest_posted_at)} to ${day(c.sample.newest_posted_at)}, pinned ones left out).`}{' '}
        Last observed {moment(c.last_updated)}.
      </p>
    </>
  )
}

/** Shading between the projection's high and low series (indices 2 and 3 below). */
const PROJECTION_BAND = [2, 3] as const

/**
 * Followers as observed, then (dashed) from the newest observation to the projection 30 days
 * later with its band; flagged days as vertical marks (metrics.md §9).
 */
function followerChart(history: CreatorHistory, c: CreatorAnalytics) {
  const points = history.snapshots.filter((s) => s.followers !== null)
  const x = points.map((s) => epochSeconds(s.observed_at))
  const values = points.map((s) => s.followers)
  const dayOf = (t: number) => new Date(t * 1000).toISOString().slice(0, 10)
  const marks = c.growth_flags.map((f) => {
    // The day's last observation, where the jump shows on the line; noon when not in the chart.
    const seen = x.filter((t) => dayOf(t) === f.date).pop()
    return {
      x: seen ?? epochSeconds(`${f.date}T12:00:00Z`),
      color: f.direction === 'spike' ? SPIKE_COLOR : DROP_COLOR,
    }
  })
  const p = c.follower_projection
  const lastX = x[x.length - 1]
  const lastValue = values[values.length - 1]
  if (p === null || lastX === undefined || lastValue === undefined || x.length < 2) {
    return { x, series: [{ label: 'Followers', values, color: '#0d9488' }], marks }
  }
  const ahead = (end: number) => [
    ...values.map((_, i) => (i === x.length - 1 ? lastValue : null)),
    end,
  ]
  return {
    x: [...x, lastX + p.days * 86_400],
    series: [
      { label: 'Followers', values: [...values, null], color: '#0d9488' },
      { label: 'Projection', values: ahead(p.followers), color: '#0d9488', dashed: true },
      { label: 'Projection high', values: ahead(p.high), color: '#99d5cf', dashed: true },
      { label: 'Projection low', values: ahead(p.low), color: '#99d5cf', dashed: true },
    ],
    marks,
    band: PROJECTION_BAND,
  }
}

function Charts({
  history,
  creator,
  path,
}: {
  history: CreatorHistory
  creator: CreatorAnalytics
  path: string
}) {
  const followers = useMemo(() => followerChart(history, creator), [history, creator])
  const views = useMemo(
    () => ({
      x: history.views.map((v) => epochSeconds(v.observed_at)),
      series: [
        {
          label: 'Views of tracked videos',
          values: history.views.map((v) => v.tracked_views),
          color: '#7c3aed',
        },
        {
          label: 'Tracked videos',
          values: history.views.map((v) => v.tracked_videos),
          color: '#f59e0b',
          right: true,
        },
      ],
    }),
    [history],
  )
  return (
    <div class="columns">
      <Section
        title="Follower growth"
        id="followers-chart"
        aside={
          <ExportLinks path={`${path}/history`} table="snapshots" what="profile observations" />
        }
      >
        <TimeChart
          x={followers.x}
          series={followers.series}
          marks={followers.marks}
          band={followers.band}
          label="Followers over time, with the 30-day projection"
        />
        <p class="hint">{growthText(history.growth.followers)}</p>
        <GrowthFlags flags={creator.growth_flags} />
        <ProjectionNote projection={creator.follower_projection} />
      </Section>
      <Section
        title="Views"
        id="views-chart"
        aside={<ExportLinks path={`${path}/history`} table="views" what="daily views" />}
      >
        <TimeChart x={views.x} series={views.series} label="Views of tracked videos over time" />
        <p class="hint">{growthText(history.growth.views)}</p>
      </Section>
    </div>
  )
}

function Hashtags({ tags }: { tags: CreatorAnalytics['top_hashtags'] }) {
  if (tags.length === 0) return <Empty>No hashtag used yet.</Empty>
  return (
    <table class="data compact-table">
      <thead>
        <tr>
          <th>Hashtag</th>
          <th class="num">Posts</th>
          <th class="num">Avg views</th>
        </tr>
      </thead>
      <tbody>
        {tags.map((h) => (
          <tr key={h.hashtag}>
            <td>
              <a href={hashtagPath(h.hashtag)}>#{h.hashtag}</a>
            </td>
            <td class="num">{count(h.uses)}</td>
            <td class="num">{compact(h.avg_views)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Sounds({ sounds }: { sounds: CreatorTopContent['sounds'] }) {
  if (sounds.length === 0) return <Empty>No sound known yet.</Empty>
  return (
    <table class="data compact-table">
      <thead>
        <tr>
          <th>Sound</th>
          <th class="num">Posts</th>
          <th class="num">Avg views</th>
        </tr>
      </thead>
      <tbody>
        {sounds.map((s) => (
          <tr key={s.sound_id}>
            <td>
              <a href={soundPath(s.sound_id)}>{s.title ?? s.sound_id}</a>
              {s.original ? <span class="badge">original</span> : null}
            </td>
            <td class="num">{count(s.uses)}</td>
            <td class="num">{compact(s.avg_views)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function TopContent({ top, path }: { top: ApiState<CreatorTopContent>; path: string }) {
  return (
    <Answer api={top} what="top videos">
      {(t) => (
        <>
          <div class="columns">
            <Section
              title="Most viewed"
              id="top-videos"
              aside={
                <ExportLinks
                  path={`${path}/top-content`}
                  table="top_by_views"
                  what="most viewed videos"
                />
              }
            >
              <VideoTable videos={t.top_by_views} />
            </Section>
            <Section
              title="Most engaging"
              id="top-engaging"
              aside={
                <ExportLinks
                  path={`${path}/top-content`}
                  table="top_by_engagement"
                  what="most engaging videos"
                />
              }
            >
              <VideoTable videos={t.top_by_engagement} />
            </Section>
          </div>
          <Section
            title="Sounds"
            id="sounds"
            aside={<ExportLinks path={`${path}/top-content`} table="sounds" what="sounds used" />}
          >
            <Sounds sounds={t.sounds} />
          </Section>
        </>
      )}
    </Answer>
  )
}

function Schedule({ creator }: { creator: CreatorAnalytics }) {
  return (
    <Section title="Posting schedule (UTC)" id="schedule">
      <ScheduleHeatmap schedule={creator.posting_schedule} />
    </Section>
  )
}

export function CreatorPage({ username }: { username: string }) {
  const path = `/creators/${encodeURIComponent(username)}`
  const analytics = useApi<CreatorAnalytics>(path)
  // All three at once: the page fills in as each answer arrives.
  const history = useApi<CreatorHistory>(`${path}/history`)
  const top = useApi<CreatorTopContent>(`${path}/top-content`)
  return (
    <Answer api={analytics} what={`@${username}`}>
      {(c) => (
        <div class="creator-page">
          <Headline c={c} />
          <Section title={`Grade ${c.metrics.creator_score}: how it is made`} id="grade">
            <GradeExplainer creator={c} />
          </Section>
          <Answer api={history} what="history">
            {(h) => <Charts history={h} creator={c} path={path} />}
          </Answer>
          <div class="columns">
            <Section
              title="Recent videos"
              id="recent-videos"
              aside={<ExportLinks path={path} table="recent_videos" what="recent videos" />}
            >
              <VideoTable videos={c.recent_videos} />
            </Section>
            <Section
              title="Hashtags"
              id="hashtags"
              aside={<ExportLinks path={path} table="top_hashtags" what="hashtags used" />}
            >
              <Hashtags tags={c.top_hashtags} />
            </Section>
          </div>
          <TopContent top={top} path={path} />
          <Schedule creator={c} />
          <p class="hint">
            <a href={pageUrl('/compare', { usernames: c.username })}>Compare with others…</a>
          </p>
        </div>
      )}
    </Answer>
  )
}
