/** CSV (RFC 4180) text from rows: the one writer in src/contract/, shared with the CLI. */
export { type Cell, csvField, Fixed, toCsv } from '../../src/contract/csv-text.js'
