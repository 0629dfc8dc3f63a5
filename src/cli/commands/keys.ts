/** `toklytics keys create --name N [--tier T]`, `keys list`, `keys revoke ID`: API key management. */
import { type Command, Option } from 'commander'
import { API_KEY_TIERS, type ApiKeyTier, apiKeyDisplay } from '../../access/api-key.js'
import { createApiKey, listApiKeys, revokeApiKey } from '../../admin/api-keys.js'
import { commandConfig, withDatabase } from '../context.js'
import { printTable } from '../table.js'

const nowSeconds = () => Math.floor(Date.now() / 1000)
const iso = (seconds: number | null) =>
  seconds === null ? '-' : new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** The id of a key named by its id, its listed form (`tok_<id>_…`) or the whole key. */
function keyIdOf(given: string): string {
  const m = /^(?:tok_)?([0-9a-f]{10})(?:_.*)?$/.exec(given.trim())
  if (!m?.[1]) throw new Error(`'${given}' is not a key id (see \`toklytics keys list\`)`)
  return m[1]
}

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('manage API keys (X-Toklytics-Key)')
  keys
    .command('create')
    .description('create a key; it is printed once, only its hash is stored')
    .requiredOption('--name <name>', 'who or what the key is for')
    .addOption(
      new Option('--tier <tier>', 'rate-limit tier').choices(API_KEY_TIERS).default('free'),
    )
    .action(async (opts: { name: string; tier: ApiKeyTier }, cmd: Command) => {
      const name = opts.name.trim()
      if (name === '') throw new Error('--name must not be empty')
      await withDatabase(commandConfig(cmd), async (database) => {
        const { key, record } = await createApiKey(database.db, {
          name,
          tier: opts.tier,
          now: nowSeconds(),
        })
        // The key alone on stdout (KEY=$(toklytics keys create …)); the notice on stderr.
        console.error(
          `created ${record.tier} key ${record.id} "${record.name}"; store it now, it cannot be shown again:`,
        )
        console.log(key)
      })
    })
  keys
    .command('list')
    .description('list keys (never the secret)')
    .action(async (_opts: unknown, cmd: Command) => {
      await withDatabase(commandConfig(cmd), async (database) => {
        const rows = (await listApiKeys(database.db)).map((k) => [
          k.id,
          apiKeyDisplay(k.id),
          k.tier,
          k.revokedAt === null ? 'active' : `revoked ${iso(k.revokedAt)}`,
          iso(k.createdAt),
          iso(k.lastUsedAt),
          k.name,
        ])
        if (rows.length === 0) {
          console.log('no API keys (create one with `toklytics keys create --name N`)')
          return
        }
        printTable(['ID', 'KEY', 'TIER', 'STATUS', 'CREATED', 'LAST USED', 'NAME'], rows)
      })
    })
  keys
    .command('revoke')
    .description('revoke a key at once (the next request with it is a 401)')
    .argument('<id>', 'key id as listed (or tok_<id>…)')
    .action(async (given: string, _opts: unknown, cmd: Command) => {
      const id = keyIdOf(given)
      await withDatabase(commandConfig(cmd), async (database) => {
        if (!(await revokeApiKey(database.db, id, nowSeconds()))) {
          throw new Error(`no API key with id ${id}`)
        }
        console.log(`revoked key ${id}`)
      })
    })
}
