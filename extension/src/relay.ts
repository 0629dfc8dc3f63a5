/** Isolated-world content script: takes well-formed captures from the hook to the service worker. */
import { checkPageCapture, checkSeenResponse } from './capture-policy.js'
import {
  ACK_EVENT,
  captureEventName,
  HELLO_EVENT,
  isNonce,
  READY_EVENT,
  seenEventName,
} from './page-channel.js'
import { readSettings, SETTINGS_KEY } from './settings.js'

let paused = false
chrome.storage.local.get(SETTINGS_KEY).then(
  (got) => {
    paused = readSettings(got[SETTINGS_KEY]).paused
  },
  () => undefined,
)
chrome.storage.onChanged.addListener((changes, area) => {
  const change = changes[SETTINGS_KEY]
  if (area === 'local' && change !== undefined) paused = readSettings(change.newValue).paused
})

/** Only the capture shape is relayed: the page cannot make the extension do anything else. */
function onCapture(event: Event): void {
  if (paused || !(event instanceof CustomEvent)) return
  const capture = checkPageCapture(event.detail)
  if (capture === null) return
  chrome.runtime.sendMessage({ type: 'capture', capture }).catch(() => {
    // The extension was reloaded or updated: this page's hook is orphaned until it reloads.
  })
}

/** A response the hook examined and did not collect: only its stripped URL and the reason. */
function onSeen(event: Event): void {
  if (paused || !(event instanceof CustomEvent)) return
  const seen = checkSeenResponse(event.detail)
  if (seen === null) return
  chrome.runtime.sendMessage({ type: 'seen', seen }).catch(() => undefined)
}

/** The first nonce wins; later HELLOs (which only the page could send) are ignored. */
function onHello(event: Event): void {
  if (!(event instanceof CustomEvent) || !isNonce(event.detail)) return
  document.removeEventListener(HELLO_EVENT, onHello)
  document.addEventListener(captureEventName(event.detail), onCapture)
  document.addEventListener(seenEventName(event.detail), onSeen)
  document.dispatchEvent(new CustomEvent(ACK_EVENT))
}

document.addEventListener(HELLO_EVENT, onHello)
document.dispatchEvent(new CustomEvent(READY_EVENT))
