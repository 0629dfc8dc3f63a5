/** Who a request is counted as, and how many requests a minute that caller gets. */
import type { ApiKeyTier } from './api-key.js'

/** Requests per minute per caller; admin keys are not counted. */
export interface RateLimitsPerMinute {
  /** Per client address, without an API key (or with one that was refused). */
  anonymous: number
  free: number
  pro: number
  /** Ingest batches per contributor token. */
  ingest: number
}

export const DEFAULT_RATE_LIMITS: RateLimitsPerMinute = {
  anonymous: 30,
  free: 120,
  pro: 1200,
  ingest: 60,
}

export const RATE_LIMIT_WINDOW_MS = 60_000

export type Caller =
  | { kind: 'address'; address: string }
  | { kind: 'key'; id: string; tier: ApiKeyTier }
  | { kind: 'contributor'; id: string }

/** The counter a caller draws from and its size; null for a caller that is not limited. */
export function budgetOf(
  caller: Caller,
  limits: RateLimitsPerMinute,
): { bucket: string; perMinute: number } | null {
  switch (caller.kind) {
    case 'address':
      return { bucket: `ip:${caller.address}`, perMinute: limits.anonymous }
    case 'contributor':
      return { bucket: `ingest:${caller.id}`, perMinute: limits.ingest }
    case 'key':
      if (caller.tier === 'admin') return null
      return { bucket: `key:${caller.id}`, perMinute: limits[caller.tier] }
  }
}
