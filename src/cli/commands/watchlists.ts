/**
 * `toklytics watchlists …` and `toklytics alerts`: the operator's view of every watchlist (as an
 * admin key sees them), and lists made for the operator or for an API key (`--key-id`).
 */
import { Argument, type Command, Option } from 'commander'
import { OPERATOR } from '../../access/owner.js'
import type { Database } from '../../db/open.js'
import { ALERT_RULE_KINDS, type AlertRuleKind, WATCH_ITEM_KINDS } from '../../domain/alert-rules.js'
import { watchlistOperations } from '../../operations/watchlist-operations.js'
import { webhookOwned } from '../../webhooks/webhook-store.js'
import { commandConfig, withDatabase } from '../context.js'
import { ownerOf } from '../key-owner.js'
import { printTable } from '../table.js'

const nowSeconds = () => Math.floor(Date.now() / 1000)

function operations(database: Database) {
  return watchlistOperations({
    db: database.db,
    now: nowSeconds,
    webhookOwned: webhookOwned(database.db),
  })
}

const signed = (n: number | null | undefined) =>
  n === null || n === undefined ? '-' : `${n >= 0 ? '+' : ''}${n}%`

const kindArgument = () => new Argument('<kind>', 'item kind').choices(WATCH_ITEM_KINDS)

function parsePositive(value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new Error(`'${value}' is not a positive number`)
  return n
}

