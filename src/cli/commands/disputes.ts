/** `toklytics disputes list|accept|reject`: the operator's word on disputed counters (metrics.md §1.1). */
import type { Command } from 'commander'
import { decideDispute, listDisputes } from '../../admin/disputes.js'
import { commandConfig, withDatabase } from '../context.js'

const when = (epochSeconds: number) =>
  new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z')

function disputeId(raw: string): number {
  if (!/^[1-9]\d{0,15}$/.test(raw))
    throw new Error(
      `ID must be a dispute id from 'toklytics disputes list', not ${JSON.stringify(raw)}`,
    )
  return Number(raw)
}

export function registerDisputesCommand(program: Command): void {
  const disputes = program
    .command('disputes')
    .description(
      'disputed counters (one voice against the corroborated value): list, accept, reject',
    )

  disputes
    .command('list')
    .description('pending disputes, newest first')
    .option('--all', 'also the confirmed and rejected ones')
    .action(async (opts: { all?: boolean }, cmd: Command) => {
      await withDatabase(commandConfig(cmd), async (database) => {
        const rows = await listDisputes(database.db, { all: opts.all === true })
        if (rows.length === 0) {
          console.log(opts.all ? 'no disputes' : 'no pending disputes')
          return
        }
        for (const d of rows) {
          console.log(
            `${d.id}  ${d.entity} ${d.entityId} ${d.field}=${d.value} from ${d.contributor ?? 'unknown'} at ${when(d.observedAt)}  ${d.resolution ?? 'pending'}`,
          )
          console.log(`    ${d.detail}`)
        }
      })
    })

  for (const verdict of ['accept', 'reject'] as const) {
    disputes
      .command(`${verdict} <id>`)
      .description(
        verdict === 'accept'
          ? 'the disputed value is right: make it current (re-derives from the stored captures)'
          : 'the disputed value is wrong: close it for good (re-derives from the stored captures)',
      )
      .action(async (raw: string, _opts: unknown, cmd: Command) => {
        const id = disputeId(raw)
        await withDatabase(commandConfig(cmd), async (database) => {
          const done = await decideDispute(database, id, verdict, Math.floor(Date.now() / 1000))
          if (done === null) throw new Error(`no dispute ${id} (see toklytics disputes list --all)`)
          console.log(
            `${verdict === 'accept' ? 'accepted' : 'rejected'} dispute ${id}; re-derived ${done.parsed} captures`,
          )
        })
      })
  }
}
