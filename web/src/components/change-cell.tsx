/** A watched item's change over N days: amount and %, green up, red down, a dash when unknown. */
import type { WatchChange } from '../api-types.js'
import { changeText } from '../watch-format.js'

export function Change({ change, days }: { change: WatchChange | null; days: number }) {
  const { text, direction } = changeText(change)
  const title =
    change === null
      ? `unknown: no observation ${days} day${days === 1 ? '' : 's'} old or older`
      : change.change_percent === null
        ? 'no percentage: the value it started from was 0'
        : undefined
  return (
    <span class={`change change-${direction}`} data-direction={direction} title={title}>
      {text}
    </span>
  )
}
