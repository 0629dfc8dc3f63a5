/**
 * MAIN-world content script: copies TikTok's content JSON (any request whose answer has a content
 * shape, and the page's embedded JSON), changing nothing the page sees.
 */
import {
  apiCaptureUrl,
  type CaptureSource,
  judgeBody,
  MAX_BODY_CHARS,
  pageCaptureUrl,
  type SeenReason,
  worthReading,
} from './capture-policy.js'
import {
  ACK_EVENT,
  captureEventName,
  HELLO_EVENT,
  READY_EVENT,
  seenEventName,
} from './page-channel.js'
import { pickPageData } from './page-data.js'

// Everything the hook calls later is taken now, before any page script can replace it.
const win = window
const doc = document
const nativeFetch = win.fetch
const fetchDescriptor = Object.getOwnPropertyDescriptor(win, 'fetch')
const xhrProto = XMLHttpRequest.prototype
const nativeOpen = xhrProto.open
const nativeSend = xhrProto.send
const nativeResponseHeader = xhrProto.getResponseHeader
const addListener = EventTarget.prototype.addEventListener
const removeListener = EventTarget.prototype.removeEventListener
const dispatch = EventTarget.prototype.dispatchEvent
const NativeCustomEvent = CustomEvent
const NativeRequest = Request
const NativeURL = URL
const NativeTextDecoder = TextDecoder
const parseJson = JSON.parse
const toJson = JSON.stringify
const now = Date.now
const nonce = crypto.randomUUID()
const captureEvent = captureEventName(nonce)
const seenEvent = seenEventName(nonce)

const ignore = () => undefined

/** Hands one capture to the relay (the URL is already stripped to whitelisted parameters). */
function emit(source: CaptureSource, url: string, body: string): void {
  if (body.length === 0 || body.length > MAX_BODY_CHARS) return
  const detail = { source, url, body, observedAt: now() }
  dispatch.call(doc, new NativeCustomEvent(captureEvent, { detail }))
}

/** Tells the relay a response was examined and not collected (a count in the popup, no body). */
function emitSeen(url: string, reason: SeenReason): void {
  dispatch.call(doc, new NativeCustomEvent(seenEvent, { detail: { url, reason } }))
}

/** Keeps a response whose body has a content shape; counts any other as seen. */
function examine(source: CaptureSource, url: string, body: string): void {
  if (body.length > MAX_BODY_CHARS) return
  const verdict = judgeBody(url, body, parseJson)
  if (verdict.collect) emit(source, url, body)
  else emitSeen(url, verdict.reason)
}

// The handshake (page-channel.ts): announce the nonce, and again when a late relay asks.
function announce(): void {
  dispatch.call(doc, new NativeCustomEvent(HELLO_EVENT, { detail: nonce }))
}
function onReady(): void {
  announce()
}
function onAck(): void {
  removeListener.call(doc, READY_EVENT, onReady)
  removeListener.call(doc, ACK_EVENT, onAck)
}
addListener.call(doc, READY_EVENT, onReady)
addListener.call(doc, ACK_EVENT, onAck)
announce()

/** The capture URL of a request the page makes (any method), or null (other hosts, personal paths). */
function captureUrlOf(input: unknown): string | null {
  const raw =
    input instanceof NativeRequest
      ? input.url
      : input instanceof NativeURL
        ? input.href
        : String(input)
  return apiCaptureUrl(raw, doc.baseURI)
}

/**
 * `fetch`: the page gets the very promise the original returned; a clone of a successful
 * response is read on the side.
 */
function fetch(this: unknown, ...args: Parameters<typeof win.fetch>): Promise<Response> {
  const pending: Promise<Response> = Reflect.apply(nativeFetch, this, args)
  try {
    const url = captureUrlOf(args[0])
    if (url !== null) {
      pending.then((response) => {
        if (!response.ok || !worthReading(url, response.headers.get('content-type'))) return
        response
          .clone()
          .text()
          .then((body) => examine('fetch', url, body), ignore)
      }, ignore)
    }
  } catch {
    // Never let the collector break a request of the page.
  }
  return pending
}

