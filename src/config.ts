/** The server's configuration: the environment read once into a typed, validated object. */
import { isIP } from 'node:net'
import { z } from 'zod'
import { DEFAULT_RATE_LIMITS, type RateLimitsPerMinute } from './access/rate-limit-policy.js'
import { DEFAULT_SQLITE_CACHE_MB } from './db/open.js'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** A requests-per-minute budget. */
const perMinute = (fallback: number) =>
  z
    .string()
    .trim()
    .min(1)
    .pipe(z.coerce.number<string>().int().min(1).max(1_000_000_000))
    .default(fallback)

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])

/** TRUST_PROXY: true/false, a number of proxy hops, or a comma list of addresses and CIDRs. */
function trustProxy(value: string, ctx: z.RefinementCtx): boolean | number | string[] {
  if (value === 'true' || value === 'false') return value === 'true'
  if (/^\d+$/.test(value)) return Number(value)
  const list = value.split(',').map((v) => v.trim())
  for (const entry of list) {
    const [address = '', bits, ...rest] = entry.split('/')
    const family = isIP(address)
    const validBits =
      bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32))
    if (!PROXY_NAMES.has(entry) && (family === 0 || !validBits || rest.length > 0)) {
      ctx.addIssue({
        code: 'custom',
        message: `'${entry}' is not true, false, a hop count, an address or a CIDR`,
      })
    }
  }
  return list
}

