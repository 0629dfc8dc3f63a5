/**
 * When a failed webhook delivery is tried again, and when an endpoint is given up on. Delays
 * double from a base (30 s, 1 min, 2 min … capped), each moved by up to ±jitter of itself so that
 * deliveries failed by one outage do not all come back in the same second.
 */

export interface RetrySchedule {
  /** Delay before the second attempt, in milliseconds. */
  baseDelayMs: number
  /** No delay is longer than this (before jitter). */
  maxDelayMs: number
  /** Attempts in all, the first included; a delivery still failing after the last is failed. */
  maxAttempts: number
  /** Fraction (0–1) of a delay by which it may be moved earlier or later at random. */
  jitter: number
}

/**
 * Production: 8 attempts over about an hour (30 s, 1, 2, 4, 8, 16, 32 min between them), so a
 * receiver restarted or redeployed within the hour loses nothing.
 */
export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  maxAttempts: 8,
  jitter: 0.1,
}

/**
 * Deliveries in a row that failed after every retry before an endpoint is disabled: with the
 * default schedule, a receiver down for more than an hour while events kept coming.
 */
export const DISABLE_AFTER_FAILED_DELIVERIES = 5

/**
 * Milliseconds to wait after failed attempt number `attempt` (1-based) before the next one, or
 * null when that was the last: min(base × 2^(attempt−1), max) × (1 + jitter × (2·random − 1)).
 * `random` is in [0, 1) (Math.random in production; fixed in tests).
 */
export function retryDelayMs(
  attempt: number,
  schedule: RetrySchedule,
  random: number,
): number | null {
  if (attempt >= schedule.maxAttempts) return null
  const delay = Math.min(schedule.baseDelayMs * 2 ** (attempt - 1), schedule.maxDelayMs)
  return Math.max(0, Math.round(delay * (1 + schedule.jitter * (2 * random - 1))))
}
