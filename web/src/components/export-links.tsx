/**
 * Download links for the whole list a table shows, straight from the API's export (CSV, CSV
 * with the byte order mark Excel needs, NDJSON): every row the table's request selects, not
 * just the page on screen. An owner's lists need the API key, which a plain link cannot send,
 * so those are fetched with it and saved from memory.
 */
import { useState } from 'preact/hooks'
import { apiUrl, type Params } from '../api.js'
import { saveDownload } from '../download.js'

const FORMATS = [
  { label: 'CSV', params: { format: 'csv' }, kind: 'CSV' },
  { label: 'Excel', params: { format: 'csv', bom: true }, kind: 'CSV for Excel (UTF-8 mark)' },
  { label: 'NDJSON', params: { format: 'ndjson' }, kind: 'newline-delimited JSON' },
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
  const base: Params = { ...params, table }
  return (
    <fieldset class="export-links" aria-label={`Download all ${what}`}>
      <legend>Download</legend>
      {FORMATS.map((f) => {
        const url = apiUrl(path, { ...base, ...f.params })
        const title = `All ${what} (every page) as ${f.kind}`
        return keyed ? (
          <button
            key={f.label}
            type="button"
            class="link"
            title={title}
            aria-label={title}
            data-format={f.label}
            onClick={() => {
              setFailure(null)
              saveDownload(url).catch((e: unknown) => setFailure(String(e)))
            }}
          >
            {f.label}
          </button>
        ) : (
          <a
            key={f.label}
            class="link"
            href={url}
            download
            title={title}
            aria-label={title}
            data-format={f.label}
          >
            {f.label}
          </a>
        )
      })}
      {failure === null ? null : (
        <span class="error" role="alert">
          {failure}
        </span>
      )}
    </fieldset>
  )
}
