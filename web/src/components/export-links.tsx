/**
 * Download links for the whole list a table shows, straight from the API's export (CSV, CSV
 * with the byte order mark Excel needs, NDJSON): every row the table's request selects, not
 * just the page on screen. An owner's lists need the API key, which a plain link cannot send,
 * so those are fetched with it and saved from memory.
 */
import { useState } from 'preact/hooks'
import { apiUrl, type Params } from '../api.js'
import { saveDownload } from '../download.js'

// `id` is what tests and styles select on; `label` is the visible text, and the accessible name
// (`kind`) contains it, so a speech user can say what they see (WCAG 2.5.3).
const FORMATS = [
  { id: 'CSV', label: 'CSV', params: { format: 'csv' }, kind: 'CSV' },
  {
    id: 'Excel',
    label: 'CSV (Excel)',
    params: { format: 'csv', bom: true },
    kind: 'CSV (Excel), with the UTF-8 mark Excel needs',
  },
  { id: 'NDJSON', label: 'NDJSON', params: { format: 'ndjson' }, kind: 'NDJSON (JSON lines)' },
] as const

export function ExportLinks({
  path,
  params = {},
  table,
  keyed = false,
  what,
}: {
  /** The API path the table's own request reads. */
  path: string
  /** That request's parameters (a paged list is exported whole, whatever its page). */
  params?: Params
  /** The operation's list, when it answers several (`table=`). */
  table?: string
  /** The list belongs to an API key (watchlists, alerts, webhooks). */
  keyed?: boolean
  /** What the list is, for the links' accessible names ("creators", "top videos"). */
  what: string
}) {
  const [failure, setFailure] = useState<string | null>(null)
  // The keyed download being fetched: a second click would only fetch the same file again.
  const [busy, setBusy] = useState<string | null>(null)
  const base: Params = { ...params, table }
  return (
    <fieldset class="export-links" aria-label={`Download all ${what}`}>
      <legend>Download</legend>
      {FORMATS.map((f) => {
        const url = apiUrl(path, { ...base, ...f.params })
        const title = `Download all ${what} as ${f.kind}: the whole list, every page, not only the rows shown`
        return keyed ? (
          <button
            key={f.id}
            type="button"
            class="link"
            title={title}
            aria-label={title}
            data-format={f.id}
            aria-busy={busy === f.id ? 'true' : undefined}
            onClick={() => {
              if (busy !== null) return
              setFailure(null)
              setBusy(f.id)
              saveDownload(url)
                .catch((e: unknown) => setFailure(e instanceof Error ? e.message : String(e)))
                .finally(() => setBusy(null))
            }}
          >
            {f.label}
          </button>
        ) : (
          <a
            key={f.id}
            class="link"
            href={url}
            download
            title={title}
            aria-label={title}
            data-format={f.id}
          >
            {f.label}
          </a>
        )
      })}
      {failure === null ? null : (
        <span class="export-failure" role="alert">
          {failure}
        </span>
      )}
    </fieldset>
  )
}
