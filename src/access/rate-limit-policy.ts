/** Who a request is counted as, and how many requests a minute that caller gets. */
import { BlockList, isIPv6 } from 'node:net'
import type { ApiKeyTier } from './api-key.js'

/** Requests per minute per caller; admin keys are not counted. */
export interface RateLimitsPerMinute {
  /** Per client address, without an API key (or with one that was refused). */
  anonymous: number
  /**
   * Without an API key, from this machine (loopback, not relayed by a proxy): the owner's own
   * dashboard on a self-hosted server, whose pages make several API requests each.
   */
  local: number
  free: number
  pro: number
  /** Ingest batches per contributor token. */
  ingest: number
}

export const DEFAULT_RATE_LIMITS: RateLimitsPerMinute = {
  anonymous: 30,
  local: 1200,
  free: 120,
  pro: 1200,
  ingest: 60,
}

export const RATE_LIMIT_WINDOW_MS = 60_000

export type Caller =
  | { kind: 'address'; address: string }
  | { kind: 'local'; address: string }
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
    case 'local':
      return { bucket: `local:${caller.address}`, perMinute: limits.local }
    case 'contributor':
      return { bucket: `ingest:${caller.id}`, perMinute: limits.ingest }
    case 'key':
      if (caller.tier === 'admin') return null
      return { bucket: `key:${caller.id}`, perMinute: limits[caller.tier] }
  }
}

const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')

/** 127.0.0.0/8, ::1, and 127.x written as IPv4-mapped IPv6 (`::ffff:127.0.0.1`). */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined || address === '') return false
  try {
    return LOOPBACK.check(address, isIPv6(address) ? 'ipv6' : 'ipv4')
  } catch {
    return false
  }
}

/**
 * Headers a proxy adds to say whom it relays. A reverse proxy on the same host connects from
 * loopback for every remote caller, so a request carrying any of these is not taken as local on
 * the strength of its socket alone.
 */
export const RELAY_HEADERS = [
  'x-forwarded-for',
  'forwarded',
  'x-real-ip',
  'x-client-ip',
  'true-client-ip',
  'cf-connecting-ip',
  'via',
] as const

/**
 * Whether an anonymous request comes from this machine. Not relayed: its socket address is
 * loopback. Relayed: only when TRUST_PROXY walked X-Forwarded-For (`trustedChain`: the socket's
 * address, then each address a trusted hop vouched for) past the socket, and every address on
 * that walk is loopback — a remote client behind a proxy on this host, or a forged loopback entry
 * in front of a remote one, stays anonymous.
 */
export function isLocalRequest(request: {
  socketAddress: string | undefined
  relayed: boolean
  /** Fastify's `request.ips` (null without TRUST_PROXY). */
  trustedChain: readonly string[] | null
}): boolean {
  if (!isLoopback(request.socketAddress)) return false
  if (!request.relayed) return true
  const chain = request.trustedChain
  return chain !== null && chain.length > 1 && chain.every(isLoopback)
}