Object.defineProperty(win, 'fetch', {
  configurable: fetchDescriptor?.configurable ?? true,
  enumerable: fetchDescriptor?.enumerable ?? true,
  writable: fetchDescriptor?.writable ?? true,
  value: fetch,
})

/** The URL each XHR was opened with, when it is one to capture. */
const xhrCaptureUrls = new WeakMap<XMLHttpRequest, string>()

function readXhr(xhr: XMLHttpRequest, url: string): void {
  if (xhr.status < 200 || xhr.status > 299) return
  if (!worthReading(url, Reflect.apply(nativeResponseHeader, xhr, ['content-type']))) return
  const type = xhr.responseType
  if (type === '' || type === 'text') examine('xhr', url, xhr.responseText)
  else if (type === 'json') {
    // Already parsed by the browser; null when it was not JSON.
    if (xhr.response === null) emitSeen(url, 'not_json')
    else examine('xhr', url, toJson(xhr.response))
  } else if (type === 'arraybuffer' && xhr.response instanceof ArrayBuffer) {
    examine('xhr', url, new NativeTextDecoder().decode(xhr.response))
  } else if (type === 'blob' && xhr.response instanceof Blob) {
    xhr.response.text().then((body) => examine('xhr', url, body), ignore)
  }
}

xhrProto.open = function open(this: XMLHttpRequest, ...args: unknown[]) {
  try {
    const url = captureUrlOf(args[1])
    if (url === null) xhrCaptureUrls.delete(this)
    else xhrCaptureUrls.set(this, url)
  } catch {
    xhrCaptureUrls.delete(this)
  }
  return Reflect.apply(nativeOpen, this, args)
} as typeof nativeOpen

/** Reads the response once the request has loaded, then forgets the listener. */
function watchXhr(xhr: XMLHttpRequest, url: string): void {
  const onLoad = () => {
    removeListener.call(xhr, 'load', onLoad)
    try {
      readXhr(xhr, url)
    } catch {
      // An odd response type: skip it.
    }
  }
  addListener.call(xhr, 'load', onLoad)
}

xhrProto.send = function send(this: XMLHttpRequest, ...args: unknown[]) {
  try {
    const url = xhrCaptureUrls.get(this)
    if (url !== undefined) watchXhr(this, url)
  } catch {
    // As for fetch: the page's request goes on regardless.
  }
  return Reflect.apply(nativeSend, this, args)
} as typeof nativeSend

// Same name and arity as the originals, for scripts that look (TikTok's own SDK wraps them too).
for (const [wrapper, native] of [
  [fetch, nativeFetch],
  [xhrProto.open, nativeOpen],
  [xhrProto.send, nativeSend],
] as const) {
  Object.defineProperty(wrapper, 'length', { value: native.length })
}

/** The page's embedded JSON (first load only; later pages arrive by fetch/XHR). */
function readPageData(): void {
  try {
    const url = pageCaptureUrl(win.location.href)
    if (url === null) return
    const element =
      doc.getElementById('__UNIVERSAL_DATA_FOR_REHYDRATION__') ??
      doc.getElementById('SIGI_STATE') ??
      doc.getElementById('sigi-persisted-data')
    const text = element?.textContent ?? ''
    // The oldest pages set `window['SIGI_STATE'] = {…}` in an inline script instead.
    const value: unknown =
      text !== '' ? parseJson(text) : (win as unknown as Record<string, unknown>).SIGI_STATE
    const picked = pickPageData(value)
    if (picked !== null) emit('page', url, toJson(picked))
  } catch {
    // Not JSON, or a shape we do not know: nothing to send.
  }
}

if (doc.readyState === 'loading') {
  addListener.call(doc, 'DOMContentLoaded', readPageData, { once: true })
} else {
  readPageData()
}
