/**
 * Signing webhook deliveries, and the check a receiver runs: `Toklytics-Signature: t=<unix
 * seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. The timestamp is signed with the body,
 * so a captured delivery cannot be replayed outside the receiver's tolerance window.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_HEADER = 'Toklytics-Signature'
export const EVENT_HEADER = 'Toklytics-Event'
export const DELIVERY_HEADER = 'Toklytics-Delivery'
export const WEBHOOK_USER_AGENT = 'Toklytics-Webhooks/1'

/** The default replay window of verifyWebhookSignature, in seconds either side of now. */
export const DEFAULT_TOLERANCE_SECONDS = 300

/** Hex HMAC-SHA256 of "<timestamp>.<body>" under `secret`. */
function hmacHex(secret: string, timestamp: number, rawBody: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')
}

/** The value of the Toklytics-Signature header for `rawBody` sent at `nowSeconds`. */
export function signatureHeader(
  secret: string,
  rawBody: string | Uint8Array,
  nowSeconds: number,
): string {
  const t = Math.floor(nowSeconds)
  return `t=${t},v1=${hmacHex(secret, t, rawBody)}`
}

export type SignatureCheck =
  | { valid: true; timestamp: number }
  | { valid: false; reason: 'malformed' | 'stale' | 'future' | 'mismatch' }

/**
 * Whether `header` (a Toklytics-Signature value) signs `rawBody` (the bytes received, before any
 * JSON parsing) with `secret`, at a time within `toleranceSeconds` of `nowSeconds`. Several v1
 * values are accepted (one matching is enough), for a future rotation that signs with two
 * secrets. The comparison takes the same time whatever the bytes, so it reveals nothing.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  rawBody: string | Uint8Array,
  nowSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): SignatureCheck {
  if (typeof header !== 'string') return { valid: false, reason: 'malformed' }
  let timestamp: number | null = null
  const signatures: string[] = []
  for (const part of header.split(',')) {
    const eq = part.indexOf('=')
    const key = part.slice(0, eq).trim()
    const value = part.slice(eq + 1).trim()
    if (key === 't' && /^\d{1,15}$/.test(value)) timestamp = Number(value)
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value)
  }
  if (timestamp === null || signatures.length === 0) return { valid: false, reason: 'malformed' }
  if (timestamp < nowSeconds - toleranceSeconds) return { valid: false, reason: 'stale' }
  if (timestamp > nowSeconds + toleranceSeconds) return { valid: false, reason: 'future' }
  const expected = Buffer.from(hmacHex(secret, timestamp, rawBody), 'hex')
  const matched = signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected))
  return matched ? { valid: true, timestamp } : { valid: false, reason: 'mismatch' }
}
