/** The dashboard's URLs: the page paths that answer its HTML shell, and where its bundle is served. */

/**
 * Every page of the dashboard (`web/`), as Fastify route patterns. `/creators/:username` is the
 * API's `profile_url`. Only these answer the shell: any other path, `/api/*` above all, stays a
 * JSON 404 in the Error format.
 */
export const DASHBOARD_PAGES = [
  '/',
  '/search',
  '/creators/:username',
  '/videos/:videoId',
  '/hashtags/:tag',
  '/sounds/:musicId',
  '/niches',
  '/planner',
  '/compare',
  '/rankings',
  '/watchlists',
  '/watchlists/:id',
  '/webhooks',
] as const

/** The bundle's files (content-hashed names, so cached for a year). */
export const DASHBOARD_ASSETS_PREFIX = '/assets/'

const ASSET_ROUTE = `${DASHBOARD_ASSETS_PREFIX}*`
const PAGE_ROUTES: ReadonlySet<string> = new Set([...DASHBOARD_PAGES, ASSET_ROUTE])

/** Whether a matched route pattern (`req.routeOptions.url`) is a dashboard page or asset. */
export function isDashboardRoute(routeUrl: string | undefined): boolean {
  return routeUrl !== undefined && PAGE_ROUTES.has(routeUrl)
}
