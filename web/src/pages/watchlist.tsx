/**
 * One watchlist: its items' numbers with 1/7/30-day changes and sparklines, its alert rules, the
 * alerts they fired, and renaming or deleting it. Writes update the page in place.
 */
import { useState } from 'preact/hooks'
import { apiGet, apiSend } from '../api.js'
import type {
  Alert,
  WatchItemInput,
  WatchItemKind,
  Watchlist,
  WatchlistRename,
} from '../api-types.js'
import { AlertHistory } from '../components/alert-history.js'
import { AddRuleForm, RuleList } from '../components/alert-rules.js'
import { Section } from '../components/bits.js'
import { ExportLinks } from '../components/export-links.js'
import { FormError } from '../components/form-error.js'
import { KeyGate } from '../components/key-gate.js'
import { Answer } from '../components/status.js'
import { WatchItemFields } from '../components/watch-item-fields.js'
import { WatchItemTable } from '../components/watch-item-table.js'
import { moment } from '../format.js'
import { navigate, pageUrl } from '../router.js'
import { useApi } from '../use-api.js'
import { useSend } from '../use-send.js'
import { counted } from '../watch-format.js'
import { watchlistPath } from './watchlists.js'

const ALERTS_PER_PAGE = 20

function AddItemForm({ listPath, onAdded }: { listPath: string; onAdded: (w: Watchlist) => void }) {
  const [kind, setKind] = useState<WatchItemKind>('creator')
  const [ref, setRef] = useState('')
  const send = useSend()
  return (
    <form
      class="filters"
      id="add-item"
      onSubmit={async (e) => {
        e.preventDefault()
        const input: WatchItemInput = { kind, ref: ref.trim() }
        const ok = await send.run(async () => {
          const answer = await apiSend<Watchlist>('POST', `${listPath}/items`, input)
          if (answer !== null) onAdded(answer.data)
        })
        if (ok) setRef('')
      }}
    >
      <WatchItemFields kind={kind} itemRef={ref} onKind={setKind} onRef={setRef} />
      <div class="actions">
        <button type="submit" disabled={send.busy}>
          Add item
        </button>
      </div>
      <FormError failure={send.failure} />
    </form>
  )
}

function RenameForm({ list, onRenamed }: { list: Watchlist; onRenamed: (w: Watchlist) => void }) {
  const [name, setName] = useState(list.name)
  const send = useSend()
  return (
    <form
      class="filters"
      id="rename-watchlist"
      onSubmit={async (e) => {
        e.preventDefault()
        const input: WatchlistRename = { name: name.trim() }
        await send.run(async () => {
          const answer = await apiSend<Watchlist>('PATCH', watchlistPath(list.id), input)
          if (answer !== null) onRenamed(answer.data)
        })
      }}
    >
      <label class="wide">
        Name
        <input
          name="name"
          autocomplete="off"
          maxLength={100}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <div class="actions">
        <button type="submit" disabled={send.busy}>
          Rename
        </button>
      </div>
      <FormError failure={send.failure} />
    </form>
  )
}

/** Two steps (ask, then confirm) rather than a browser dialog: it takes the alerts with it. */
function DeleteList({ list }: { list: Watchlist }) {
  const [asked, setAsked] = useState(false)
  const send = useSend()
  if (!asked) {
    return (
      <div class="actions">
        <button type="button" class="danger" id="delete-watchlist" onClick={() => setAsked(true)}>
          Delete list…
        </button>
      </div>
    )
  }
  return (
    <fieldset class="confirm">
      <legend>Delete this list?</legend>
      <p>
        Delete “{list.name}” with its {counted(list.items.length, 'item')},{' '}
        {counted(list.rules.length, 'rule')} and every alert they fired?
      </p>
      <div class="actions">
        <button
          type="button"
          class="danger"
          id="confirm-delete"
          disabled={send.busy}
          onClick={() =>
            send.run(async () => {
              await apiSend('DELETE', watchlistPath(list.id))
              navigate('/watchlists')
            })
          }
        >
          Delete
        </button>
        <button type="button" class="link" onClick={() => setAsked(false)}>
          Cancel
        </button>
      </div>
      <FormError failure={send.failure} />
    </fieldset>
  )
}

function Detail({ id, page }: { id: string; page: number }) {
  const path = watchlistPath(id)
  const api = useApi<Watchlist>(path)
  const alertsAsked = { page, limit: ALERTS_PER_PAGE }
  const alerts = useApi<Alert[]>(`${path}/alerts`, alertsAsked)
  // The list as the last write or refresh answered it; the first load's answer until then.
  const [fresh, setFresh] = useState<Watchlist | null>(null)
  const refetch = async () => setFresh((await apiGet<Watchlist>(path)).data)
  const refresh = useSend()
  return (
    <Answer api={api} what="the watchlist">
      {(initial) => {
        const list = fresh ?? initial
        return (
          <>
            <p class="eyebrow">
              <a href="/watchlists">Watchlists</a>
            </p>
            <h1 id="watchlist-name">{list.name}</h1>
            <p class="hint">
              {counted(list.items.length, 'item')} · {counted(list.rules.length, 'rule')} · created{' '}
              {moment(list.created_at)} · updated {moment(list.updated_at)}{' '}
              <button
                type="button"
                class="link"
                id="refresh"
                disabled={refresh.busy}
                onClick={() => {
                  alerts.reload()
                  void refresh.run(refetch)
                }}
              >
                Refresh
              </button>
            </p>
            <FormError failure={refresh.failure} />
            <Section
              title="Items"
              id="items"
              aside={
                list.items.length > 0 ? (
                  <ExportLinks path={path} table="items" keyed what="items" />
                ) : null
              }
            >
              <WatchItemTable listPath={path} items={list.items} onChanged={refetch} />
              <AddItemForm listPath={path} onAdded={setFresh} />
            </Section>
            <Section
              title="Alert rules"
              id="rules"
              aside={<ExportLinks path={path} table="rules" keyed what="alert rules" />}
            >
              <RuleList listPath={path} rules={list.rules} onChanged={refetch} />
              <AddRuleForm listPath={path} onAdded={refetch} />
            </Section>
            <Section
              title="Alert history"
              id="alerts"
              aside={
                <ExportLinks path={`${path}/alerts`} params={alertsAsked} keyed what="alerts" />
              }
            >
              <AlertHistory
                alerts={alerts}
                hrefFor={(p) => `${pageUrl(path, { page: p === 1 ? null : p })}#alerts`}
              />
            </Section>
            <Section title="Manage list" id="manage">
              <RenameForm list={list} onRenamed={setFresh} />
              <DeleteList list={list} />
            </Section>
          </>
        )
      }}
    </Answer>
  )
}

export function WatchlistPage({ id, query }: { id: string; query: URLSearchParams }) {
  const asked = Number(query.get('page') ?? '1')
  const page = Number.isInteger(asked) && asked >= 1 ? asked : 1
  return (
    <KeyGate>
      <Detail id={id} page={page} />
    </KeyGate>
  )
}
