/** `toklytics contributors create|list|revoke|purge`: who may send captures to /api/v1/ingest. */
import type { Command } from 'commander'
import {
  createContributor,
  findContributor,
  listContributors,
  revokeContributor,
} from '../../admin/contributors.js'
import { purgeContributor } from '../../admin/purge-contributor.js'
import { commandConfig, withDatabase } from '../context.js'
import { type Progress, progressBar } from '../progress.js'

const nowSeconds = () => Math.floor(Date.now() / 1000)

const when = (epochSeconds: number | null) =>
  epochSeconds === null ? '-' : new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z')

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? []
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

export function registerContributorsCommand(program: Command): void {
  const contributors = program
    .command('contributors')
    .description('contributor tokens for POST /api/v1/ingest (create, list, revoke, purge)')

  contributors
    .command('create')
    .description('create a contributor and print its token (shown once; only a hash is stored)')
    .requiredOption('--name <name>', 'who the token is for (shown by list)')
    .action(async (opts: { name: string }, cmd: Command) => {
      const name = opts.name.trim()
      if (name === '' || name.length > 200) throw new Error('--name must be 1–200 characters')
      await withDatabase(commandConfig(cmd), async (database) => {
        const { token, record } = await createContributor(database.db, {
          name,
          now: nowSeconds(),
        })
        console.log(`created contributor ${record.id} (${record.name})`)
        console.log('token (shown only now; store it safely):')
        console.log(token)
      })
    })

  contributors
    .command('list')
    .description('list contributors: status, last batch, captures accepted and still stored')
    .action(async (_opts: unknown, cmd: Command) => {
      await withDatabase(commandConfig(cmd), async (database) => {
        const rows = await listContributors(database.db)
        if (rows.length === 0) {
          console.log('no contributors (create one: toklytics contributors create --name N)')
          return
        }
        console.log(
          table([
            ['id', 'name', 'status', 'created', 'last seen', 'accepted', 'stored'],
            ...rows.map((c) => [
              c.id,
              c.name,
              c.revokedAt === null ? 'active' : `revoked ${when(c.revokedAt)}`,
              when(c.createdAt),
              when(c.lastSeenAt),
              String(c.capturesAccepted),
              String(c.capturesStored),
            ]),
          ]),
        )
      })
    })

  contributors
    .command('revoke')
    .argument('<id>', 'the contributor id (see list)')
    .description('revoke a contributor token: its next batch is refused with a 401')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await withDatabase(commandConfig(cmd), async (database) => {
        if (!(await revokeContributor(database.db, id, nowSeconds()))) {
          throw new Error(`no contributor ${id} (see toklytics contributors list)`)
        }
        console.log(`revoked contributor ${id}`)
      })
    })

  contributors
    .command('purge')
    .argument('<id>', "a contributor id, or 'static' for captures sent with TOKLYTICS_INGEST_TOKEN")
    .description(
      "delete a contributor's captures and rebuild every entity from the remaining captures",
    )
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await withDatabase(commandConfig(cmd), async (database) => {
        const progress: { bar?: Progress } = {}
        const s = await purgeContributor(database, id, (done, total) => {
          progress.bar ??= progressBar('rebuilding from captures', total)
          progress.bar.update(done)
        })
        progress.bar?.stop()
        if (s.removed === 0) {
          const known = await findContributor(database.db, id)
          if (!known) throw new Error(`no contributor ${id} and no captures from it`)
          console.log(`contributor ${id} has no stored captures: nothing to purge`)
          return
        }
        console.log(
          `purged contributor ${id}: ${s.removed} captures removed; rebuilt from ${s.rebuilt.captures} remaining captures (${s.rebuilt.parsed} parsed, ${s.rebuilt.failed} failed)`,
        )
        const known = await findContributor(database.db, id)
        if (known && known.revokedAt === null) {
          console.log(`contributor ${id} is still active (toklytics contributors revoke ${id})`)
        }
      })
    })
}
