/** The extension's service worker: checks and queues captures, and uploads them in batches. */
import { scrubViewerFields } from '../../src/contract/capture-privacy.js'
import { captureKind, checkPageCapture, checkSeenResponse } from './capture-policy.js'
import { postIngest } from './ingest-request.js'
import { pickPageData } from './page-data.js'
import { readSettings, SETTINGS_KEY } from './settings.js'
import { CaptureQueue, type KeyValueStore } from './upload-queue.js'
import { BATCH_MAX_CAPTURES, Uploader } from './uploader.js'

/** Captures arriving close together go in one batch: wait this long after the first. */
const BATCH_DELAY_MS = 3_000
/** Alarms wake a stopped worker up; Chrome fires them 30 s apart at best. */
const ALARM = 'toklytics-upload'
const ALARM_MIN_MS = 30_000

const store: KeyValueStore = {
  get: (keys) => chrome.storage.local.get(keys),
  set: (items) => chrome.storage.local.set(items),
  remove: (keys) => chrome.storage.local.remove(keys),
}

const queue = new CaptureQueue(store)

async function loadSettings() {
  return readSettings((await chrome.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY])
}

const uploader = new Uploader({
  queue,
  settings: loadSettings,
  send: postIngest,
  collector: { name: 'toklytics-extension', version: chrome.runtime.getManifest().version },
})

let timer: ReturnType<typeof setTimeout> | undefined

/** The next flush: a timer while the worker lives, and an alarm in case it is stopped first. */
function schedule(delayMs: number): void {
  if (timer !== undefined) clearTimeout(timer)
  timer = setTimeout(() => {
    timer = undefined
    void run()
  }, delayMs)
  void chrome.alarms.create(ALARM, { when: Date.now() + Math.max(delayMs, ALARM_MIN_MS) })
}

async function run(flush: () => Promise<{ retryInMs: number | null }> = () => uploader.flush()) {
  try {
    const result = await flush()
    if (result.retryInMs !== null) schedule(result.retryInMs)
    else {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      await chrome.alarms.clear(ALARM)
    }
  } catch {
    // Storage failed (quota, shutdown): the captures are still queued; try again later.
    schedule(ALARM_MIN_MS)
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * A capture from a content script. The page could have forged it, so it is checked again here
 * (message shape, URL, stripped parameters, a content shape the server stores), the page JSON is
 * reduced to its content scopes again, and viewer-relative fields are removed before it is
 * stored. A body that is not content after all is counted as seen, not queued.
 */
async function accept(raw: unknown): Promise<void> {
  if ((await loadSettings()).paused) return
  const capture = checkPageCapture(raw)
  if (capture === null) return
  let body: unknown
  try {
    body = JSON.parse(capture.body)
  } catch {
    await queue.recordSeen({ url: capture.url, reason: 'not_json' })
    return
  }
  if (capture.source === 'page') body = pickPageData(body)
  if (!isRecord(body) || Object.keys(body).length === 0) return
  const kind = captureKind(capture, body)
  if (kind === null) {
    await queue.recordSeen({ url: capture.url, reason: 'unknown_shape' })
    return
  }
  body = scrubViewerFields(body)
  const length = await queue.enqueue(
    { url: capture.url, observed_at: new Date(capture.observedAt).toISOString(), body },
    kind,
  )
  if (length >= BATCH_MAX_CAPTURES) void run()
  else if (timer === undefined) schedule(BATCH_DELAY_MS)
}

const extensionOrigin = chrome.runtime.getURL('')

chrome.runtime.onMessage.addListener((message: unknown, sender) => {
  if (sender.id !== chrome.runtime.id || !isRecord(message)) return false
  const fromExtensionPage = sender.url?.startsWith(extensionOrigin) === true
  if (message.type === 'capture' && !fromExtensionPage && sender.tab !== undefined) {
    void accept(message.capture)
  } else if (message.type === 'seen' && !fromExtensionPage && sender.tab !== undefined) {
    const seen = checkSeenResponse(message.seen)
    if (seen !== null) void queue.recordSeen(seen).catch(() => undefined)
  } else if (message.type === 'send-now' && fromExtensionPage) {
    void run(() => uploader.retryNow())
  }
  return false
})

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes[SETTINGS_KEY] !== undefined) {
    void run(() => uploader.retryNow({ resetFailures: true }))
  }
})

// A fresh install has nowhere to send to: ask for the server straight away, once.
chrome.runtime.onInstalled.addListener((details) => {
  if (details.reason !== 'install') return
  void loadSettings().then((settings) => {
    if (settings.serverUrl === '') void chrome.runtime.openOptionsPage()
  })
})

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === ALARM) void run()
})

// Each time the worker starts (browser start, wake-up by an event), send what is due.
void run()
