/** A rank's change against the previous period (metrics.md §8): ▲ up, ▼ down, new, or unchanged. */

export function RankChange({ change, isNew }: { change: number | null; isNew: boolean }) {
  if (isNew) {
    return (
      <span class="rank-change rank-new" title="Not ranked in the previous period">
        new
      </span>
    )
  }
  if (change === null) {
    return (
      <span class="rank-change muted" title="No previous rank to compare with">
        —
      </span>
    )
  }
  if (change === 0) {
    return (
      <span class="rank-change muted" title="Same rank as in the previous period">
        =
      </span>
    )
  }
  const up = change > 0
  return (
    <span
      class={`rank-change ${up ? 'rank-up' : 'rank-down'}`}
      title={`${up ? 'Up' : 'Down'} ${Math.abs(change)} since the previous period`}
    >
      {up ? '▲' : '▼'} {Math.abs(change)}
    </span>
  )
}
