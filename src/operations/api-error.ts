/** The answer envelope of every API call (DESIGN.md rule 7): `meta`, stable error codes, ApiError. */

export interface Meta {
  source: string
  api_version: string
  /**
   * When the answer was computed from the stored data (ISO 8601, UTC). A current answer is
   * never served once newer data is stored; an aggregate may be served for a bounded time.
   */
  data_as_of?: string
  request_id: string
}

/** The envelope's `meta`; `computedAt` (epoch seconds) when an answer was computed from data. */
export function meta(requestId: string, computedAt?: number): Meta {
  return {
    source: 'Toklytics',
    api_version: 'v1',
    ...(computedAt === undefined
      ? {}
      : { data_as_of: new Date(computedAt * 1000).toISOString().replace('.000Z', 'Z') }),
    request_id: requestId,
  }
}

/** Stable error codes and their HTTP status. */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
  /** The store refuses writes or cannot be reached (read-only, server gone): retry later. */
  storage_unavailable: 503,
  /** The store has no space left: nothing was written; an operator must free space. */
  storage_full: 507,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

/** An error an adapter throws to answer with the Error format; the app's error handler renders it. */
export class ApiError extends Error {
  readonly statusCode: number
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
    this.statusCode = ERROR_STATUS[code]
  }
}

export function errorBody(code: ErrorCode, message: string, requestId: string, docsBase: string) {
  return {
    error: { code, message, docs: `${docsBase}/docs#errors` },
    meta: meta(requestId),
  }
}
