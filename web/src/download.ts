/** Hands text to the browser as a file download (a Blob URL: nothing is sent anywhere). */

/** Offers CSV text as a file named `filename`. */
export function downloadCsv(filename: string, text: string): void {
  // The byte-order mark makes spreadsheet programs read the file as UTF-8 (names with emoji).
  const blob = new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
