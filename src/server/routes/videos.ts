/** The videos operations of the spec: thin adapters over queries/videos/. */
import type { ApiRoutes } from '../api-routes.js'

export function registerVideosRoutes(_api: ApiRoutes): void {}
