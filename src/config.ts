/** The server's configuration: the environment read once into a typed, validated object. */
import { z } from 'zod'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

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
  TOKLYTICS_INGEST_TOKEN: z.string().min(1).optional(),
  TOKLYTICS_DEMO: z.enum(['on', 'off']).default('on'),
  PUBLIC_BASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
})

export interface Config {
  port: number
  host: string
  databaseUrl: string
  /** A static contributor token; when unset, ingestion refuses every request. */
  ingestToken: string | null
  /** Seed an empty database with the demo data set at start-up. */
  demo: boolean
  /** Base of links in responses (profile_url); defaults to the listening address. */
  publicBaseUrl: string
  logLevel: (typeof LOG_LEVELS)[number]
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
    ingestToken: e.TOKLYTICS_INGEST_TOKEN ?? null,
    demo: e.TOKLYTICS_DEMO === 'on',
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://${shownHost}:${port}`).replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
  }
}
