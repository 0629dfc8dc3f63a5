#!/usr/bin/env node
/** The `toklytics` command: serve | worker | import | reprocess | demo | migrate | keys | contributors | creators | disputes | mcp | retention | lookup | export. */
import { Command } from 'commander'
import { registerContributorsCommand } from './commands/contributors.js'
import { registerCopyToCommand } from './commands/copy-to.js'
import { registerCreatorsCommand } from './commands/creators.js'
import { registerDemoCommand } from './commands/demo.js'
import { registerDisputesCommand } from './commands/disputes.js'
import { registerExportCommand } from './commands/export.js'
import { registerImportCommand } from './commands/import.js'
import { registerKeysCommand } from './commands/keys.js'
import { registerLookupCommand } from './commands/lookup.js'
import { registerMcpCommand } from './commands/mcp.js'
import { registerMigrateCommand } from './commands/migrate.js'
import { registerReprocessCommand } from './commands/reprocess.js'
import { registerRetentionCommand } from './commands/retention.js'
import { registerServeCommand } from './commands/serve.js'
import { registerWatchlistsCommand } from './commands/watchlists.js'
import { registerWebhooksCommand } from './commands/webhooks.js'
import { registerWorkerCommand } from './commands/worker.js'

const program = new Command('toklytics')
  .description('Open TikTok analytics: ingest captures, compute metrics, serve the API.')
  .option('--db <url>', 'database URL (sqlite:PATH or postgres://…); default DATABASE_URL')
  .showHelpAfterError()

registerServeCommand(program)
registerWorkerCommand(program)
registerImportCommand(program)
registerReprocessCommand(program)
registerDemoCommand(program)
registerMigrateCommand(program)
registerContributorsCommand(program)
registerCreatorsCommand(program)
registerDisputesCommand(program)
registerKeysCommand(program)
registerMcpCommand(program)
registerRetentionCommand(program)
registerWatchlistsCommand(program)
registerLookupCommand(program)
registerExportCommand(program)
registerCopyToCommand(program)
registerWebhooksCommand(program)

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`toklytics: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
