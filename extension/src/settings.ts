/** The collector's settings (server URL, contributor token, pause) and where uploads go. */

export interface Settings {
  /** The Toklytics server, e.g. `http://127.0.0.1:8080` (a path prefix is kept). */
  serverUrl: string
  /** The contributor token (`TOKLYTICS_INGEST_TOKEN` of the server, or one issued to you). */
  token: string
  /** Paused: nothing is captured and nothing is uploaded; the queue is kept. */
  paused: boolean
}

export const SETTINGS_KEY = 'settings'

export const DEFAULT_SETTINGS: Settings = { serverUrl: '', token: '', paused: false }

/** Settings read back from storage, whatever was stored there. */
export function readSettings(stored: unknown): Settings {
  if (stored === null || typeof stored !== 'object') return { ...DEFAULT_SETTINGS }
  const s = stored as Record<string, unknown>
  return {
    serverUrl: typeof s.serverUrl === 'string' ? s.serverUrl : '',
    token: typeof s.token === 'string' ? s.token : '',
    paused: s.paused === true,
  }
}

/** Why a server URL cannot be used, or null when it can. */
export function serverUrlProblem(serverUrl: string): string | null {
  let url: URL
  try {
    url = new URL(serverUrl)
  } catch {
    return 'The server URL is not a URL (for example http://127.0.0.1:8080).'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'The server URL must start with http:// or https://.'
  }
  if (url.username !== '' || url.password !== '') {
    return 'Put the contributor token in its own field, not in the server URL.'
  }
  return null
}

/** `POST …/api/v1/ingest` under the server URL (a path prefix such as `/toklytics/` is kept). */
export function ingestUrl(serverUrl: string): string {
  const base = new URL(serverUrl)
  base.search = ''
  base.hash = ''
  if (!base.pathname.endsWith('/')) base.pathname += '/'
  return new URL('api/v1/ingest', base).href
}

/** True when uploads can be attempted. */
export function isConfigured(settings: Settings): boolean {
  return settings.token.trim() !== '' && serverUrlProblem(settings.serverUrl) === null
}
