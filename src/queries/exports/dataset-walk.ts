/**
 * What every whole-dataset export shares: the datasets, how many rows a chunk reads, and the
 * options of a walk. Each dataset is read in primary-key order by keyset paging (the last key
 * read bounds the next chunk, never OFFSET), so one chunk is in memory at a time whatever the
 * table's size.
 */
import type { QueryContext } from '../query-context.js'

export type { DatasetName } from '../../contract/dataset-columns.js'

export interface DatasetWalk {
  ctx: QueryContext
  /** Rows of demo entities (is_demo = 1) too; left out by default. */
  includeDemo: boolean
  /** Rows per chunk (each dataset has its own default). */
  chunkRows?: number
}
