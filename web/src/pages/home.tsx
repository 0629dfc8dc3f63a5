/** Home: what the platform holds, and what is trending (videos, hashtags, sounds). */
import type { PlatformStats, TrendingHashtag, TrendingSound, Video } from '../api-types.js'
import { hashtagPath, Section, Stat, Stats, soundPath } from '../components/bits.js'
import { ExportLinks } from '../components/export-links.js'
import { Answer } from '../components/status.js'
import { VideoTable } from '../components/video-table.js'
import { compact, count, moment } from '../format.js'
import { useApi } from '../use-api.js'
import { SearchBox } from './search-box.js'

const PERIODS = ['24h', '7d', '30d'] as const
type Period = (typeof PERIODS)[number]
/** Enough to see what moves, small enough to load at once on a large database. */
const TRENDING_LIMIT = 10
/** The trending hashtags and sounds lists' request, for their tables and their downloads. */
const TRENDING = { limit: TRENDING_LIMIT }

function PlatformSection() {
  const stats = useApi<PlatformStats>('/analytics/platform-stats')
  return (
    <Section title="Platform">
      <Answer api={stats} what="platform stats">
        {(s) => (
          <>
            <Stats>
              <Stat label="Creators" value={count(s.total_creators)} metric="total_creators" />
              <Stat label="Videos" value={count(s.total_videos)} metric="total_videos" />
              <Stat
                label="Tracked views"
                value={compact(s.total_views)}
                title={count(s.total_views)}
                metric="total_views"
              />
              <Stat label="Hashtags" value={count(s.total_hashtags)} metric="total_hashtags" />
              <Stat label="Sounds" value={count(s.total_sounds)} metric="total_sounds" />
              <Stat
                label="Posted in 7 days"
                value={count(s.videos_posted_last_7d)}
                detail={`${count(s.videos_posted_last_24h)} in 24 h`}
              />
              <Stat
                label="Captures"
                value={count(s.total_captures)}
                detail={`from ${count(s.contributors)} contributor${s.contributors === 1 ? '' : 's'}`}
              />
            </Stats>
            <p class="hint">
              Newest observation {moment(s.newest_observation_at)}.
              {s.demo !== null && s.demo.creators > 0
                ? ` Includes the demo data set (${count(s.demo.creators)} creators).`
                : ''}
            </p>
          </>
        )}
      </Answer>
    </Section>
  )
}

function TrendingVideos({ period }: { period: Period }) {
  // One request: the table reads it, and its download asks the same.
  const asked = { period, limit: TRENDING_LIMIT }
  const videos = useApi<Video[]>('/videos/trending', asked)
  return (
    <Section
      title="Trending videos"
      id="trending-videos"
      aside={
        <>
          <nav class="segmented" aria-label="Period">
            {PERIODS.map((p) => (
              <a key={p} href={`/?period=${p}`} aria-current={p === period ? 'true' : undefined}>
                {p}
              </a>
            ))}
          </nav>
          <ExportLinks path="/videos/trending" params={asked} what="trending videos" />
        </>
      }
    >
      <Answer api={videos} what="trending videos">
        {(list) => <VideoTable videos={list} showCreator />}
      </Answer>
    </Section>
  )
}

function TrendingHashtags() {
  const tags = useApi<TrendingHashtag[]>('/hashtags/trending', TRENDING)
  return (
    <Section
      title="Trending hashtags"
      id="trending-hashtags"
      aside={<ExportLinks path="/hashtags/trending" params={TRENDING} what="trending hashtags" />}
    >
      <Answer api={tags} what="hashtags">
        {(list) => (
          <ol class="ranked">
            {list.map((h) => (
              <li key={h.name}>
                <a href={hashtagPath(h.name)}>#{h.name}</a>
                <span class="muted">
                  {count(h.trend.recent_video_count)} posts · {compact(h.trend.recent_views)} views
                  in {h.trend.window_days} days
                </span>
              </li>
            ))}
          </ol>
        )}
      </Answer>
    </Section>
  )
}

function TrendingSounds() {
  const sounds = useApi<TrendingSound[]>('/sounds/trending', TRENDING)
  return (
    <Section
      title="Trending sounds"
      id="trending-sounds"
      aside={<ExportLinks path="/sounds/trending" params={TRENDING} what="trending sounds" />}
    >
      <Answer api={sounds} what="sounds">
        {(list) => (
          <ol class="ranked">
            {list.map((s) => (
              <li key={s.id}>
                <a href={soundPath(s.id)}>{s.title ?? s.id}</a>
                <span class="muted">
                  {s.author ?? ''} · {count(s.trend.recent_video_count)} posts in{' '}
                  {s.trend.window_days} days
                </span>
              </li>
            ))}
          </ol>
        )}
      </Answer>
    </Section>
  )
}

export function HomePage({ query }: { query: URLSearchParams }) {
  const asked = query.get('period')
  const period: Period = PERIODS.find((p) => p === asked) ?? '7d'
  return (
    <>
      <div class="hero">
        <h1>TikTok analytics you can host yourself</h1>
        <SearchBox />
      </div>
      <PlatformSection />
      <TrendingVideos period={period} />
      <div class="columns">
        <TrendingHashtags />
        <TrendingSounds />
      </div>
    </>
  )
}
