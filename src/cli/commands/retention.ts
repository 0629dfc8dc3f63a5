/** `toklytics retention [--dry-run]`: thins old snapshots now (for cron, or a server with it off). */
import type { Command } from 'commander'
import { describeThinning } from '../../admin/snapshot-maintenance.js'
import { thinSnapshots } from '../../admin/thin-snapshots.js'
import { commandConfig, withDatabase } from '../context.js'

export function registerRetentionCommand(program: Command): void {
  program
    .command('retention')
    .description(
      'thin old snapshots: one a day after 30 days, one a week after a year (whatever TOKLYTICS_SNAPSHOT_RETENTION says)',
    )
    .option('--dry-run', 'count what would be deleted, delete nothing')
    .action(async (opts: { dryRun?: boolean }, cmd: Command) => {
      const config = commandConfig(cmd)
      await withDatabase(config, async (database) => {
        const now = Math.floor(Date.now() / 1000)
        const created = await database.dialect.ensureSnapshotPartitions(database.db, now)
        if (created.length > 0) console.log(`partitions created: ${created.join(', ')}`)
        const summary = await thinSnapshots(database, { now, dryRun: opts.dryRun === true })
        console.log(`${opts.dryRun ? '(dry run) ' : ''}${describeThinning(summary)}`)
      })
    })
}
