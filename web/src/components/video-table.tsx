/** A table of videos: what it is, who posted it, and how it did (a card a row on a phone). */
import type { Video } from '../api-types.js'
import { compact, count, day, percent, ratio } from '../format.js'
import { CreatorLink, Empty, videoPath } from './bits.js'

/** The description without its hashtags (they have their own links), cut to a line. */
function caption(v: Video): string {
  const text = (v.description ?? '').replace(/#[^\s#]+/g, '').trim()
  if (text === '') return v.content_type === 'slideshow' ? '(slideshow)' : '(no caption)'
  return text.length > 90 ? `${text.slice(0, 89)}…` : text
}

export function VideoTable({
  videos,
  showCreator = false,
}: {
  videos: readonly Video[]
  showCreator?: boolean
}) {
  if (videos.length === 0) return <Empty>No tracked video yet.</Empty>
  return (
    <div class="table-wrap">
      <table class="data videos stack">
        <thead>
          <tr>
            <th>Video</th>
            {showCreator ? <th>Creator</th> : null}
            <th class="num">Plays</th>
            <th class="num">Likes</th>
            <th class="num">Engagement</th>
            <th class="num" title="Plays against the creator's average views">
              vs avg
            </th>
            <th>Posted</th>
          </tr>
        </thead>
        <tbody>
          {videos.map((v) => (
            <tr key={v.video_id} data-video-id={v.video_id}>
              <td class="stack-lead stack-name">
                <a href={videoPath(v.video_id)}>{caption(v)}</a>
                {v.is_viral ? <span class="badge viral">viral</span> : null}
                {v.is_pinned ? <span class="badge">pinned</span> : null}
              </td>
              {showCreator ? (
                <td class="stack-lead stack-name">
                  {'creator' in v && v.creator !== null ? (
                    <CreatorLink
                      username={v.creator.username}
                      name={v.creator.display_name}
                      verified={v.creator.verified}
                    />
                  ) : (
                    '—'
                  )}
                </td>
              ) : null}
              <td class="num" data-label="Plays" title={count(v.plays)}>
                {compact(v.plays)}
              </td>
              <td class="num" data-label="Likes" title={count(v.likes)}>
                {compact(v.likes)}
              </td>
              <td class="num" data-label="Engagement">
                {percent(v.engagement_rate)}
              </td>
              <td
                class="num"
                data-label="vs avg"
                // Null: the creator has no average views yet (nothing unpinned in the sample).
                title={
                  v.performance_vs_average === null
                    ? "not enough data — no average of the creator's views yet"
                    : undefined
                }
              >
                {ratio(v.performance_vs_average)}
              </td>
              <td class="nowrap" data-label="Posted">
                {day(v.posted_at)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
