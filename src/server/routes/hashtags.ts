/** The hashtags operations of the spec: thin adapters over queries/hashtags/. */
import type { ApiRoutes } from '../api-routes.js'

export function registerHashtagsRoutes(_api: ApiRoutes): void {}
