/** A watchlist's fired alerts, newest first, a page at a time (each page is its own URL). */
import type { Alert } from '../api-types.js'
import { moment } from '../format.js'
import type { ApiState } from '../use-api.js'
import { itemName } from '../watch-format.js'
import { Empty } from './bits.js'
import { Pager } from './pager.js'
import { Answer } from './status.js'
import { itemPath } from './watch-item-table.js'

export function AlertHistory({
  alerts,
  hrefFor,
}: {
  alerts: ApiState<Alert[]>
  hrefFor: (page: number) => string
}) {
  return (
    <Answer api={alerts} what="alerts">
      {(data, answer) =>
        data.length === 0 ? (
          <Empty>No alert has fired yet. Rules are checked within a second of new data.</Empty>
        ) : (
          <>
            <div class="table-wrap">
              <table class="data alerts stack">
                <thead>
                  <tr>
                    <th>Fired</th>
                    <th>Item</th>
                    <th>Alert</th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((a) => (
                    <tr key={a.id} data-alert-id={a.id} data-kind={a.kind}>
                      <td class="stack-lead nowrap">{moment(a.fired_at)}</td>
                      <td data-label="Item">
                        <a href={itemPath(a.item)}>{itemName(a.item)}</a>
                      </td>
                      <td class="alert-message" data-label="Alert">
                        {a.message}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {answer.pagination ? <Pager pagination={answer.pagination} hrefFor={hrefFor} /> : null}
          </>
        )
      }
    </Answer>
  )
}