/** A browser origin (`chrome-extension://id`), or every origin of a scheme (`chrome-extension://*`). */
const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/(\*|[^\s/*,]+)$/

const EnvSchema = z.object({
  // An empty PORT is a mistake, not port 0 (which z.coerce would make of it: a random port).
  PORT: z
    .string()
    .trim()
    .min(1)
    .pipe(z.coerce.number<string>().int().min(0).max(65535))
    .default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .min(1)
    .default('sqlite:./data/toklytics.db')
    .refine((v) => /^(sqlite:|postgres(ql)?:\/\/)/.test(v), {
      message: 'must start with sqlite: or postgres://',
    }),
  DATABASE_READ_URL: z
    .string()
    .min(1)
    .refine((v) => /^(sqlite:|postgres(ql)?:\/\/)/.test(v), {
      message: 'must start with sqlite: or postgres://',
    })
    .optional(),
  TOKLYTICS_INGEST_TOKEN: z.string().min(1).optional(),
  TOKLYTICS_DEMO: z.enum(['on', 'off']).default('on'),
  PUBLIC_BASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  TOKLYTICS_RESPONSE_CACHE_MB: z
    .string()
    .trim()
    .min(1)
    .pipe(z.coerce.number<string>().min(0).max(65536))
    .default(64),
  TOKLYTICS_SQLITE_CACHE_MB: z
    .string()
    .trim()
    .min(1)
    .pipe(z.coerce.number<string>().min(1).max(65536))
    .default(DEFAULT_SQLITE_CACHE_MB),
  TOKLYTICS_RATE_LIMIT: z.enum(['on', 'off']).default('on'),
  TOKLYTICS_RATE_ANON: perMinute(DEFAULT_RATE_LIMITS.anonymous),
  TOKLYTICS_RATE_LOCAL: perMinute(DEFAULT_RATE_LIMITS.local),
  TOKLYTICS_RATE_FREE: perMinute(DEFAULT_RATE_LIMITS.free),
  TOKLYTICS_RATE_PRO: perMinute(DEFAULT_RATE_LIMITS.pro),
  TOKLYTICS_RATE_INGEST: perMinute(DEFAULT_RATE_LIMITS.ingest),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
    .optional(),
  TOKLYTICS_REDIS_PREFIX: z.string().min(1).default('toklytics:'),
  TOKLYTICS_INGEST_MODE: z.enum(['sync', 'queue']).default('sync'),
  TOKLYTICS_INGEST_THREAD: z.enum(['on', 'off']).default('on'),
  TOKLYTICS_AUTO_MIGRATE: z.enum(['on', 'off']).default('on'),
  TRUST_PROXY: z.string().trim().default('false').transform(trustProxy),
  TOKLYTICS_EXTENSION_ORIGINS: z
    .string()
    .default('chrome-extension://*,moz-extension://*')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== ''),
    )
    .pipe(z.array(z.string().regex(ORIGIN, 'must be scheme://host or scheme://*'))),
  TOKLYTICS_SNAPSHOT_RETENTION: z.enum(['on', 'off']).default('off'),
  TOKLYTICS_WEBHOOK_ALLOW_PRIVATE: z.enum(['on', 'off']).default('off'),
})

export interface Config {
  port: number
  host: string
  databaseUrl: string
  /** A read replica of the database: read queries go there (DATABASE_READ_URL). */
  databaseReadUrl: string | null
  /** The static contributor token (its captures: 'static'); stored contributor tokens work too. */
  ingestToken: string | null
  /** Seed an empty database with the demo data set at start-up. */
  demo: boolean
  /** Base of links in responses (profile_url); defaults to the listening address. */
  publicBaseUrl: string
  logLevel: (typeof LOG_LEVELS)[number]
  /** Memory for cached read answers, in MiB (0: no cache). */
  responseCacheMb: number
  /** SQLite's page cache per connection, in MiB. */
  sqliteCacheMb: number
  /** Request budgets per caller; one budget across processes when `redisUrl` is set. */
  rateLimits: {
    enabled: boolean
    perMinute: RateLimitsPerMinute
    redisUrl: string | null
    /** Prefix of every Redis key: `rl:` for the counters, `rc:` for cached answers. */
    redisPrefix: string
  }
  /** Whose X-Forwarded-For to believe (Fastify's trustProxy): every hop, a count, or addresses. */
  trustProxy: boolean | number | string[]
  /** Browser origins that may send ingestion requests (`scheme://*`: any of that scheme). */
  extensionOrigins: string[]
  /** Thin old snapshots once a day while serving (off: keep every snapshot; see README). */
  snapshotRetention: boolean
  /**
   * `sync`: POST /ingest writes and answers 200 after commit. `queue` (PostgreSQL only): it
   * stores the captures and answers 202; `toklytics worker` processes them.
   */
  ingestMode: 'sync' | 'queue'
  /**
   * Synchronous ingestion into an SQLite file on a thread of its own (on), so that its write
   * transactions never hold the server's reads; off: on the main thread.
   */
  ingestThread: boolean
  /**
   * Whether `serve` and `worker` apply pending migrations at start (on), or refuse to start
   * until `toklytics migrate` has (off: upgrades at a time the operator chooses).
   */
  autoMigrate: boolean
  /**
   * Whether webhooks may be delivered to loopback, private and link-local addresses (on: a
   * receiver on the operator's own network); off refuses them, so an API key cannot make the
   * server probe its own network.
   */
  webhookAllowPrivate: boolean
}

/** Overrides from the command line (`toklytics serve --port N --db URL`) win over the environment. */
export interface ConfigOverrides {
  port?: number
  databaseUrl?: string
}

/**
 * Reads the configuration from an environment map (process.env in production, a literal in
 * tests). Throws an Error naming every invalid variable, so a bad deployment fails at start.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  overrides: ConfigOverrides = {},
): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration: ${problems.join('; ')}`)
  }
  const e = parsed.data
  const port = overrides.port ?? e.PORT
  const host = e.HOST
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  return {
    port,
    host,
    databaseUrl: overrides.databaseUrl ?? e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL ?? null,
    ingestToken: e.TOKLYTICS_INGEST_TOKEN ?? null,
    demo: e.TOKLYTICS_DEMO === 'on',
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://${shownHost}:${port}`).replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    responseCacheMb: e.TOKLYTICS_RESPONSE_CACHE_MB,
    sqliteCacheMb: e.TOKLYTICS_SQLITE_CACHE_MB,
    rateLimits: {
      enabled: e.TOKLYTICS_RATE_LIMIT === 'on',
      perMinute: {
        anonymous: e.TOKLYTICS_RATE_ANON,
        local: e.TOKLYTICS_RATE_LOCAL,
        free: e.TOKLYTICS_RATE_FREE,
        pro: e.TOKLYTICS_RATE_PRO,
        ingest: e.TOKLYTICS_RATE_INGEST,
      },
      redisUrl: e.REDIS_URL ?? null,
      redisPrefix: e.TOKLYTICS_REDIS_PREFIX,
    },
    trustProxy: e.TRUST_PROXY,
    extensionOrigins: e.TOKLYTICS_EXTENSION_ORIGINS,
    snapshotRetention: e.TOKLYTICS_SNAPSHOT_RETENTION === 'on',
    ingestMode: e.TOKLYTICS_INGEST_MODE,
    ingestThread: e.TOKLYTICS_INGEST_THREAD === 'on',
    autoMigrate: e.TOKLYTICS_AUTO_MIGRATE === 'on',
    webhookAllowPrivate: e.TOKLYTICS_WEBHOOK_ALLOW_PRIVATE === 'on',
  }
}
