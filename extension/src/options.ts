/** The options page: server URL, contributor token, pause, and a connection check. */
import { postIngest } from './ingest-request.js'
import {
  ingestUrl,
  readSettings,
  SETTINGS_KEY,
  type Settings,
  serverUrlProblem,
} from './settings.js'

function input(id: string): HTMLInputElement {
  const found = document.getElementById(id)
  if (!(found instanceof HTMLInputElement)) throw new Error(`options.html has no input #${id}`)
  return found
}

const form = document.getElementById('form') as HTMLFormElement
const status = document.getElementById('status') as HTMLElement
const serverUrl = input('server-url')
const token = input('token')
const paused = input('paused')

function say(text: string, ok: boolean): void {
  status.textContent = text
  status.className = ok ? 'ok' : 'bad'
}

/** The form's settings, or why they cannot be saved. */
function fromForm(): Settings | string {
  const url = serverUrl.value.trim()
  const problem = serverUrlProblem(url)
  if (problem !== null) return problem
  if (token.value.trim() === '') return 'Enter the contributor token.'
  return { serverUrl: url.replace(/\/+$/, ''), token: token.value.trim(), paused: paused.checked }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault()
  const settings = fromForm()
  if (typeof settings === 'string') return say(settings, false)
  await chrome.storage.local.set({ [SETTINGS_KEY]: settings })
  say(
    settings.paused
      ? 'Saved. Paused: nothing is captured.'
      : 'Saved. Captures will be sent to this server.',
    true,
  )
})

/** Sends an empty batch: proves the URL, the token and the server's CORS without sending data. */
document.getElementById('check')?.addEventListener('click', async () => {
  const settings = fromForm()
  if (typeof settings === 'string') return say(settings, false)
  say('Checking…', true)
  try {
    const version = chrome.runtime.getManifest().version
    const reply = await postIngest(
      ingestUrl(settings.serverUrl),
      settings.token,
      JSON.stringify({ collector: { name: 'toklytics-extension', version }, captures: [] }),
    )
    // A server in queue mode answers 202 (accepted for later processing): connected all the same.
    if (reply.status >= 200 && reply.status < 300) {
      return say('Connected: the server accepts this token.', true)
    }
    const error = (reply.json as { error?: { message?: unknown } } | null)?.error?.message
    say(
      `The server answered ${reply.status}${typeof error === 'string' ? `: ${error}` : ''}`,
      false,
    )
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    say(
      `Could not reach the server (${reason}). Is it running, and does TOKLYTICS_EXTENSION_ORIGINS allow this extension?`,
      false,
    )
  }
})

chrome.storage.local.get(SETTINGS_KEY).then((got) => {
  const settings = readSettings(got[SETTINGS_KEY])
  serverUrl.value = settings.serverUrl
  token.value = settings.token
  paused.checked = settings.paused
})
