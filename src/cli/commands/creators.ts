/** `toklytics creators erase|tombstones`: erase a creator for good, list the erased ids. */
import { createInterface } from 'node:readline/promises'
import type { Command } from 'commander'
import { eraseCreator, listTombstones, resolveCreator } from '../../admin/erase-creator.js'
import { commandConfig, withDatabase } from '../context.js'

const when = (epochSeconds: number) =>
  new Date(Number(epochSeconds) * 1000).toISOString().replace('.000Z', 'Z')

/** Asks on the terminal; anything but y/yes declines. */
async function confirmed(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim())
  } finally {
    rl.close()
  }
}

export function registerCreatorsCommand(program: Command): void {
  const creators = program
    .command('creators')
    .description('creator erasure and opt-out (erase, tombstones)')

  creators
    .command('erase')
    .argument('<creator>', 'a username (any case, with or without @) or a numeric TikTok user id')
    .option('--reason <text>', 'why (kept with the tombstone)')
    .option('--yes', 'do not ask for confirmation')
    .description(
      'remove a creator, their videos and every stored capture about them, and refuse them from now on',
    )
    .action(async (ref: string, opts: { reason?: string; yes?: boolean }, cmd: Command) => {
      await withDatabase(commandConfig(cmd), async (database) => {
        const target = await resolveCreator(database.db, ref)
        if (target === null) throw new Error(`no creator ${ref} (give a username or a numeric id)`)
        const label = target.username === null ? target.id : `@${target.username} (${target.id})`
        if (
          opts.yes !== true &&
          !(await confirmed(
            `Erase ${label} and block their future ingestion? This cannot be undone.`,
          ))
        ) {
          console.log('nothing erased')
          return
        }
        const s = await eraseCreator(
          database,
          target,
          opts.reason?.trim() || null,
          Math.floor(Date.now() / 1000),
        )
        console.log(`erased ${label}; tombstone kept (the id only blocks re-ingestion)`)
        for (const [table, n] of Object.entries(s.removed)) console.log(`  ${table}: ${n}`)
        console.log(`  captures deleted: ${s.captures.deleted}, rewritten: ${s.captures.rewritten}`)
      })
    })

  creators
    .command('tombstones')
    .description('list erased creators (ingestion refuses these ids)')
    .action(async (_opts: unknown, cmd: Command) => {
      await withDatabase(commandConfig(cmd), async (database) => {
        const rows = await listTombstones(database.db)
        if (rows.length === 0) {
          console.log('no tombstones')
          return
        }
        for (const t of rows) {
          console.log(
            [t.tiktok_id, t.username ?? '-', when(t.erased_at), t.reason ?? '']
              .join('  ')
              .trimEnd(),
          )
        }
      })
    })
}
