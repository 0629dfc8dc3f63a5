/** The dashboard's entry: the layout, the page for the current URL, and the bundle's styles. */
import 'uplot/dist/uPlot.min.css'
import './styles.css'
import type { ComponentChildren } from 'preact'
import { render } from 'preact'
import { useEffect } from 'preact/hooks'
import { ComparePage } from './pages/compare.js'
import { CreatorPage } from './pages/creator.js'
import { HashtagPage } from './pages/hashtag.js'
import { HomePage } from './pages/home.js'
import { NichesPage } from './pages/niches.js'
import { PlannerPage } from './pages/planner.js'
import { RankingsPage } from './pages/rankings.js'
import { SearchPage } from './pages/search.js'
import { SoundPage } from './pages/sound.js'
import { VideoPage } from './pages/video.js'
import { WatchlistPage } from './pages/watchlist.js'
import { WatchlistsPage } from './pages/watchlists.js'
import { WebhooksPage } from './pages/webhooks.js'
import { type PageLocation, segment, useLocation } from './router.js'

interface Page {
  title: string
  body: ComponentChildren
}

const NAV = [
  ['/', 'Home'],
  ['/search', 'Creators'],
  ['/rankings', 'Top lists'],
  ['/niches', 'Niches'],
  ['/planner', 'Planner'],
  ['/compare', 'Compare'],
  ['/watchlists', 'Watchlists'],
  ['/webhooks', 'Webhooks'],
] as const

function notFound(path: string): Page {
  return {
    title: 'Not found',
    body: (
      <div class="status not-found" role="alert">
        <h1>Not found</h1>
        <p>The dashboard has no page at {path}.</p>
      </div>
    ),
  }
}

/** The page for a path: one pattern per page, as the server's DASHBOARD_PAGES. */
function pageFor({ path, query }: PageLocation): Page {
  if (path === '/') return { title: 'Home', body: <HomePage query={query} /> }
  if (path === '/search') return { title: 'Creators', body: <SearchPage query={query} /> }
  if (path === '/niches') return { title: 'Niche report', body: <NichesPage query={query} /> }
  if (path === '/planner') return { title: 'Campaign planner', body: <PlannerPage query={query} /> }
  if (path === '/compare') return { title: 'Compare', body: <ComparePage query={query} /> }
  if (path === '/rankings') return { title: 'Top lists', body: <RankingsPage query={query} /> }
  if (path === '/watchlists') return { title: 'Watchlists', body: <WatchlistsPage /> }
  if (path === '/webhooks') return { title: 'Webhooks', body: <WebhooksPage /> }
  const list = /^\/watchlists\/([^/]+)$/.exec(path)?.[1]
  const listId = list === undefined ? null : segment(list)
  if (listId) return { title: 'Watchlist', body: <WatchlistPage id={listId} query={query} /> }
  const match = /^\/(creators|videos|hashtags|sounds)\/([^/]+)$/.exec(path)
  const value = match?.[2] === undefined ? null : segment(match[2])
  if (match === null || value === null || value === '') return notFound(path)
  switch (match[1]) {
    case 'creators': {
      const username = value.replace(/^@/, '')
      return { title: `@${username}`, body: <CreatorPage username={username} /> }
    }
    case 'videos':
      return { title: `Video ${value}`, body: <VideoPage videoId={value} /> }
    case 'hashtags':
      return { title: `#${value}`, body: <HashtagPage tag={value} /> }
    default:
      return { title: 'Sound', body: <SoundPage musicId={value} /> }
  }
}

function App() {
  const location = useLocation()
  const page = pageFor(location)
  const key = `${location.path}?${location.query.toString()}`
  useEffect(() => {
    document.title = `${page.title} · Toklytics`
  }, [page.title])
  const section = `/${location.path.split('/')[1] ?? ''}`
  return (
    <>
      <header class="top">
        <a class="brand" href="/">
          <span class="logo" aria-hidden="true" />
          Toklytics
        </a>
        <nav aria-label="Main">
          {NAV.map(([href, label]) => (
            <a
              key={href}
              href={href}
              aria-current={
                section === href || (href === '/search' && section === '/creators')
                  ? 'page'
                  : undefined
              }
            >
              {label}
            </a>
          ))}
          <a href="/docs" class="muted-link">
            API
          </a>
        </nav>
      </header>
      {/* Keyed by URL: each page starts from its own URL (filters, forms, requests). */}
      <main key={key}>{page.body}</main>
      <footer class="foot">
        Toklytics · open TikTok analytics · data from the contributors' browser extension ·{' '}
        <a href="/docs">REST API</a>
      </footer>
    </>
  )
}

const root = document.getElementById('app')
if (root !== null) render(<App />, root)
