/** The popup: today's captures and uploads, the queue, the last error, and pause / send now. */
import { readSettings, SETTINGS_KEY } from './settings.js'
import { CaptureQueue, type KeyValueStore, type QueueStatus } from './upload-queue.js'

const store: KeyValueStore = {
  get: (keys) => chrome.storage.local.get(keys),
  set: (items) => chrome.storage.local.set(items),
  remove: (keys) => chrome.storage.local.remove(keys),
}
const queue = new CaptureQueue(store)

function element(id: string): HTMLElement {
  const found = document.getElementById(id)
  if (found === null) throw new Error(`popup.html has no #${id}`)
  return found
}

const time = (ms: number) =>
  new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })

/** `item_list 3 · user_detail 1` */
function counts(record: Record<string, number>): string {
  return Object.entries(record)
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${n}`)
    .join(' · ')
}

/** A capture URL as a person reads it: the path and the kept parameters. */
function shortUrl(url: string): string {
  const u = new URL(url)
  return `${u.pathname}${u.search}`
}

function render(status: QueueStatus, settings: ReturnType<typeof readSettings>): void {
  const { stats, upload } = status
  const state = element('state')
  const configured = settings.serverUrl !== '' && settings.token !== ''
  state.textContent = settings.paused ? 'Paused' : configured ? 'Collecting' : 'Not set up'
  state.className = settings.paused || !configured ? 'badge off' : 'badge'
  element('server').textContent = configured
    ? `Sending to ${settings.serverUrl}`
    : 'Set the server URL and contributor token in Options.'
  element('pause').textContent = settings.paused ? 'Resume' : 'Pause'

  element('captured').textContent = String(stats.captured)
  element('kinds').textContent = counts(stats.byKind)
  element('accepted').textContent = String(stats.accepted)
  const dropped = stats.dropped > 0 ? ` (${counts(stats.dropReasons)})` : ''
  element('sent-detail').textContent =
    `· ${stats.duplicates} already known · ${stats.dropped} dropped${dropped}`
  element('seen').textContent = String(stats.seen)
  element('seen-detail').textContent = counts(stats.seenPaths)
  element('queue').textContent = String(status.length)
  element('retry').textContent =
    status.length > 0 && upload.retryAt !== null ? `· next try ${time(upload.retryAt)}` : ''
  element('last-success').textContent =
    upload.lastSuccessAt === null ? 'none yet' : `OK at ${time(upload.lastSuccessAt)}`
  const lastError = element('last-error')
  const error = upload.lastError
  // An error followed by a successful upload is history, not a problem to act on.
  const current =
    error !== null && (upload.lastSuccessAt === null || error.at > upload.lastSuccessAt)
  lastError.textContent =
    error === null
      ? 'none'
      : `${error.message} (${time(error.at)}${current ? '' : '; uploads worked since'})`
  lastError.className = current ? 'error' : 'detail'

  const list = element('recent')
  list.replaceChildren(
    ...status.recent.map((entry) => {
      const li = document.createElement('li')
      const cells: Array<[string, string]> = [
        ['time', time(entry.queuedAt)],
        ['kind', entry.kind],
        ['what', shortUrl(entry.url)],
        [entry.waiting ? 'state waiting' : 'state', entry.waiting ? 'waiting' : 'sent'],
      ]
      for (const [className, text] of cells) {
        const span = document.createElement('span')
        span.className = className
        span.textContent = text
        if (className === 'what') span.title = entry.url
        li.append(span)
      }
      return li
    }),
  )
  element('no-recent').hidden = status.recent.length > 0
}

async function refresh(): Promise<void> {
  const [status, got] = await Promise.all([queue.status(), chrome.storage.local.get(SETTINGS_KEY)])
  render(status, readSettings(got[SETTINGS_KEY]))
}

element('send-now').addEventListener('click', () => {
  void chrome.runtime.sendMessage({ type: 'send-now' })
})
element('pause').addEventListener('click', async () => {
  const settings = readSettings((await chrome.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY])
  await chrome.storage.local.set({ [SETTINGS_KEY]: { ...settings, paused: !settings.paused } })
})
element('options').addEventListener('click', () => {
  void chrome.runtime.openOptionsPage()
})

chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === 'local') void refresh()
})
void refresh()
