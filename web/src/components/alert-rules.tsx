/** A watchlist's alert rules (metrics.md §10): each with a remove button, and the form to add one. */
import { useState } from 'preact/hooks'
import { apiSend } from '../api.js'
import type { AlertRule, AlertRuleInput, AlertRuleKind } from '../api-types.js'
import { moment } from '../format.js'
import { useSend } from '../use-send.js'
import { ruleText } from '../watch-format.js'
import { Empty } from './bits.js'
import { FormError } from './form-error.js'

/** Every kind, with the items it watches (the contract's AlertRuleKind). */
const KINDS: ReadonlyArray<[AlertRuleKind, string]> = [
  ['new_post', 'New post (creators)'],
  ['viral_video', 'Viral video (creators, videos)'],
  ['follower_milestone', 'Follower milestone (creators)'],
  ['growth', 'Growth (creators, videos)'],
  ['drop', 'Drop (creators, videos)'],
  ['rising', 'Rising (creators, hashtags, sounds)'],
]

function kindOf(value: string): AlertRuleKind {
  return KINDS.find(([k]) => k === value)?.[0] ?? 'new_post'
}

function RemoveRule({
  listPath,
  rule,
  onRemoved,
}: {
  listPath: string
  rule: AlertRule
  onRemoved: () => Promise<void>
}) {
  const send = useSend()
  return (
    <>
      <button
        type="button"
        class="link remove-rule"
        disabled={send.busy}
        aria-label={`Remove rule ${ruleText(rule)}`}
        onClick={() =>
          send.run(async () => {
            await apiSend('DELETE', `${listPath}/rules/${encodeURIComponent(rule.id)}`)
            await onRemoved()
          })
        }
      >
        Remove
      </button>
      <FormError failure={send.failure} />
    </>
  )
}

export function RuleList({
  listPath,
  rules,
  onChanged,
}: {
  listPath: string
  rules: readonly AlertRule[]
  onChanged: () => Promise<void>
}) {
  if (rules.length === 0) return <Empty>No alert rule yet: nothing fires.</Empty>
  return (
    <ul class="rules">
      {rules.map((r) => (
        <li key={r.id} data-rule-id={r.id} data-kind={r.kind}>
          <span class="rule-text">{ruleText(r)}</span>
          <span class="rule-since">
            {' '}
            since {moment(r.created_at)}
            {r.webhook_id === null ? '' : ` · webhook ${r.webhook_id}`}
            {r.enabled ? '' : ' · disabled'}
          </span>
          <RemoveRule listPath={listPath} rule={r} onRemoved={onChanged} />
        </li>
      ))}
    </ul>
  )
}

/** Only the fields the chosen kind takes are sent: the API refuses settings a kind has not. */
export function AddRuleForm({
  listPath,
  onAdded,
}: {
  listPath: string
  onAdded: () => Promise<void>
}) {
  const [kind, setKind] = useState<AlertRuleKind>('new_post')
  const [percent, setPercent] = useState('')
  const [windowDays, setWindowDays] = useState<1 | 7 | 30>(7)
  const [period, setPeriod] = useState<'7d' | '30d'>('7d')
  const [top, setTop] = useState('20')
  const send = useSend()
  const moves = kind === 'growth' || kind === 'drop'
  return (
    <form
      class="filters"
      id="add-rule"
      onSubmit={async (e) => {
        e.preventDefault()
        const input: AlertRuleInput = { kind }
        // An empty field is left out, so the API names what is missing rather than a NaN.
        if (moves) {
          if (percent.trim() !== '') input.percent = Number(percent)
          input.window_days = windowDays
        }
        if (kind === 'rising') {
          input.period = period
          if (top.trim() !== '') input.top = Number(top)
        }
        await send.run(async () => {
          await apiSend<AlertRule>('POST', `${listPath}/rules`, input)
          await onAdded()
        })
      }}
    >
      <label class="wide">
        Alert when
        <select
          name="rule-kind"
          value={kind}
          onChange={(e) => setKind(kindOf(e.currentTarget.value))}
        >
          {KINDS.map(([k, text]) => (
            <option key={k} value={k}>
              {text}
            </option>
          ))}
        </select>
      </label>
      {moves ? (
        <>
          <label>
            Change of at least (%)
            <input
              name="percent"
              type="number"
              min="0.01"
              max="100000"
              step="0.01"
              value={percent}
              onInput={(e) => setPercent(e.currentTarget.value)}
            />
          </label>
          <label>
            Over
            <select
              name="window_days"
              value={String(windowDays)}
              onChange={(e) => {
                const v = Number(e.currentTarget.value)
                setWindowDays(v === 1 || v === 30 ? v : 7)
              }}
            >
              <option value="1">1 day</option>
              <option value="7">7 days</option>
              <option value="30">30 days</option>
            </select>
          </label>
        </>
      ) : null}
      {kind === 'rising' ? (
        <>
          <label>
            Rising list
            <select
              name="period"
              value={period}
              onChange={(e) => setPeriod(e.currentTarget.value === '30d' ? '30d' : '7d')}
            >
              <option value="7d">7 days</option>
              <option value="30d">30 days</option>
            </select>
          </label>
          <label>
            Within the first
            <input
              name="top"
              type="number"
              min="1"
              max="50"
              step="1"
              value={top}
              onInput={(e) => setTop(e.currentTarget.value)}
            />
          </label>
        </>
      ) : null}
      <div class="actions">
        <button type="submit" disabled={send.busy}>
          Add rule
        </button>
      </div>
      <FormError failure={send.failure} />
    </form>
  )
}
