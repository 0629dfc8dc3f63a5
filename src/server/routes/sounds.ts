/** The sounds operations of the spec: thin adapters over queries/sounds/. */
import type { ApiRoutes } from '../api-routes.js'

export function registerSoundsRoutes(_api: ApiRoutes): void {}
