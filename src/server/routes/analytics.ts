/** The analytics operations of the spec: thin adapters over queries/analytics/. */
import type { ApiRoutes } from '../api-routes.js'

export function registerAnalyticsRoutes(_api: ApiRoutes): void {}
