/**
 * The API key's webhooks: add one (its signing secret shown once), send a test, disable or
 * enable, rotate the secret, delete, and each endpoint's delivery log.
 */
import { useState } from 'preact/hooks'
import { apiSend } from '../api.js'
import type {
  Webhook,
  WebhookDelivery,
  WebhookInput,
  WebhookTestResult,
  WebhookWithSecret,
} from '../api-types.js'
import { Empty, Section } from '../components/bits.js'
import { ExportLinks } from '../components/export-links.js'
import { FormError } from '../components/form-error.js'
import { KeyGate } from '../components/key-gate.js'
import { Answer } from '../components/status.js'
import { count, moment } from '../format.js'
import { useApi } from '../use-api.js'
import { useSend } from '../use-send.js'

/** A secret is shown once, where it can be copied, with what to do with it. */
function SecretBox({ secret }: { secret: string }) {
  return (
    <div class="status secret" role="status" data-testid="webhook-secret">
      <p>Store this signing secret now: it will not be shown again.</p>
      <input
        readOnly
        value={secret}
        aria-label="Signing secret"
        onFocus={(e) => e.currentTarget.select()}
      />
    </div>
  )
}

function AddForm({ onAdded }: { onAdded: (hook: WebhookWithSecret) => void }) {
  const [url, setUrl] = useState('')
  const [description, setDescription] = useState('')
  const send = useSend()
  return (
    <form
      class="filters"
      id="add-webhook"
      onSubmit={async (e) => {
        e.preventDefault()
        const input: WebhookInput = {
          url: url.trim(),
          ...(description.trim() === '' ? {} : { description: description.trim() }),
        }
        await send.run(async () => {
          const answer = await apiSend<WebhookWithSecret>('POST', '/webhooks', input)
          if (answer !== null) {
            setUrl('')
            setDescription('')
            onAdded(answer.data)
          }
        })
      }}
    >
      <label class="wide">
        Endpoint URL
        <input
          name="url"
          type="url"
          required
          placeholder="https://example.com/toklytics"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
      </label>
      <label>
        Description (optional)
        <input
          name="description"
          maxLength={200}
          value={description}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </label>
      <div class="actions">
        <button type="submit" disabled={send.busy}>
          Add webhook
        </button>
      </div>
      <FormError failure={send.failure} />
    </form>
  )
}

