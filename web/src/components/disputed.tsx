/** Counter values contributors dispute (metrics.md §1.1): shown, with their sources, never as current. */
import type { DisputedValue } from '../api-types.js'
import { count, moment } from '../format.js'

/** Nothing when no value is disputed; otherwise one line per claim, with who claims it. */
export function Disputed({ values }: { values: readonly DisputedValue[] }) {
  if (values.length === 0) return null
  return (
    <div class="disputed" data-testid="disputed">
      <strong>Disputed, not applied:</strong>
      <ul>
        {values.map((d) => (
          <li key={`${d.field}-${d.value}`}>
            {d.field} {count(d.value)} — reported by {d.sources} contributor
            {d.sources === 1 ? '' : 's'} ({d.reports} observation{d.reports === 1 ? '' : 's'}, last{' '}
            {moment(d.observed_at)}); the numbers above stay the corroborated ones until other
            contributors confirm it.
          </li>
        ))}
      </ul>
    </div>
  )
}
