/**
 * `toklytics lookup FILE`: every video link of a data-donation file (TikTok's JSON export) looked
 * up in this database, as CSV — the API's bulk lookup over a file. Never contacts TikTok.
 */
import { writeFile } from 'node:fs/promises'
import { type Command, Option } from 'commander'
import { donationCsv } from '../../admin/donation-csv.js'
import {
  DONATION_LISTS,
  type DonationList,
  donationEntries,
  readDonationFile,
} from '../../admin/donation-export.js'
import { lookupVideoItems } from '../../operations/lookup-operations.js'
import { readContext } from '../../queries/query-context.js'
import { commandConfig, withDatabase } from '../context.js'

interface LookupOptions {
  out?: string
  list: DonationList | 'all'
}

export function registerLookupCommand(program: Command): void {
  program
    .command('lookup')
    .description(
      "look up every video of a data-donation file (TikTok's user_data_tiktok.json) and write CSV",
    )
    .argument('<file>', 'the JSON export (user_data.json or user_data_tiktok.json)')
    .option('--out <file>', 'where to write the CSV (default: standard output)')
    .addOption(
      new Option('--list <list>', 'which lists to read')
        .choices([...DONATION_LISTS, 'all'])
        .default('all'),
    )
    .action(async (file: string, opts: LookupOptions, cmd: Command) => {
      const lists = opts.list === 'all' ? DONATION_LISTS : [opts.list]
      const entries = donationEntries(await readDonationFile(file), lists)
      const config = commandConfig(cmd)
      const items = await withDatabase(config, (database) =>
        lookupVideoItems(
          readContext(database, {
            now: () => Math.floor(Date.now() / 1000),
            publicBaseUrl: config.publicBaseUrl,
          }),
          entries.map((e) => e.link),
        ),
      )
      const csv = donationCsv(entries, items)
      if (opts.out === undefined) process.stdout.write(csv)
      else await writeFile(opts.out, csv, 'utf8')
      const count = (status: string) => items.filter((i) => i.status === status).length
      const unusable = count('invalid') + count('unresolvable')
      console.error(
        `${entries.length} links: ${count('found')} found, ${count('not_tracked')} not tracked` +
          (unusable > 0 ? `, ${unusable} not a video link` : '') +
          (opts.out === undefined ? '' : ` → ${opts.out}`),
      )
    })
}
