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
      ingestToken: null,
      demo: true,
      publicBaseUrl: 'http://127.0.0.1:8080',
      logLevel: 'info',
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
        TOKLYTICS_INGEST_TOKEN: 's3cret-token-1',
        TOKLYTICS_DEMO: 'off',
        PUBLIC_BASE_URL: 'https://toklytics.example.org',
        LOG_LEVEL: 'warn',
      }),
      {
        port: 3000,
        host: 'analytics.internal',
        databaseUrl: 'postgres://toklytics@db.internal:5432/toklytics',
        ingestToken: 's3cret-token-1',
        demo: false,
        publicBaseUrl: 'https://toklytics.example.org',
        logLevel: 'warn',
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

  it('prefers PUBLIC_BASE_URL over HOST and PORT', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      PORT: '3000',
      PUBLIC_BASE_URL: 'https://t.example',
    })
    assert.equal(config.publicBaseUrl, 'https://t.example')
  })
})
