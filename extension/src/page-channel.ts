/** The private channel between the MAIN-world hook and the isolated relay: event names only. */

/**
 * The hook announces its random nonce with HELLO; the relay asks for it with READY (when it
 * started second) and confirms with ACK. Both content scripts run at document_start, before any
 * page script, so the page never sees the nonce; captures then travel as events named after it.
 */
export const HELLO_EVENT = 'toklytics:hello'
export const READY_EVENT = 'toklytics:ready'
export const ACK_EVENT = 'toklytics:ack'

/** The capture event of one page session. */
export function captureEventName(nonce: string): string {
  return `toklytics:capture:${nonce}`
}

/** A nonce as the hook makes it (`crypto.randomUUID()`). */
export function isNonce(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)
  )
}

/** The event of one page session for responses examined and not collected (popup counts). */
export function seenEventName(nonce: string): string {
  return `toklytics:seen:${nonce}`
}