export function registerWatchlistsCommand(program: Command): void {
  const lists = program.command('watchlists').description('watchlists and their alert rules')
  lists
    .command('list')
    .description("every watchlist (every key's), by name")
    .action(async (_opts: unknown, cmd: Command) => {
      await withDatabase(commandConfig(cmd), async (database) => {
        const { data } = await operations(database).listWatchlists(OPERATOR)
        if (data.length === 0) {
          console.log('no watchlists (create one with `toklytics watchlists create NAME`)')
          return
        }
        printTable(
          ['ID', 'OWNER', 'ITEMS', 'RULES', 'NAME'],
          data.map((w) => [w.id, w.owner, String(w.item_count), String(w.rule_count), w.name]),
        )
      })
    })
  lists
    .command('create')
    .description(
      'create a watchlist; items as kind:ref (creator:@name, hashtag:#tag, video:ID, sound:ID)',
    )
    .argument('<name>', 'its name')
    .argument('[items...]', 'items, e.g. creator:@khaby.lame hashtag:#fitness')
    .option('--key-id <id>', 'the API key that owns it (default: the operator)')
    .action(async (name: string, items: string[], opts: { keyId?: string }, cmd: Command) => {
      const parsed = items.map((text) => {
        const at = text.indexOf(':')
        const kind = text.slice(0, at)
        if (at < 0 || !(WATCH_ITEM_KINDS as readonly string[]).includes(kind)) {
          throw new Error(
            `'${text}' is not kind:ref with kind one of ${WATCH_ITEM_KINDS.join(', ')}`,
          )
        }
        return { kind, ref: text.slice(at + 1) }
      })
      await withDatabase(commandConfig(cmd), async (database) => {
        const owner = await ownerOf(database, opts.keyId)
        const { data } = await operations(database).createWatchlist(owner, { name, items: parsed })
        console.log(data.id)
      })
    })
  lists
    .command('show')
    .description("a watchlist's items with their latest numbers and 1/7/30-day changes")
    .argument('<id>', 'watchlist id (wl_…)')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await withDatabase(commandConfig(cmd), async (database) => {
        const { data } = await operations(database).getWatchlist(OPERATOR, { id })
        console.log(`${data.name} (${data.id}, owner ${data.owner})`)
        printTable(
          ['KIND', 'ITEM', 'METRIC', 'VALUE', '1D', '7D', '30D'],
          data.items.map((i) => [
            i.kind,
            i.label,
            i.metric,
            i.value === null ? 'unknown' : String(i.value),
            signed(i.change_1d?.change_percent),
            signed(i.change_7d?.change_percent),
            signed(i.change_30d?.change_percent),
          ]),
        )
        for (const r of data.rules)
          console.log(`rule ${r.id}: ${r.kind} ${JSON.stringify(r.settings)}`)
      })
    })
  lists
    .command('add')
    .description('watch one more item')
    .argument('<id>', 'watchlist id')
    .addArgument(kindArgument())
    .argument('<ref>', 'username, video id or URL, hashtag, sound id')
    .action(async (id: string, kind: string, ref: string, _opts: unknown, cmd: Command) => {
      await withDatabase(commandConfig(cmd), async (database) => {
        await operations(database).addWatchlistItem(OPERATOR, { id, kind, ref })
      })
    })
  lists
    .command('remove')
    .description('stop watching an item')
    .argument('<id>', 'watchlist id')
    .addArgument(kindArgument())
    .argument('<ref>', 'the item as listed')
    .action(async (id: string, kind: string, ref: string, _opts: unknown, cmd: Command) => {
      await withDatabase(commandConfig(cmd), async (database) => {
        await operations(database).removeWatchlistItem(OPERATOR, { id, kind, ref })
      })
    })
  lists
    .command('rule')
    .description('add an alert rule (metrics.md §10)')
    .argument('<id>', 'watchlist id')
    .addArgument(new Argument('<kind>', 'rule kind').choices(ALERT_RULE_KINDS))
    .option('--percent <n>', 'growth, drop: the change in % that fires', parsePositive)
    .addOption(
      new Option('--window-days <n>', 'growth, drop: trailing window').choices(['1', '7', '30']),
    )
    .addOption(new Option('--period <p>', 'rising: the list period').choices(['7d', '30d']))
    .option('--top <n>', 'rising: how high on the list counts (1-50)', parsePositive)
    .option('--webhook <id>', 'send to this webhook only (default: all of the owner)')
    .action(
      async (
        id: string,
        kind: AlertRuleKind,
        opts: {
          percent?: number
          windowDays?: string
          period?: string
          top?: number
          webhook?: string
        },
        cmd: Command,
      ) => {
        await withDatabase(commandConfig(cmd), async (database) => {
          const { data } = await operations(database).addAlertRule(OPERATOR, {
            id,
            kind,
            ...(opts.percent === undefined ? {} : { percent: opts.percent }),
            ...(opts.windowDays === undefined ? {} : { window_days: Number(opts.windowDays) }),
            ...(opts.period === undefined ? {} : { period: opts.period }),
            ...(opts.top === undefined ? {} : { top: opts.top }),
            ...(opts.webhook === undefined ? {} : { webhook_id: opts.webhook }),
          })
          console.log(data.id)
        })
      },
    )
  lists
    .command('delete')
    .description('delete a watchlist with its rules and alerts')
    .argument('<id>', 'watchlist id')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await withDatabase(commandConfig(cmd), async (database) => {
        await operations(database).deleteWatchlist(OPERATOR, { id })
      })
    })
  program
    .command('alerts')
    .description('the alerts watchlist rules fired, newest first')
    .option('--watchlist <id>', 'only this watchlist')
    .option('--limit <n>', 'how many (1-100)', parsePositive, 20)
    .action(async (opts: { watchlist?: string; limit: number }, cmd: Command) => {
      await withDatabase(commandConfig(cmd), async (database) => {
        const ops = operations(database)
        const input = { page: 1, limit: Math.min(100, Math.floor(opts.limit)) }
        const { data } =
          opts.watchlist === undefined
            ? await ops.listAlerts(OPERATOR, input)
            : await ops.listWatchlistAlerts(OPERATOR, { ...input, id: opts.watchlist })
        if (data.length === 0) console.log('no alerts')
        for (const a of data) console.log(`${a.fired_at}  ${a.kind.padEnd(18)}  ${a.message}`)
      })
    })
}
