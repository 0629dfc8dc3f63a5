/** Shared first and last steps of every parser: body checks before, result shape after. */

import { isRecord, type JsonRecord } from '../../contract/json-value.js'
import type { DropReason, ParseResult, PayloadKind } from '../parsed.js'
import type { CaptureBuilder } from './capture-builder.js'
import { tiktokStatusError } from './tiktok-status.js'

/** A dropped capture of `kind`. */
export function drop(kind: PayloadKind | null, reason: DropReason, detail: string): ParseResult {
  return { ok: false, kind, reason, detail }
}

/** True for the bodies that carry nothing at all (§2: HTTP 200 with an empty body is normal). */
export function isEmptyBody(body: unknown): boolean {
  if (body === null || body === undefined) return true
  if (typeof body === 'string') return body.trim() === ''
  return isRecord(body) && Object.keys(body).length === 0
}

/** Outcome of `preflight`: the body record to parse, or the drop result to return. */
export type Preflight = { ok: true; body: JsonRecord } | { ok: false; result: ParseResult }

/**
 * The checks every `/api` and app parser makes first: empty body → 'empty_body', not a JSON
 * object → 'schema_mismatch', TikTok status non-zero in either field → 'tiktok_error'.
 */
export function preflight(kind: PayloadKind, body: unknown): Preflight {
  if (isEmptyBody(body)) return { ok: false, result: drop(kind, 'empty_body', 'the body is empty') }
  if (!isRecord(body)) {
    const detail = `expected a JSON object, got ${describe(body)}`
    return { ok: false, result: drop(kind, 'schema_mismatch', detail) }
  }
  const status = tiktokStatusError(body)
  if (status !== null) return { ok: false, result: drop(kind, 'tiktok_error', status.detail) }
  return { ok: true, body }
}

/** The ok result, or 'no_entities' when the capture turned out to hold nothing storable. */
export function finish(kind: PayloadKind, out: CaptureBuilder, emptyDetail: string): ParseResult {
  if (out.size() === 0) return drop(kind, 'no_entities', emptyDetail)
  return { ok: true, kind, data: out.build() }
}

/** A short description of a JSON value's type, for drop details. */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}
