/** A sound: who made it, how many use it, its trend, top videos and the creators using it most. */
import type { Creator, SoundDetails } from '../api-types.js'
import { External, Section, Stat, Stats } from '../components/bits.js'
import { CreatorTable } from '../components/creator-table.js'
import { ExportLinks } from '../components/export-links.js'
import { Answer } from '../components/status.js'
import { VideoTable } from '../components/video-table.js'
import { compact, count, day, duration } from '../format.js'
import { useApi } from '../use-api.js'

function Body({ s }: { s: SoundDetails }) {
  const uses = new Map(s.top_creators.map((c) => [c.id, c.uses]))
  return (
    <>
      <p class="eyebrow">Sound{s.original ? ' · original' : ''}</p>
      <h1>
        {s.title ?? s.id}{' '}
        {s.trend.is_trending ? <span class="badge trending">trending</span> : null}
      </h1>
      <p class="handle">
        {s.author ?? 'unknown author'}
        {s.album ? ` · ${s.album}` : ''} · <External href={s.tiktok_url}>on TikTok</External>
      </p>
      <Stats>
        <Stat
          label="Videos using it"
          value={compact(s.user_count)}
          title={count(s.user_count)}
          metric="user_count"
          detail={s.counts_source === 'tiktok' ? 'as TikTok reports' : 'tracked only'}
        />
        <Stat label="Tracked videos" value={count(s.tracked_video_count)} />
        <Stat
          label="Tracked views"
          value={compact(s.tracked_views)}
          title={count(s.tracked_views)}
        />
        <Stat
          label={`Posts in ${s.trend.window_days} days`}
          value={count(s.trend.recent_video_count)}
          detail={`${compact(s.trend.recent_views)} views`}
        />
        <Stat label="Duration" value={duration(s.duration)} />
      </Stats>
      <Section
        title="Top videos"
        id="top-videos"
        aside={
          <ExportLinks
            path={`/sounds/${encodeURIComponent(s.id)}`}
            table="top_videos"
            what="top videos"
          />
        }
      >
        <VideoTable videos={s.top_videos} showCreator />
      </Section>
      <Section
        title="Creators using it most"
        id="top-creators"
        aside={
          <ExportLinks
            path={`/sounds/${encodeURIComponent(s.id)}`}
            table="top_creators"
            what="top creators"
          />
        }
      >
        <CreatorTable
          creators={s.top_creators}
          extra={{ heading: 'Posts with it', cell: (c: Creator) => count(uses.get(c.id)) }}
        />
      </Section>
      <p class="hint">First seen {day(s.first_seen_at)}.</p>
    </>
  )
}

export function SoundPage({ musicId }: { musicId: string }) {
  const sound = useApi<SoundDetails>(`/sounds/${encodeURIComponent(musicId)}`)
  return (
    <Answer api={sound} what="sound">
      {(s) => <Body s={s} />}
    </Answer>
  )
}