function Deliveries({ id }: { id: string }) {
  const path = `/webhooks/${encodeURIComponent(id)}/deliveries`
  const asked = { limit: 10 }
  const log = useApi<WebhookDelivery[]>(path, asked)
  return (
    <>
      <ExportLinks path={path} params={asked} keyed what="deliveries" />
      <Answer api={log} what="deliveries">
        {(data) =>
          data.length === 0 ? (
            <Empty>No delivery yet.</Empty>
          ) : (
            <table class="data deliveries">
              <thead>
                <tr>
                  <th>Created</th>
                  <th>Event</th>
                  <th>Status</th>
                  <th class="num">Attempts</th>
                  <th>Last answer</th>
                </tr>
              </thead>
              <tbody>
                {data.map((d) => (
                  <tr key={d.id} data-delivery-id={d.id} data-status={d.status}>
                    <td class="nowrap">{moment(d.created_at)}</td>
                    <td>{d.event}</td>
                    <td>
                      {d.status}
                      {d.status === 'pending' && d.next_attempt_at !== null
                        ? ` (next ${moment(d.next_attempt_at)})`
                        : ''}
                    </td>
                    <td class="num">{count(d.attempts)}</td>
                    <td>{d.last_status_code ?? d.last_error ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Answer>
    </>
  )
}

function Endpoint({ hook, onChanged }: { hook: Webhook; onChanged: () => void }) {
  const send = useSend()
  const [outcome, setOutcome] = useState<string | null>(null)
  const [secret, setSecret] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  // A new mount reads the log again (after a test, say).
  const [round, setRound] = useState(0)
  const path = `/webhooks/${encodeURIComponent(hook.id)}`
  const act = (work: () => Promise<void>) => send.run(work)
  return (
    <li class="webhook" data-webhook-id={hook.id} data-enabled={String(hook.enabled)}>
      <p>
        <strong>{hook.url}</strong> {hook.description ? `— ${hook.description}` : ''}
      </p>
      <p class="hint">
        {hook.enabled
          ? 'Enabled'
          : `Disabled${hook.disabled_reason ? `: ${hook.disabled_reason}` : ''}`}
        {hook.consecutive_failures > 0
          ? ` · ${count(hook.consecutive_failures)} deliveries failed in a row`
          : ''}{' '}
        · added {moment(hook.created_at)}
      </p>
      <div class="actions">
        <button
          type="button"
          disabled={send.busy}
          onClick={() =>
            act(async () => {
              const answer = await apiSend<WebhookTestResult>('POST', `${path}/test`)
              const r = answer?.data
              setOutcome(
                r === undefined
                  ? null
                  : r.delivered
                    ? `Test delivered: the endpoint answered ${r.status_code}.`
                    : `Test failed: ${r.status_code !== null ? `the endpoint answered ${r.status_code}` : (r.error ?? 'no answer')}.`,
              )
              setRound((n) => n + 1)
            })
          }
        >
          Send test
        </button>
        <button
          type="button"
          disabled={send.busy}
          onClick={() =>
            act(async () => {
              await apiSend('PATCH', path, { enabled: !hook.enabled })
              onChanged()
            })
          }
        >
          {hook.enabled ? 'Disable' : 'Enable'}
        </button>
        <button
          type="button"
          disabled={send.busy}
          onClick={() =>
            act(async () => {
              const answer = await apiSend<WebhookWithSecret>('POST', `${path}/rotate-secret`)
              if (answer !== null) setSecret(answer.data.secret)
            })
          }
        >
          Rotate secret
        </button>
        {confirming ? (
          <button
            type="button"
            class="danger"
            disabled={send.busy}
            onClick={() =>
              act(async () => {
                await apiSend('DELETE', path)
                onChanged()
              })
            }
          >
            Really delete
          </button>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            Delete
          </button>
        )}
      </div>
      {outcome === null ? null : (
        <p class="status" role="status" data-testid="webhook-test-outcome">
          {outcome}
        </p>
      )}
      {secret === null ? null : <SecretBox secret={secret} />}
      <FormError failure={send.failure} />
      <Deliveries key={round} id={hook.id} />
    </li>
  )
}

function Endpoints() {
  const [created, setCreated] = useState<WebhookWithSecret | null>(null)
  const hooks = useApi<Webhook[]>('/webhooks')
  const changed = () => hooks.reload()
  return (
    <>
      <AddForm
        onAdded={(hook) => {
          setCreated(hook)
          changed()
        }}
      />
      {created === null ? null : <SecretBox secret={created.secret} />}
      <Section
        title="Your webhooks"
        id="webhooks"
        aside={<ExportLinks path="/webhooks" keyed what="webhooks" />}
      >
        <Answer api={hooks} what="webhooks">
          {(data) =>
            data.length === 0 ? (
              <Empty>No webhook yet: add one above.</Empty>
            ) : (
              <ul class="webhooks">
                {data.map((h) => (
                  <Endpoint key={h.id} hook={h} onChanged={changed} />
                ))}
              </ul>
            )
          }
        </Answer>
      </Section>
    </>
  )
}

export function WebhooksPage() {
  return (
    <>
      <p class="eyebrow">Alerts delivered to your systems</p>
      <h1>Webhooks</h1>
      <p class="hint">
        Each delivery is a signed POST: <code>Toklytics-Signature: t=…,v1=…</code> is the
        HMAC-SHA256 of <code>t.body</code> with the endpoint's secret (README, "Webhooks", shows how
        to check it). Failed deliveries are retried for about an hour. Alert rules send to every
        enabled webhook of the key unless a rule names one.
      </p>
      <KeyGate>
        <Endpoints />
      </KeyGate>
    </>
  )
}
