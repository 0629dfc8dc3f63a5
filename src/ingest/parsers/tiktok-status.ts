/** TikTok's in-body status (`statusCode` / `status_code`, doc §2): non-zero means no data. */
import { field, textOf } from '../../contract/json-value.js'

/** Meanings of the status codes seen in public code and issues (tiktok-payloads.md §2). */
const STATUS_MEANINGS: Readonly<Record<number, string>> = {
  10000: 'captcha challenge',
  10102: 'not logged in',
  10201: 'invalid entity or parameter',
  10202: 'page not found',
  10204: 'item not available',
  10216: 'private post',
  10221: 'user does not exist',
  10222: 'private account',
  10231: 'region-locked',
  10235: 'story not available',
  2483: 'cookie invalid or login needed',
  3002060: 'profile user is hiding the following list',
}

/** A non-zero TikTok status: the code and a human detail naming it. */
export interface TikTokStatusError {
  code: number
  detail: string
}

function statusValue(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value)
  return null
}

/**
 * Checks both `statusCode` and `status_code`: either being non-zero is an error, because TikTok
 * answers "user not found" with `{"statusCode":10221,"status_code":0}` (TikTok-Api #1158).
 * A captcha answer has neither but `code: 10000` (TikTok-Api #403). Returns null when OK.
 */
export function tiktokStatusError(body: unknown): TikTokStatusError | null {
  const camel = statusValue(field(body, 'statusCode'))
  const snake = statusValue(field(body, 'status_code'))
  let code: number | null = null
  let key = ''
  if (camel !== null && camel !== 0) {
    code = camel
    key = 'statusCode'
  } else if (snake !== null && snake !== 0) {
    code = snake
    key = 'status_code'
  } else if (camel === null && snake === null) {
    const legacy = statusValue(field(body, 'code'))
    if (legacy === 10000) {
      code = legacy
      key = 'code'
    }
  }
  if (code === null) return null
  const meaning = STATUS_MEANINGS[code] ?? 'unknown TikTok status'
  const message = textOf(field(body, 'statusMsg')) ?? textOf(field(body, 'status_msg'))
  const suffix = message === null ? '' : ` ("${message}")`
  return { code, detail: `TikTok ${key} ${code}: ${meaning}${suffix}` }
}
