/** Client-side navigation over the History API: every page has a real URL the server also answers. */
import { useEffect, useState } from 'preact/hooks'

export interface PageLocation {
  path: string
  query: URLSearchParams
}

const NAVIGATED = 'toklytics:navigated'

function current(): PageLocation {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) }
}

/** Goes to a dashboard URL without reloading the page. */
export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', url)
  else window.history.pushState(null, '', url)
  window.dispatchEvent(new Event(NAVIGATED))
  if (!options.replace) window.scrollTo(0, 0)
}

/** `path?query` from form-like values; empty ones are left out. */
export function pageUrl(path: string, values: Record<string, string | number | null | undefined>) {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && String(value).trim() !== '')
      query.set(name, String(value).trim())
  }
  const qs = query.toString()
  return qs === '' ? path : `${path}?${qs}`
}

/** Pages the app renders itself; links elsewhere (/docs, the API, TikTok) load normally. */
const APP_PATH =
  /^\/(?:$|search$|niches$|planner$|compare$|rankings$|watchlists(?:$|\/[^/]+$)|webhooks$|(?:creators|videos|hashtags|sounds)\/[^/]+$)/

/** Same-origin links to app pages navigate in place (plain clicks only: new tabs work as usual). */
function onClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0) return
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  const anchor = event.target instanceof Element ? event.target.closest('a') : null
  if (anchor === null || anchor.target !== '' || anchor.hasAttribute('download')) return
  const url = new URL(anchor.href, window.location.href)
  if (url.origin !== window.location.origin || !APP_PATH.test(url.pathname)) return
  event.preventDefault()
  navigate(url.pathname + url.search)
}

/** The current location, re-rendering on navigation (links, back/forward, navigate()). */
export function useLocation(): PageLocation {
  const [location, setLocation] = useState(current)
  useEffect(() => {
    const update = () => setLocation(current())
    window.addEventListener('popstate', update)
    window.addEventListener(NAVIGATED, update)
    document.addEventListener('click', onClick)
    return () => {
      window.removeEventListener('popstate', update)
      window.removeEventListener(NAVIGATED, update)
      document.removeEventListener('click', onClick)
    }
  }, [])
  return location
}

/** A path segment as the page means it (`%40` → `@`); null when it is not valid encoding. */
export function segment(raw: string): string | null {
  try {
    return decodeURIComponent(raw)
  } catch {
    return null
  }
}
