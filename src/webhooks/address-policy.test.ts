/** The address ranges a webhook is never delivered to (without the operator's allowance). */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPublicAddress, refusedRange } from './address-policy.js'

describe('webhook address policy', () => {
  it('allows public unicast addresses', () => {
    for (const a of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
      assert.equal(isPublicAddress(a), true, a)
    }
  })

  it('refuses loopback, private, link-local, CGNAT, this-network, multicast and reserved', () => {
    const refused: Record<string, string> = {
      '127.0.0.1': 'loopback',
      '127.255.0.9': 'loopback',
      '10.0.0.1': 'private',
      '172.16.0.1': 'private',
      '172.31.255.255': 'private',
      '192.168.1.1': 'private',
      '169.254.169.254': 'linkLocal',
      '100.64.0.1': 'carrierGradeNat',
      '100.127.255.255': 'carrierGradeNat',
      '0.0.0.0': 'unspecified',
      '0.1.2.3': 'unspecified',
      '224.0.0.1': 'multicast',
      '255.255.255.255': 'broadcast',
      '240.0.0.1': 'reserved',
      '::1': 'loopback',
      '::': 'unspecified',
      'fc00::1': 'uniqueLocal',
      'fdff::1': 'uniqueLocal',
      'fe80::1': 'linkLocal',
      'fe80::1%eth0': 'link-local',
      'ff02::1': 'multicast',
      // IPv4-mapped forms are judged as the IPv4 address inside.
      '::ffff:127.0.0.1': 'loopback',
      '::ffff:7f00:1': 'loopback',
      '::ffff:a9fe:a9fe': 'linkLocal',
      '::ffff:10.1.2.3': 'private',
      // NAT64 and 6to4 can carry any IPv4 address, the loopback one included.
      '64:ff9b::7f00:1': 'rfc6052',
      '2002:7f00:1::': '6to4',
      localhost: 'not an IP address',
    }
    for (const [address, range] of Object.entries(refused)) {
      assert.equal(refusedRange(address), range, address)
      assert.equal(isPublicAddress(address), false, address)
    }
  })
})
