/** The REST API as the pages call it: same origin, `{data, pagination?, meta}` bodies, readable failures. */

export const API_BASE = '/api/v1'

/** Where an optional API key is kept (raises the anonymous rate limit to the key's tier). */
const KEY_STORAGE = 'toklytics.apiKey'

export interface Pagination {
  page: number
  limit: number
  total: number
  total_pages: number
  has_more: boolean
}

export interface Envelope<T> {
  data: T
  pagination?: Pagination
}

/** An answer that is not a 2xx, with the Error format's code and message when it has them. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait (`Retry-After`) after a 429. */
    readonly retryAfter: number | null,
  ) {
    super(message)
  }
}

export type Params = Record<string, string | number | boolean | null | undefined>

/** `path?query` with empty values left out, so the same request always has the same URL. */
export function apiUrl(path: string, params: Params = {}): string {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value))
  }
  const qs = query.toString()
  return `${API_BASE}${path}${qs === '' ? '' : `?${qs}`}`
}

export function storedApiKey(): string | null {
  try {
    return localStorage.getItem(KEY_STORAGE)
  } catch {
    return null
  }
}

export function storeApiKey(key: string | null): void {
  try {
    if (key === null || key.trim() === '') localStorage.removeItem(KEY_STORAGE)
    else localStorage.setItem(KEY_STORAGE, key.trim())
  } catch {}
  answers.clear()
}

/**
 * Answers are kept for a short while, so going back and forth between pages does not spend the
 * rate limit again (the server caches too, but every request still counts against the caller).
 */
const ANSWER_TTL_MS = 30_000
const MAX_ANSWERS = 100
const answers = new Map<string, { at: number; answer: Promise<unknown> }>()

/** A request with the stored key; a write sends `body` as JSON. */
async function fetchJson(
  url: string,
  write?: { method: SendMethod; body: object | undefined },
): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' }
  const key = storedApiKey()
  if (key !== null) headers['x-toklytics-key'] = key
  const init: RequestInit = { headers }
  if (write !== undefined) {
    init.method = write.method
    if (write.body !== undefined) {
      headers['content-type'] = 'application/json'
      init.body = JSON.stringify(write.body)
    }
  }
  let res: Response
  try {
    res = await fetch(url, init)
  } catch {
    throw new ApiFailure(0, 'network', 'The server could not be reached.', null)
  }
  // 204 No Content (a deletion) has no body to read.
  if (res.status === 204) return null
  const body: unknown = await res.json().catch(() => null)
  if (res.ok) return body
  const error =
    typeof body === 'object' && body !== null && 'error' in body
      ? (body.error as { code?: unknown; message?: unknown })
      : {}
  const retry = Number(res.headers.get('retry-after'))
  throw new ApiFailure(
    res.status,
    typeof error.code === 'string' ? error.code : `http_${res.status}`,
    typeof error.message === 'string' ? error.message : `The server answered ${res.status}.`,
    res.status === 429 && Number.isFinite(retry) ? retry : null,
  )
}

/** GETs an API path; the body is the contract's envelope (typed by the caller). */
export function apiGet<T>(path: string, params: Params = {}): Promise<Envelope<T>> {
  const url = apiUrl(path, params)
  const now = Date.now()
  const kept = answers.get(url)
  if (kept !== undefined && now - kept.at < ANSWER_TTL_MS)
    return kept.answer as Promise<Envelope<T>>
  const answer = fetchJson(url)
  answers.set(url, { at: now, answer })
  // A failure is not kept: the next visit asks again.
  answer.catch(() => answers.delete(url))
  if (answers.size > MAX_ANSWERS) {
    const oldest = answers.keys().next().value
    if (oldest !== undefined) answers.delete(oldest)
  }
  return answer as Promise<Envelope<T>>
}

export type SendMethod = 'POST' | 'PATCH' | 'DELETE'

/**
 * Sends a write (POST, PATCH, DELETE) with `body` as JSON; resolves to the contract's envelope,
 * or null for an answer without content (204). Failures are the same ApiFailure as for GETs.
 * Every kept GET answer is forgotten afterwards, failed or not: what they said may have changed.
 */
export async function apiSend<T>(
  method: SendMethod,
  path: string,
  body?: object,
): Promise<Envelope<T> | null> {
  try {
    return (await fetchJson(apiUrl(path), { method, body })) as Envelope<T> | null
  } finally {
    answers.clear()
  }
}

/** Forgets every kept answer (after the user asks to reload). */
export function forgetAnswers(): void {
  answers.clear()
}
