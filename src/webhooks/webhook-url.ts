/**
 * Whether a URL may be saved as a webhook endpoint: http or https, no credentials in it, and a
 * host that resolves only to addresses deliveries may go to. Checked when the endpoint is saved
 * (so the owner hears at once) and again at every connection (guarded-post.ts).
 */
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { addressRefusal, bareHost, type GuardOptions } from './guarded-post.js'

export const MAX_URL_LENGTH = 2000

/** Why `url` may not be an endpoint (a sentence), or null when it may. */
export async function webhookUrlRefusal(
  url: string,
  options: GuardOptions,
): Promise<string | null> {
  if (url.length > MAX_URL_LENGTH) return `is longer than ${MAX_URL_LENGTH} characters`
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'is not an absolute URL'
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `must be http:// or https:// (not ${parsed.protocol})`
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return 'must not hold credentials: deliveries are authenticated by their signature'
  }
  const host = bareHost(parsed)
  if (host === '') return 'has no host'
  if (isIP(host) !== 0) return addressRefusal(host, host, options)
  let addresses: { address: string }[]
  try {
    addresses = await lookup(host, { all: true })
  } catch {
    return `names a host that does not resolve (${host})`
  }
  for (const a of addresses) {
    const refusal = addressRefusal(host, a.address, options)
    if (refusal !== null) return refusal
  }
  return addresses.length === 0 ? `names a host that does not resolve (${host})` : null
}
