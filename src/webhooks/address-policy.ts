/**
 * Which network addresses a webhook may be delivered to. Only globally routable unicast ones:
 * loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16, where cloud metadata
 * services answer), CGNAT (100.64/10), 0.0.0.0/8, multicast, broadcast, reserved and
 * documentation ranges, and their IPv6 counterparts (::1, fc00::/7, fe80::/10, NAT64, 6to4,
 * Teredo) are refused — IPv4-mapped and -compatible IPv6 forms judged as the IPv4 address they
 * carry — so that an API key cannot make the server reach into the network it runs in.
 */
import ipaddr from 'ipaddr.js'

/** Why `address` may not be delivered to, or null when it may (a public unicast address). */
export function refusedRange(address: string): string | null {
  // A zone (fe80::1%eth0) only ever names a link-local address.
  if (address.includes('%')) return 'link-local'
  if (!ipaddr.isValid(address)) return 'not an IP address'
  const range = ipaddr.process(address).range()
  return range === 'unicast' ? null : range
}

/** Whether `address` is a public unicast address. */
export const isPublicAddress = (address: string): boolean => refusedRange(address) === null
