/** Small building blocks shared by the pages: sections, stat tiles, grade badges, entity links. */
import type { ComponentChildren } from 'preact'
import type { Grade } from '../api-types.js'

export function Section({
  title,
  id,
  children,
  aside,
}: {
  title: string
  id?: string
  children: ComponentChildren
  aside?: ComponentChildren
}) {
  return (
    <section class="card" id={id}>
      <header class="card-head">
        <h2>{title}</h2>
        {aside}
      </header>
      {children}
    </section>
  )
}

/** One headline number; `metric` names it for tests and assistive tech alike. */
export function Stat({
  label,
  value,
  metric,
  detail,
  title,
  wide,
}: {
  label: string
  value: ComponentChildren
  metric?: string
  detail?: ComponentChildren
  title?: string
  /** A row of its own (a detail that is a sentence). */
  wide?: boolean
}) {
  return (
    <div class={wide ? 'stat stat-wide' : 'stat'} data-metric={metric} title={title}>
      <div class="stat-label">{label}</div>
      <div class="stat-value">{value}</div>
      {detail === undefined ? null : <div class="stat-detail">{detail}</div>}
    </div>
  )
}

export function Stats({ children, wide }: { children: ComponentChildren; wide?: boolean }) {
  return <div class={wide ? 'stats stats-wide' : 'stats'}>{children}</div>
}

export function GradeBadge({ grade }: { grade: Grade | null | undefined }) {
  const g = grade ?? 'N/A'
  const tone = g === 'N/A' ? 'na' : g.replace('+', 'plus').toLowerCase()
  return <span class={`grade grade-${tone}`}>{g}</span>
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>
}

export const creatorPath = (username: string) => `/creators/${encodeURIComponent(username)}`
export const videoPath = (id: string) => `/videos/${encodeURIComponent(id)}`
export const hashtagPath = (tag: string) => `/hashtags/${encodeURIComponent(tag)}`
export const soundPath = (id: string) => `/sounds/${encodeURIComponent(id)}`

export function CreatorLink({
  username,
  name,
  verified,
}: {
  username: string
  name?: string | null
  verified?: boolean
}) {
  return (
    <a class="creator-link" href={creatorPath(username)}>
      <span class="creator-name">
        {name || username}
        {verified ? (
          <span class="verified" title="Verified">
            ✓
          </span>
        ) : null}
      </span>
      <span class="handle">@{username}</span>
    </a>
  )
}

export function HashtagLinks({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null
  return (
    <span class="tags">
      {tags.map((t) => (
        <a key={t} class="tag" href={hashtagPath(t)}>
          #{t}
        </a>
      ))}
    </span>
  )
}

/** A link that leaves the dashboard (TikTok itself): a new tab, no referrer. */
export function External({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" class="external">
      {children}
    </a>
  )
}
