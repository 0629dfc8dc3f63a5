/**
 * The whole-dataset exports of `toklytics export` and the contract schema of each one's rows:
 * creators and videos are the API's own items, snapshots the rows of
 * 98-dataset-exports.extension.json. CSV columns come from these schemas (export-columns.ts),
 * as the API's exports' do.
 */
import { type ExportColumn, exportColumns } from './export-columns.js'
import type { JsonObject } from './openapi-document.js'

export const DATASETS = ['creators', 'videos', 'creator-snapshots', 'video-snapshots'] as const
export type DatasetName = (typeof DATASETS)[number]

export function isDatasetName(name: string): name is DatasetName {
  return (DATASETS as readonly string[]).includes(name)
}

/** The component schema of one row of each dataset. */
export const DATASET_ROW_SCHEMAS: Readonly<Record<DatasetName, string>> = {
  creators: 'Creator',
  videos: 'VideoListItem',
  'creator-snapshots': 'CreatorSnapshotRow',
  'video-snapshots': 'VideoSnapshotRow',
}

/** The CSV columns of a dataset, from the served contract. */
export function datasetColumns(doc: JsonObject, dataset: DatasetName): ExportColumn[] {
  return exportColumns(doc, { $ref: `#/components/schemas/${DATASET_ROW_SCHEMAS[dataset]}` })
}
