/** A video: its numbers, how it compares with its creator's usual, and its history (one request). */

import { useMemo } from 'preact/hooks'
import type { VideoDetails } from '../api-types.js'
import {
  CreatorLink,
  External,
  HashtagLinks,
  Section,
  Stat,
  Stats,
  soundPath,
} from '../components/bits.js'
import { Disputed } from '../components/disputed.js'
import { ExportLinks } from '../components/export-links.js'
import { Answer } from '../components/status.js'
import { TimeChart } from '../components/time-chart.js'
import {
  compact,
  count,
  DASH,
  duration,
  epochSeconds,
  moment,
  notEnoughData,
  percent,
  ratio,
} from '../format.js'
import { useApi } from '../use-api.js'

function History({ v, path }: { v: VideoDetails; path: string }) {
  const chart = useMemo(() => {
    const points = v.history
    return {
      x: points.map((s) => epochSeconds(s.observed_at)),
      series: [
        { label: 'Plays', values: points.map((s) => s.plays), color: '#0d9488' },
        { label: 'Likes', values: points.map((s) => s.likes), color: '#e11d48', right: true },
        { label: 'Shares', values: points.map((s) => s.shares), color: '#7c3aed', right: true },
      ],
    }
  }, [v])
  const g = v.growth
  return (
    <Section
      title="History"
      id="history"
      aside={<ExportLinks path={path} table="history" what="observations of the video" />}
    >
      <TimeChart x={chart.x} series={chart.series} label="Plays, likes and shares over time" />
      <p class="hint">
        {v.history.length} observation{v.history.length === 1 ? '' : 's'}
        {g?.plays
          ? `; over ${g.days} days plays grew by ${count(g.plays.absolute)} (${count(g.plays.per_day)} a day)`
          : ''}
        .
      </p>
    </Section>
  )
}

/** The video against its creator's usual; the creator is unknown for some captured videos. */
function Versus({ v, c }: { v: VideoDetails; c: NonNullable<VideoDetails['creator']> }) {
  const profile = c.profile
  // The comparisons need the creator's sample (metrics v2: unknown without it, not 0).
  const noAverage = `${notEnoughData(profile.metrics.sample_size)} of @${profile.username}`
  return (
    <Section title={`Against @${profile.username}'s usual`} id="versus">
      <Stats>
        <Stat
          label="Views vs average"
          value={ratio(c.views_vs_average)}
          title={c.views_vs_average === null ? noAverage : undefined}
          detail={`average ${compact(c.avg_views)}`}
        />
        <Stat
          label="Views vs median"
          value={ratio(c.views_vs_median)}
          title={c.views_vs_median === null ? noAverage : undefined}
          detail={`median ${compact(c.median_views)}`}
        />
        <Stat
          label="Engagement vs creator"
          value={
            c.engagement_rate_difference === null
              ? '—'
              : `${c.engagement_rate_difference > 0 ? '+' : ''}${c.engagement_rate_difference} pts`
          }
          detail={`creator ${percent(c.engagement_rate)}`}
        />
        <Stat
          label="Viral"
          value={v.is_viral === null ? DASH : v.is_viral ? 'yes' : 'no'}
          title={v.is_viral === null ? noAverage : undefined}
        />
      </Stats>
    </Section>
  )
}

function Body({ v, path }: { v: VideoDetails; path: string }) {
  const c = v.creator
  return (
    <>
      <p class="eyebrow">
        {v.content_type === 'slideshow' ? 'Slideshow' : 'Video'} · posted {moment(v.posted_at)}
      </p>
      <h1 class="video-title">{v.description || '(no caption)'}</h1>
      <p class="handle">
        {c === null ? (
          'creator not known yet'
        ) : (
          <CreatorLink
            username={c.profile.username}
            name={c.profile.display_name}
            verified={c.profile.verified}
          />
        )}
        {' · '}
        <External href={v.video_url}>on TikTok</External>
        {v.music ? (
          <>
            {' · ♪ '}
            <a href={soundPath(v.music.id)}>{v.music.title ?? v.music.id}</a>
          </>
        ) : null}
      </p>
      <HashtagLinks tags={v.hashtags} />
      <Stats>
        <Stat label="Plays" value={count(v.plays)} metric="plays" />
        <Stat label="Likes" value={count(v.likes)} metric="likes" detail={percent(v.like_rate)} />
        <Stat
          label="Comments"
          value={count(v.comments)}
          metric="comments"
          detail={percent(v.comment_rate)}
        />
        <Stat
          label="Shares"
          value={count(v.shares)}
          metric="shares"
          detail={percent(v.share_rate)}
        />
        <Stat label="Saves" value={count(v.saves)} metric="saves" detail={percent(v.save_rate)} />
        <Stat label="Engagement rate" value={percent(v.engagement_rate)} metric="engagement_rate" />
        <Stat
          label="Duration"
          value={duration(v.duration)}
          detail={v.duration_bucket ?? undefined}
        />
      </Stats>
      <Disputed values={v.disputed} />
      {c === null ? null : <Versus v={v} c={c} />}
      <History v={v} path={path} />
    </>
  )
}

export function VideoPage({ videoId }: { videoId: string }) {
  const path = `/videos/${encodeURIComponent(videoId)}`
  const video = useApi<VideoDetails>(path)
  return (
    <Answer api={video} what="video">
      {(v) => <Body v={v} path={path} />}
    </Answer>
  )
}
