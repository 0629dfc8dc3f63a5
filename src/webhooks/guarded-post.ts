/**
 * One webhook POST with the address policy enforced where it matters: at connect time. The
 * request resolves its host through a lookup that refuses non-public addresses, so a name that
 * resolved to a public address when the endpoint was saved and to 127.0.0.1 now (DNS rebinding)
 * is refused too. No redirect is followed, the answer's body is read only up to a small cap, and
 * the whole exchange has a deadline.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { refusedRange } from './address-policy.js'

/** What a receiver's answer may hold before the rest is dropped (it is never used). */
const BODY_CAP_BYTES = 16 * 1024

export const DEFAULT_TIMEOUT_MS = 10_000

export interface GuardOptions {
  /** TOKLYTICS_WEBHOOK_ALLOW_PRIVATE: loopback and private addresses allowed. */
  allowPrivate: boolean
}

export interface PostOptions extends GuardOptions {
  timeoutMs: number
}

/** How one attempt went: delivered on a 2xx, else the status and/or a short error. */
export interface PostOutcome {
  delivered: boolean
  statusCode: number | null
  error: string | null
}

/** Raised by the guarded lookup; its message is what the delivery log shows. */
export class RefusedAddressError extends Error {
  readonly code = 'EWEBHOOKREFUSED'
}

/** The reason `address` is refused under `options`, or null. */
export function addressRefusal(
  host: string,
  address: string,
  options: GuardOptions,
): string | null {
  if (options.allowPrivate) return null
  const range = refusedRange(address)
  if (range === null) return null
  const shown = host === address ? address : `${host} (${address})`
  return `${shown} is not a public address (${range}); set TOKLYTICS_WEBHOOK_ALLOW_PRIVATE=on to allow it`
}

/** A URL's host without IPv6 brackets. */
export const bareHost = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1')

/** dns.lookup, refusing the whole name when any address it resolves to is refused. */
export function guardedLookup(options: GuardOptions): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 4)
      const refusal = addresses
        .map((a) => addressRefusal(hostname, a.address, options))
        .find((r) => r !== null)
      const first = addresses[0]
      if (refusal !== undefined || first === undefined) {
        const error = new RefusedAddressError(refusal ?? `${hostname} resolves to no address`)
        return callback(error as NodeJS.ErrnoException, '', 4)
      }
      if (lookupOptions.all) return callback(null, addresses)
      return callback(null, first.address, first.family)
    })
  }
}

const describeError = (err: unknown): string => {
  if (err instanceof RefusedAddressError) return `refused: ${err.message}`
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timed out'
    const code = (err as NodeJS.ErrnoException).code
    return code !== undefined && !err.message.includes(code)
      ? `${code}: ${err.message}`
      : err.message
  }
  return String(err)
}

/** POSTs `body` to `url` with `headers`; never throws (a failure is an outcome). */
export function guardedPost(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: PostOptions,
): Promise<PostOutcome> {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return Promise.resolve({ delivered: false, statusCode: null, error: 'invalid URL' })
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return Promise.resolve({ delivered: false, statusCode: null, error: 'not an http(s) URL' })
  }
  // A literal address is connected to without any lookup: judge it here.
  const host = bareHost(target)
  const literal = isIP(host) !== 0 ? addressRefusal(host, host, options) : null
  if (literal !== null) {
    return Promise.resolve({ delivered: false, statusCode: null, error: `refused: ${literal}` })
  }
  const client = target.protocol === 'https:' ? https : http
  return new Promise((resolve) => {
    let settled = false
    const finish = (outcome: PostOutcome) => {
      if (settled) return
      settled = true
      resolve(outcome)
    }
    const req = client.request(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: guardedLookup(options),
      // A connection of its own each time: a pooled socket would skip the guarded lookup.
      agent: false,
      signal: AbortSignal.timeout(options.timeoutMs),
    })
    req.on('response', (res) => {
      const status = res.statusCode ?? 0
      const outcome: PostOutcome =
        status >= 200 && status < 300
          ? { delivered: true, statusCode: status, error: null }
          : {
              delivered: false,
              statusCode: status,
              error:
                status >= 300 && status < 400
                  ? `HTTP ${status}: redirects are not followed`
                  : `HTTP ${status}`,
            }
      let read = 0
      res.on('data', (chunk: Buffer) => {
        read += chunk.length
        if (read > BODY_CAP_BYTES) {
          res.destroy()
          finish(outcome)
        }
      })
      res.on('end', () => finish(outcome))
      res.on('close', () => finish(outcome))
      res.on('error', () => finish(outcome))
    })
    req.on('error', (err) =>
      finish({ delivered: false, statusCode: null, error: describeError(err) }),
    )
    req.end(body)
  })
}
