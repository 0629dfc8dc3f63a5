/** The rows of a whole dataset, chunk by chunk (one chunk in memory at a time). */
import type { DatasetName, DatasetWalk } from './dataset-walk.js'
import { creatorRows, videoRows } from './entity-rows.js'
import { creatorSnapshotRows, videoSnapshotRows } from './snapshot-rows.js'

const WALKS: Readonly<Record<DatasetName, (walk: DatasetWalk) => AsyncGenerator<object[]>>> = {
  creators: creatorRows,
  videos: videoRows,
  'creator-snapshots': creatorSnapshotRows,
  'video-snapshots': videoSnapshotRows,
}

export function datasetRows(dataset: DatasetName, walk: DatasetWalk): AsyncGenerator<object[]> {
  return WALKS[dataset](walk)
}

/** How many rows the dataset will have (for a progress bar): one count query. */
export async function datasetRowCount(dataset: DatasetName, walk: DatasetWalk): Promise<number> {
  const { db } = walk.ctx
  const demo = walk.includeDemo ? null : 0
  const count = async (
    query: Promise<{ n: number | string | bigint } | undefined>,
  ): Promise<number> => Number((await query)?.n ?? 0)
  switch (dataset) {
    case 'creators':
      return count(
        db
          .selectFrom('creators')
          .select((eb) => eb.fn.countAll().as('n'))
          .$if(demo !== null, (q) => q.where('is_demo', '=', 0))
          .executeTakeFirst(),
      )
    case 'videos':
      return count(
        db
          .selectFrom('videos')
          .select((eb) => eb.fn.countAll().as('n'))
          .$if(demo !== null, (q) => q.where('is_demo', '=', 0))
          .executeTakeFirst(),
      )
    case 'creator-snapshots':
      return count(
        db
          .selectFrom('creator_snapshots as s')
          .innerJoin('creators as c', 'c.id', 's.creator_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .$if(demo !== null, (q) => q.where('c.is_demo', '=', 0))
          .executeTakeFirst(),
      )
    case 'video-snapshots':
      return count(
        db
          .selectFrom('video_snapshots as s')
          .innerJoin('videos as v', 'v.id', 's.video_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .$if(demo !== null, (q) => q.where('v.is_demo', '=', 0))
          .executeTakeFirst(),
      )
  }
}
