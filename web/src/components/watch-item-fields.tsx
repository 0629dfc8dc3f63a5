/** The kind select and reference field of a watched item (a new list's first item, "add item"). */
import type { WatchItemKind } from '../api-types.js'

export const WATCH_KINDS: readonly WatchItemKind[] = ['creator', 'video', 'hashtag', 'sound']

/** What each kind takes, as the contract's WatchItemInput describes `ref`. */
const PLACEHOLDER: Record<WatchItemKind, string> = {
  creator: 'username or profile URL',
  video: 'video id or URL',
  hashtag: 'name or tag URL',
  sound: 'sound id or music URL',
}

/** The select's value as a kind (it only offers kinds; anything else reads as a creator). */
function kindOf(value: string): WatchItemKind {
  return WATCH_KINDS.find((k) => k === value) ?? 'creator'
}

export function WatchItemFields({
  kind,
  itemRef,
  onKind,
  onRef,
  refLabel = 'Item',
}: {
  kind: WatchItemKind
  itemRef: string
  onKind: (kind: WatchItemKind) => void
  onRef: (ref: string) => void
  refLabel?: string
}) {
  return (
    <>
      <label>
        Kind
        <select name="kind" value={kind} onChange={(e) => onKind(kindOf(e.currentTarget.value))}>
          {WATCH_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label class="wide">
        {refLabel}
        <input
          name="ref"
          autocomplete="off"
          placeholder={PLACEHOLDER[kind]}
          value={itemRef}
          onInput={(e) => onRef(e.currentTarget.value)}
        />
      </label>
    </>
  )
}
