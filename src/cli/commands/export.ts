/**
 * `toklytics export DATASET`: a whole dataset (creators, videos, creator or video snapshots) as
 * CSV, NDJSON or, for videos, Zeeschuimer records — read chunk by chunk (queries/exports/) and
 * written with backpressure, so memory stays the same whatever the table's size.
 */
import { type Command, Option } from 'commander'
import { DATASETS, type DatasetName, datasetColumns } from '../../contract/dataset-columns.js'
import { csvHeaderLine, csvLine, ndjsonLine } from '../../contract/export-lines.js'
import { loadOpenApiDocument } from '../../contract/openapi-document.js'
import { datasetRowCount, datasetRows } from '../../queries/exports/dataset-rows.js'
import type { DatasetWalk } from '../../queries/exports/dataset-walk.js'
import { zeeschuimerRows } from '../../queries/exports/zeeschuimer-rows.js'
import { readContext } from '../../queries/query-context.js'
import { commandConfig, withDatabase } from '../context.js'
import { exportOutput } from '../export-output.js'
import { type Progress, progressBar } from '../progress.js'

const FORMATS = ['csv', 'ndjson', 'zeeschuimer'] as const
type DatasetFormat = (typeof FORMATS)[number]

interface ExportOptions {
  format: DatasetFormat
  bom?: boolean
  out?: string
  includeDemo?: boolean
  progress?: boolean
}

/** A usage mistake: said plainly, exit code 2 (nothing was read or written). */
function refuse(message: string): never {
  console.error(`toklytics export: ${message}`)
  process.exit(2)
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'write a whole dataset (creators, videos, creator-snapshots, video-snapshots) as CSV, NDJSON or, for videos, Zeeschuimer NDJSON',
    )
    .argument('<dataset>', `one of ${DATASETS.join(', ')}`)
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('csv'))
    .option('--bom', 'CSV only: start with a UTF-8 byte order mark (for Excel)')
    .option('--out <file>', 'where to write (default: standard output)')
    .option('--include-demo', 'include demo data (left out by default)')
    .option('--progress', 'show a progress bar on stderr even when it is not a terminal')
    .action(async (dataset: string, opts: ExportOptions, cmd: Command) => {
      if (!(DATASETS as readonly string[]).includes(dataset)) {
        refuse(`unknown dataset ${JSON.stringify(dataset)}: one of ${DATASETS.join(', ')}`)
      }
      const name = dataset as DatasetName
      if (opts.format === 'zeeschuimer' && name !== 'videos') {
        refuse(`--format zeeschuimer writes TikTok video records: only for videos, not ${name}`)
      }
      if (opts.bom === true && opts.format !== 'csv') refuse('--bom applies to --format csv only')
      const config = commandConfig(cmd)
      const started = performance.now()
      const rows = await withDatabase(config, async (database) => {
        const walk: DatasetWalk = {
          ctx: readContext(database, {
            now: () => Math.floor(Date.now() / 1000),
            publicBaseUrl: config.publicBaseUrl,
          }),
          includeDemo: opts.includeDemo === true,
        }
        const showProgress = opts.progress === true || process.stderr.isTTY === true
        const progress = showProgress
          ? progressBar(`export ${name}`, await datasetRowCount(name, walk))
          : null
        return writeDataset(name, opts, walk, progress)
      })
      const seconds = (performance.now() - started) / 1000
      console.error(
        `${rows} ${name} rows in ${seconds.toFixed(1)} s → ${opts.out ?? 'standard output'}`,
      )
    })
}

async function writeDataset(
  name: DatasetName,
  opts: ExportOptions,
  walk: DatasetWalk,
  progress: Progress | null,
): Promise<number> {
  const output = exportOutput(opts.out)
  let rows = 0
  try {
    await writeRows()
  } catch (err) {
    await output.abandon()
    // A reader of stdout that stops early (`| head`) ends the export, as it does any Unix tool.
    const code = err instanceof Error && 'code' in err ? err.code : null
    if (opts.out === undefined && code === 'EPIPE') return rows
    throw err
  } finally {
    progress?.stop()
  }
  return rows

  async function writeRows(): Promise<void> {
    let line: (row: object) => string = ndjsonLine
    const chunks = opts.format === 'zeeschuimer' ? zeeschuimerRows(walk) : datasetRows(name, walk)
    if (opts.format === 'csv') {
      const columns = datasetColumns(loadOpenApiDocument(), name)
      line = (row) => csvLine(columns, row)
      await output.write(csvHeaderLine(columns, opts.bom === true))
    }
    for await (const chunk of chunks) {
      let text = ''
      for (const row of chunk) text += line(row)
      await output.write(text)
      rows += chunk.length
      progress?.update(rows)
    }
    await output.finish()
  }
}
