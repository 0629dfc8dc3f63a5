/** A hashtag: TikTok's own totals, what Toklytics tracked, its trend, top videos and creators. */
import type { Creator, HashtagDetails } from '../api-types.js'
import { External, Section, Stat, Stats } from '../components/bits.js'
import { CreatorTable } from '../components/creator-table.js'
import { ExportLinks } from '../components/export-links.js'
import { Answer } from '../components/status.js'
import { VideoTable } from '../components/video-table.js'
import { compact, count } from '../format.js'
import { useApi } from '../use-api.js'

function Body({ h }: { h: HashtagDetails }) {
  const uses = new Map(h.top_creators.map((c) => [c.id, c.uses]))
  return (
    <>
      <p class="eyebrow">Hashtag</p>
      <h1>
        #{h.name} {h.trend.is_trending ? <span class="badge trending">trending</span> : null}
      </h1>
      {h.description ? <p class="bio">{h.description}</p> : null}
      <p class="handle">
        <External href={h.tiktok_url}>on TikTok</External>
      </p>
      <Stats>
        <Stat
          label="Videos on TikTok"
          value={compact(h.video_count)}
          title={count(h.video_count)}
          metric="video_count"
          detail={h.counts_source === 'tiktok' ? 'as TikTok reports' : 'tracked only'}
        />
        <Stat
          label="Views on TikTok"
          value={compact(h.view_count)}
          title={count(h.view_count)}
          metric="view_count"
        />
        <Stat label="Tracked videos" value={count(h.tracked_video_count)} />
        <Stat
          label="Tracked views"
          value={compact(h.tracked_views)}
          title={count(h.tracked_views)}
        />
        <Stat
          label={`Posts in ${h.trend.window_days} days`}
          value={count(h.trend.recent_video_count)}
          detail={`${compact(h.trend.recent_views)} views`}
        />
      </Stats>
      <Section
        title="Top videos"
        id="top-videos"
        aside={
          <ExportLinks
            path={`/hashtags/${encodeURIComponent(h.name)}`}
            table="top_videos"
            what="top videos"
          />
        }
      >
        <VideoTable videos={h.top_videos} showCreator />
      </Section>
      <Section
        title="Creators using it most"
        id="top-creators"
        aside={
          <ExportLinks
            path={`/hashtags/${encodeURIComponent(h.name)}`}
            table="top_creators"
            what="top creators"
          />
        }
      >
        <CreatorTable
          creators={h.top_creators}
          extra={{ heading: 'Posts with it', cell: (c: Creator) => count(uses.get(c.id)) }}
        />
      </Section>
    </>
  )
}

export function HashtagPage({ tag }: { tag: string }) {
  const name = tag.replace(/^#/, '')
  const hashtag = useApi<HashtagDetails>(`/hashtags/${encodeURIComponent(name)}`)
  return (
    <Answer api={hashtag} what={`#${name}`}>
      {(h) => <Body h={h} />}
    </Answer>
  )
}
