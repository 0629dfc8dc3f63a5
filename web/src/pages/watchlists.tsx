/** The API key's watchlists: each with its item and rule counts, and a form to start a new one. */
import { useState } from 'preact/hooks'
import { apiSend } from '../api.js'
import type { WatchItemKind, Watchlist, WatchlistInput, WatchlistSummary } from '../api-types.js'
import { Empty, Section } from '../components/bits.js'
import { ExportLinks } from '../components/export-links.js'
import { FormError } from '../components/form-error.js'
import { KeyGate } from '../components/key-gate.js'
import { Answer } from '../components/status.js'
import { WatchItemFields } from '../components/watch-item-fields.js'
import { count, moment } from '../format.js'
import { navigate } from '../router.js'
import { useApi } from '../use-api.js'
import { useSend } from '../use-send.js'

export const watchlistPath = (id: string) => `/watchlists/${encodeURIComponent(id)}`

/** Name and, optionally, a first item; the new list opens on success. */
function CreateForm() {
  const [name, setName] = useState('')
  const [kind, setKind] = useState<WatchItemKind>('creator')
  const [ref, setRef] = useState('')
  const send = useSend()
  return (
    <form
      class="filters"
      id="create-watchlist"
      onSubmit={async (e) => {
        e.preventDefault()
        const input: WatchlistInput = {
          name: name.trim(),
          ...(ref.trim() === '' ? {} : { items: [{ kind, ref: ref.trim() }] }),
        }
        await send.run(async () => {
          const answer = await apiSend<Watchlist>('POST', '/watchlists', input)
          if (answer !== null) navigate(watchlistPath(answer.data.id))
        })
      }}
    >
      <label class="wide">
        Name of the new list
        <input
          name="name"
          autocomplete="off"
          maxLength={100}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <WatchItemFields
        kind={kind}
        itemRef={ref}
        onKind={setKind}
        onRef={setRef}
        refLabel="First item (optional)"
      />
      <div class="actions">
        <button type="submit" disabled={send.busy}>
          Create watchlist
        </button>
      </div>
      <FormError failure={send.failure} />
    </form>
  )
}

function ListTable({ lists }: { lists: readonly WatchlistSummary[] }) {
  if (lists.length === 0) return <Empty>No watchlist yet: create one above.</Empty>
  // An admin key sees every key's lists: then whose each one is matters.
  const owners = new Set(lists.map((l) => l.owner))
  return (
    <div class="table-wrap">
      <table class="data watchlists stack">
        <thead>
          <tr>
            <th>Name</th>
            <th class="num">Items</th>
            <th class="num">Rules</th>
            <th>Updated</th>
            {owners.size > 1 ? <th>Owner</th> : null}
            <th>
              <span class="sr-only">Links</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lists.map((l) => (
            <tr key={l.id} data-watchlist-id={l.id}>
              <td class="stack-lead stack-name">
                <a href={watchlistPath(l.id)}>{l.name}</a>
              </td>
              <td class="num" data-label="Items">
                {count(l.item_count)}
              </td>
              <td class="num" data-label="Rules">
                {count(l.rule_count)}
              </td>
              <td data-label="Updated">{moment(l.updated_at)}</td>
              {owners.size > 1 ? <td data-label="Owner">{l.owner}</td> : null}
              <td data-label="Links">
                <a href={`${watchlistPath(l.id)}#alerts`}>alerts</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Lists() {
  const lists = useApi<WatchlistSummary[]>('/watchlists')
  return (
    <>
      <CreateForm />
      <Section
        title="Your watchlists"
        id="watchlists"
        aside={<ExportLinks path="/watchlists" keyed what="watchlists" />}
      >
        <Answer api={lists} what="watchlists">
          {(data) => <ListTable lists={data} />}
        </Answer>
      </Section>
    </>
  )
}

export function WatchlistsPage() {
  return (
    <>
      <p class="eyebrow">Follow creators, videos, hashtags and sounds</p>
      <h1>Watchlists</h1>
      <KeyGate>
        <Lists />
      </KeyGate>
    </>
  )
}
