/** Plain-text tables for CLI listings: columns padded to their widest cell, the last left ragged. */

export function printTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)))
  for (const r of [header, ...rows]) {
    console.log(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  '))
  }
}
