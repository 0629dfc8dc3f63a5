/**
 * The direction imports run (docs/DESIGN.md): adapters (server, mcp, cli, web, extension) →
 * operations → queries / ingest / admin → domain / db, with contract/ shared by all. Checked by
 * test/architecture.test.ts and `npm run lint:deps`. Tests may reach across layers.
 */
const notTests = '\\.test\\.ts$'

/** A rule that `from` (a folder under src/) imports nothing of `to`. */
const forbid = (name, comment, from, to) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from, pathNot: notTests },
  to: { path: to },
})

export default {
  forbidden: [
    forbid(
      'contract-stands-alone',
      'Wire formats and shared rules: used by the server and the extension, importing neither.',
      '^src/contract/',
      '^src/(?!contract/)',
    ),
    forbid(
      'domain-is-pure',
      'Formulas and rules: no storage, no I/O, no adapter.',
      '^src/domain/',
      '^src/(?!domain/|contract/)',
    ),
    forbid(
      'db-knows-only-the-engine',
      'Open, schema, migrations, dialect, transactions, generic upserts: nothing of the layers above (a migration freezes what it needs).',
      '^src/db/',
      '^src/(?!db/)',
    ),
    forbid(
      'support-stands-alone',
      'Generic helpers (timers, small utilities): nothing of the project.',
      '^src/support/',
      '^src/(?!support/)',
    ),
    forbid(
      'access-is-pure',
      'Key and token formats and policies: no storage.',
      '^src/access/',
      '^src/(?!access/|contract/)',
    ),
    forbid(
      'ingest-below-adapters',
      'The write path knows storage and rules, never reads, admin services or adapters.',
      '^src/ingest/',
      '^src/(queries|admin|operations|server|mcp|cli|demo)/',
    ),
    forbid(
      'queries-below-adapters',
      'The read path knows storage and rules, never the write path or adapters.',
      '^src/queries/',
      '^src/(ingest|admin|operations|server|mcp|cli|demo)/',
    ),
    forbid(
      'admin-below-adapters',
      'Keys, contributors, retention and maintenance: services the adapters call.',
      '^src/admin/',
      '^src/(operations|server|mcp|cli|demo)/',
    ),
    forbid(
      'alerts-below-adapters',
      'Watchlists and alert evaluation: services over storage, reads and rules that the adapters call.',
      '^src/alerts/',
      '^src/(ingest|operations|server|mcp|cli|demo)/',
    ),
    forbid(
      'webhooks-below-adapters',
      'Webhook endpoints and signed delivery: a service over storage and rules that the adapters and alerts call.',
      '^src/webhooks/',
      '^src/(ingest|queries|admin|alerts|operations|server|mcp|cli|demo)/',
    ),
    forbid(
      'operations-below-adapters',
      'One operation per API call, shared by REST and MCP: no HTTP, no MCP, no CLI.',
      '^src/operations/',
      '^src/(server|mcp|cli)/',
    ),
    forbid(
      'mcp-beside-server',
      'The MCP adapter calls operations, never the REST adapter.',
      '^src/mcp/',
      '^src/(server|cli)/',
    ),
    forbid('nothing-imports-the-cli', 'The CLI is an entry point.', '^src/(?!cli/)', '^src/cli/'),
    forbid(
      'extension-shares-only-the-contract',
      'The collector runs in browsers: of the server it shares only src/contract/.',
      '^extension/src/',
      '^src/(?!contract/)',
    ),
    forbid(
      'dashboard-speaks-http',
      'The dashboard reads the API over HTTP; of the server it bundles only pure rules and constants (domain/, contract/).',
      '^web/src/',
      '^src/(?!domain/|contract/)',
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
}
