/**
 * A watchlist's items: each one's latest number, its change over 1, 7 and 30 days, a sparkline
 * of the last 30 days and a remove button. On a phone each row stacks into a card (table.stack).
 */
import { apiSend } from '../api.js'
import type { WatchItem } from '../api-types.js'
import { count, moment } from '../format.js'
import { useSend } from '../use-send.js'
import { creatorPath, Empty, hashtagPath, soundPath, videoPath } from './bits.js'
import { Change } from './change-cell.js'
import { FormError } from './form-error.js'
import { Sparkline } from './sparkline.js'

/** The item's own page on this dashboard. */
export function itemPath(item: Pick<WatchItem, 'kind' | 'ref'>): string {
  switch (item.kind) {
    case 'creator':
      return creatorPath(item.ref)
    case 'video':
      return videoPath(item.ref)
    case 'hashtag':
      return hashtagPath(item.ref)
    case 'sound':
      return soundPath(item.ref)
  }
}

function RemoveItem({
  listPath,
  item,
  onRemoved,
}: {
  listPath: string
  item: WatchItem
  onRemoved: () => Promise<void>
}) {
  const send = useSend()
  return (
    <>
      <button
        type="button"
        class="link remove-item"
        disabled={send.busy}
        aria-label={`Remove ${item.label}`}
        onClick={() =>
          send.run(async () => {
            await apiSend(
              'DELETE',
              `${listPath}/items/${item.kind}/${encodeURIComponent(item.ref)}`,
            )
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

export function WatchItemTable({
  listPath,
  items,
  onChanged,
}: {
  listPath: string
  items: readonly WatchItem[]
  onChanged: () => Promise<void>
}) {
  if (items.length === 0) return <Empty>Nothing watched yet: add an item below.</Empty>
  return (
    <div class="table-wrap">
      <table class="data watch-items stack">
        <thead>
          <tr>
            <th>Item</th>
            <th>Metric</th>
            <th class="num">Value</th>
            <th class="num">1 d</th>
            <th class="num">7 d</th>
            <th class="num">30 d</th>
            <th>Last 30 days</th>
            <th>
              <span class="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={`${i.kind}:${i.ref}`} data-kind={i.kind} data-ref={i.ref}>
              <td class="stack-lead stack-name">
                {i.tracked ? (
                  <a class="item-label" href={itemPath(i)}>
                    {i.label}
                  </a>
                ) : (
                  <span class="item-label" title="No capture has brought it yet">
                    {i.label} <span class="badge">not tracked yet</span>
                  </span>
                )}
                <span class="handle">{i.kind}</span>
              </td>
              <td data-label="Metric">{i.metric}</td>
              <td
                class="num"
                data-label="Value"
                data-metric="value"
                title={i.observed_at === null ? undefined : `observed ${moment(i.observed_at)}`}
              >
                {i.value === null ? (
                  <span class="unknown" title="no value observed yet">
                    unknown
                  </span>
                ) : (
                  count(i.value)
                )}
              </td>
              <td class="num" data-label="1 d" data-metric="change_1d">
                <Change change={i.change_1d} days={1} />
              </td>
              <td class="num" data-label="7 d" data-metric="change_7d">
                <Change change={i.change_7d} days={7} />
              </td>
              <td class="num" data-label="30 d" data-metric="change_30d">
                <Change change={i.change_30d} days={30} />
              </td>
              <td data-label="Last 30 days">
                <Sparkline points={i.sparkline} />
              </td>
              <td class="stack-lead stack-end">
                <RemoveItem listPath={listPath} item={i} onRemoved={onChanged} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
