/** Unit tests of the configuration: defaults, overrides, validation and the public base URL. */

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadConfig } from './config.js'

/** Asserts that `env` is refused with an Error whose message names `variable`. */
function assertRefused(env: Record<string, string>, variable: string): void {
  assert.throws(
    () => loadConfig(env),
    (err: unknown) => {
      assert.ok(err instanceof Error)
      assert.match(err.message, new RegExp(`\\b${variable}\\b`))
      return true
    },
  )
}

describe('loadConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    assert.deepEqual(loadConfig({}), {
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'sqlite:./data/toklytics.db',
      databaseReadUrl: null,
      ingestToken: null,
      demo: true,
      publicBaseUrl: 'http://127.0.0.1:8080',
      logLevel: 'info',
      responseCacheMb: 64,
      sqliteCacheMb: 64,
      snapshotRetention: false,
      rateLimits: {
        enabled: true,
        perMinute: { anonymous: 30, local: 1200, free: 120, pro: 1200, ingest: 60 },
        redisUrl: null,
        redisPrefix: 'toklytics:',
      },
      trustProxy: false,
      extensionOrigins: ['chrome-extension://*', 'moz-extension://*'],
      ingestMode: 'sync',
      ingestThread: true,
      autoMigrate: true,
      webhookAllowPrivate: false,
    })
  })

  it('ignores unrelated variables', () => {
    assert.equal(loadConfig({ PATH: '/usr/bin', HOME: '/root' }).port, 8080)
  })

  it('reads every variable', () => {
    assert.deepEqual(
      loadConfig({
        PORT: '3000',
        HOST: 'analytics.internal',
        DATABASE_URL: 'postgres://toklytics@db.internal:5432/toklytics',
        DATABASE_READ_URL: 'postgres://toklytics@replica.internal:5432/toklytics',
        TOKLYTICS_INGEST_TOKEN: 's3cret-token-1',
        TOKLYTICS_DEMO: 'off',
        PUBLIC_BASE_URL: 'https://toklytics.example.org',
        LOG_LEVEL: 'warn',
        TOKLYTICS_RESPONSE_CACHE_MB: '0',
        TOKLYTICS_SQLITE_CACHE_MB: '512',
        TOKLYTICS_SNAPSHOT_RETENTION: 'on',
        TOKLYTICS_RATE_LIMIT: 'off',
        TOKLYTICS_RATE_ANON: '10',
        TOKLYTICS_RATE_LOCAL: '50',
        TOKLYTICS_RATE_FREE: '100',
        TOKLYTICS_RATE_PRO: '1000',
        TOKLYTICS_RATE_INGEST: '5',
        REDIS_URL: 'redis://:pw@cache.internal:6379/2',
        TOKLYTICS_REDIS_PREFIX: 'tk:',
        TRUST_PROXY: '10.0.0.0/8, 192.168.1.7',
        TOKLYTICS_EXTENSION_ORIGINS: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
        TOKLYTICS_INGEST_MODE: 'queue',
        TOKLYTICS_INGEST_THREAD: 'off',
        TOKLYTICS_AUTO_MIGRATE: 'off',
        TOKLYTICS_WEBHOOK_ALLOW_PRIVATE: 'on',
      }),
      {
        port: 3000,
        host: 'analytics.internal',
        databaseUrl: 'postgres://toklytics@db.internal:5432/toklytics',
        databaseReadUrl: 'postgres://toklytics@replica.internal:5432/toklytics',
        ingestToken: 's3cret-token-1',
        demo: false,
        publicBaseUrl: 'https://toklytics.example.org',
        logLevel: 'warn',
        responseCacheMb: 0,
        sqliteCacheMb: 512,
        snapshotRetention: true,
        rateLimits: {
          enabled: false,
          perMinute: { anonymous: 10, local: 50, free: 100, pro: 1000, ingest: 5 },
          redisUrl: 'redis://:pw@cache.internal:6379/2',
          redisPrefix: 'tk:',
        },
        trustProxy: ['10.0.0.0/8', '192.168.1.7'],
        extensionOrigins: ['chrome-extension://abcdefghijklmnopabcdefghijklmnop'],
        ingestMode: 'queue',
        ingestThread: false,
        autoMigrate: false,
        webhookAllowPrivate: true,
      },
    )
  })

  it('accepts postgresql:// URLs and port 0', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://u@h/db', PORT: '0' })
    assert.equal(config.databaseUrl, 'postgresql://u@h/db')
    assert.equal(config.port, 0)
  })

  it('lets command-line overrides win over the environment', () => {
    const config = loadConfig(
      { PORT: '3000', DATABASE_URL: 'sqlite:./env.db' },
      { port: 9090, databaseUrl: 'sqlite:/tmp/cli.db' },
    )
    assert.equal(config.port, 9090)
    assert.equal(config.databaseUrl, 'sqlite:/tmp/cli.db')
    assert.equal(config.publicBaseUrl, 'http://127.0.0.1:9090')
  })

  it('keeps environment values an override does not set', () => {
    const config = loadConfig({ PORT: '3000', DATABASE_URL: 'sqlite:./env.db' }, { port: 9090 })
    assert.equal(config.databaseUrl, 'sqlite:./env.db')
  })

  it('refuses an invalid PORT, naming it', () => {
    for (const PORT of ['abc', '-1', '65536', '80.5', '', '   ']) assertRefused({ PORT }, 'PORT')
  })

  it('accepts the highest port', () => {
    assert.equal(loadConfig({ PORT: '65535' }).port, 65535)
  })

  it('refuses an invalid DATABASE_URL, naming it', () => {
    for (const DATABASE_URL of ['mysql://u@h/db', './data/toklytics.db', '', 'SQLITE-file']) {
      assertRefused({ DATABASE_URL }, 'DATABASE_URL')
    }
  })

  it('refuses an invalid TOKLYTICS_DEMO, naming it', () => {
    for (const TOKLYTICS_DEMO of ['yes', 'true', 'ON', '']) {
      assertRefused({ TOKLYTICS_DEMO }, 'TOKLYTICS_DEMO')
    }
  })

  it('refuses an SQLite cache that is not 1 to 65,536 MiB, naming it', () => {
    for (const TOKLYTICS_SQLITE_CACHE_MB of ['0', '-5', 'big', '65537', '']) {
      assertRefused({ TOKLYTICS_SQLITE_CACHE_MB }, 'TOKLYTICS_SQLITE_CACHE_MB')
    }
  })

  it('refuses an invalid LOG_LEVEL, naming it', () => {
    for (const LOG_LEVEL of ['verbose', 'INFO', '']) assertRefused({ LOG_LEVEL }, 'LOG_LEVEL')
  })

  it('accepts every documented LOG_LEVEL', () => {
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) {
      assert.equal(loadConfig({ LOG_LEVEL: level }).logLevel, level)
    }
  })

  it('refuses an invalid PUBLIC_BASE_URL, an empty HOST and an empty token, naming them', () => {
    assertRefused({ PUBLIC_BASE_URL: 'not a url' }, 'PUBLIC_BASE_URL')
    assertRefused({ HOST: '' }, 'HOST')
    assertRefused({ TOKLYTICS_INGEST_TOKEN: '' }, 'TOKLYTICS_INGEST_TOKEN')
  })

  it('names every invalid variable at once', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc', LOG_LEVEL: 'verbose' }),
      /^Error: Invalid configuration: .*PORT.*LOG_LEVEL/,
    )
  })

  it('trims trailing slashes of PUBLIC_BASE_URL', () => {
    assert.equal(
      loadConfig({ PUBLIC_BASE_URL: 'https://toklytics.example.org/' }).publicBaseUrl,
      'https://toklytics.example.org',
    )
    assert.equal(
      loadConfig({ PUBLIC_BASE_URL: 'https://example.org/toklytics//' }).publicBaseUrl,
      'https://example.org/toklytics',
    )
  })

  it('shows a wildcard HOST as 127.0.0.1 in the base URL but binds to it', () => {
    const config = loadConfig({ HOST: '0.0.0.0', PORT: '3000' })
    assert.equal(config.host, '0.0.0.0')
    assert.equal(config.publicBaseUrl, 'http://127.0.0.1:3000')
    assert.equal(loadConfig({ HOST: '::' }).publicBaseUrl, 'http://127.0.0.1:8080')
  })

  it('builds the base URL from a named HOST and PORT', () => {
    assert.equal(
      loadConfig({ HOST: 'analytics.internal', PORT: '3000' }).publicBaseUrl,
      'http://analytics.internal:3000',
    )
  })

  it('reads TRUST_PROXY as true, false, a hop count, or addresses and CIDRs', () => {
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true)
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false)
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2)
    assert.deepEqual(loadConfig({ TRUST_PROXY: 'loopback,::1,fd00::/8' }).trustProxy, [
      'loopback',
      '::1',
      'fd00::/8',
    ])
    for (const TRUST_PROXY of ['yes', '10.0.0.0/33', '10.0.0.1/8/1', 'proxy.internal', ''])
      assertRefused({ TRUST_PROXY }, 'TRUST_PROXY')
  })

  it('refuses invalid rate-limit, Redis and extension-origin settings, naming them', () => {
    for (const v of ['0', '-5', '1.5', 'many', ''])
      for (const name of [
        'TOKLYTICS_RATE_ANON',
        'TOKLYTICS_RATE_LOCAL',
        'TOKLYTICS_RATE_FREE',
        'TOKLYTICS_RATE_PRO',
      ])
        assertRefused({ [name]: v }, name)
    assertRefused({ TOKLYTICS_RATE_INGEST: '0' }, 'TOKLYTICS_RATE_INGEST')
    assertRefused({ TOKLYTICS_RATE_LIMIT: 'false' }, 'TOKLYTICS_RATE_LIMIT')
    assertRefused({ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL')
    assertRefused(
      { TOKLYTICS_EXTENSION_ORIGINS: 'chrome-extension://a/b' },
      'TOKLYTICS_EXTENSION_ORIGINS',
    )
    assertRefused({ TOKLYTICS_EXTENSION_ORIGINS: '*' }, 'TOKLYTICS_EXTENSION_ORIGINS')
  })

  it('lets TOKLYTICS_EXTENSION_ORIGINS list several origins, or none', () => {
    assert.deepEqual(
      loadConfig({ TOKLYTICS_EXTENSION_ORIGINS: 'chrome-extension://a, moz-extension://*' })
        .extensionOrigins,
      ['chrome-extension://a', 'moz-extension://*'],
    )
    assert.deepEqual(loadConfig({ TOKLYTICS_EXTENSION_ORIGINS: '' }).extensionOrigins, [])
  })

  it('prefers PUBLIC_BASE_URL over HOST and PORT', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      PORT: '3000',
      PUBLIC_BASE_URL: 'https://t.example',
    })
    assert.equal(config.publicBaseUrl, 'https://t.example')
  })
})
