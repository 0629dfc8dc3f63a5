/**
 * `toklytics webhooks list|add|test|remove`: the operator's view of every webhook endpoint (as an
 * admin key sees them), and endpoints made for the operator or for an API key (`--key-id`).
 */
import type { Command } from 'commander'
import { OPERATOR } from '../../access/owner.js'
import type { Config } from '../../config.js'
import type { Database } from '../../db/open.js'
import { webhookOperations } from '../../operations/webhook-operations.js'
import { commandConfig, withDatabase } from '../context.js'
import { ownerOf } from '../key-owner.js'
import { printTable } from '../table.js'

function operations(database: Database, config: Config) {
  return webhookOperations({
    db: database.db,
    nowMs: Date.now,
    guard: { allowPrivate: config.webhookAllowPrivate },
  })
}

export function registerWebhooksCommand(program: Command): void {
  const hooks = program
    .command('webhooks')
    .description('webhook endpoints that receive alerts as signed POST requests')
  hooks
    .command('list')
    .description("every endpoint (every key's), oldest first")
    .action(async (_opts: unknown, cmd: Command) => {
      const config = commandConfig(cmd)
      await withDatabase(config, async (database) => {
        const { data } = await operations(database, config).listWebhooks(OPERATOR)
        if (data.length === 0) {
          console.log('no webhooks (add one with `toklytics webhooks add URL`)')
          return
        }
        printTable(
          ['ID', 'OWNER', 'STATUS', 'FAILURES', 'URL', 'DESCRIPTION'],
          data.map((w) => [
            w.id,
            w.owner,
            w.enabled ? 'enabled' : `disabled: ${w.disabled_reason ?? ''}`,
            String(w.consecutive_failures),
            w.url,
            w.description ?? '',
          ]),
        )
      })
    })
  hooks
    .command('add')
    .description('add an endpoint; its signing secret is printed once')
    .argument('<url>', 'http(s) URL the deliveries are POSTed to')
    .option('--key-id <id>', 'the API key that owns it (default: the operator)')
    .option('--description <text>', 'a note for people')
    .action(async (url: string, opts: { keyId?: string; description?: string }, cmd: Command) => {
      const config = commandConfig(cmd)
      await withDatabase(config, async (database) => {
        const owner = await ownerOf(database, opts.keyId)
        const { data } = await operations(database, config).createWebhook(owner, {
          url,
          description: opts.description ?? null,
        })
        // The secret alone on stdout (SECRET=$(toklytics webhooks add …)); the notice on stderr.
        console.error(
          `created webhook ${data.id} for ${data.owner} → ${data.url}; store its secret now, it cannot be shown again:`,
        )
        console.log(data.secret)
      })
    })
  hooks
    .command('test')
    .description('send a signed ping now and say how the receiver answered')
    .argument('<id>', 'webhook id (wh_…)')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const config = commandConfig(cmd)
      await withDatabase(config, async (database) => {
        const { data } = await operations(database, config).testWebhook(OPERATOR, { id })
        if (!data.delivered) {
          process.exitCode = 1
          console.log(`not delivered: ${data.error ?? 'no answer'} (delivery ${data.delivery_id})`)
          return
        }
        console.log(`delivered: HTTP ${data.status_code} (delivery ${data.delivery_id})`)
      })
    })
  hooks
    .command('remove')
    .description('delete an endpoint and its delivery log')
    .argument('<id>', 'webhook id (wh_…)')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const config = commandConfig(cmd)
      await withDatabase(config, async (database) => {
        await operations(database, config).deleteWebhook(OPERATOR, { id })
        console.log(`removed webhook ${id}`)
      })
    })
}
