/** Hands data to the browser as a file download (a Blob URL: nothing is sent anywhere). */
import { storedApiKey } from './api.js'

/** Offers CSV text as a file named `filename`. */
export function downloadCsv(filename: string, text: string): void {
  // The byte-order mark makes spreadsheet programs read the file as UTF-8 (names with emoji).
  offer(filename, new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }))
}

/**
 * Fetches an export with the stored API key (a link cannot send it) and offers it under the
 * name the server gives (Content-Disposition). Rejects with the server's message.
 */
export async function saveDownload(url: string): Promise<void> {
  const key = storedApiKey()
  const res = await fetch(url, { headers: key === null ? {} : { 'x-toklytics-key': key } })
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null
    throw new Error(body?.error?.message ?? `The server answered ${res.status}.`)
  }
  const named = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')
  offer(named?.[1] ?? 'export', await res.blob())
}

function offer(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
