/** `toklytics webhooks …` as a user runs it (a real process) against a real local receiver. */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { testDatabases } from './support/databases.js'
import { type Receiver, startReceiver } from './support/webhook-receiver.js'

const run = promisify(execFile)
const CLI = new URL('../src/cli/main.ts', import.meta.url).pathname

for (const target of testDatabases()) {
  describe(`toklytics webhooks on ${target.name}`, () => {
    let url = ''
    let receiver: Receiver
    const toklytics = (env: Record<string, string>, ...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', CLI, '--db', url, ...args], {
        env: { ...process.env, LOG_LEVEL: 'silent', ...env },
        timeout: 120_000,
      })
    const allowed = { TOKLYTICS_WEBHOOK_ALLOW_PRIVATE: 'on' }

    before(async () => {
      const database = await target.open()
      url = target.url()
      await database.close()
      receiver = await startReceiver()
    })
    after(async () => {
      await receiver.close()
      await target.cleanup()
    })

    it('adds for a key, lists, tests with a verifiable signature, and removes', async () => {
      const key = await toklytics({}, 'keys', 'create', '--name', 'brand')
      const keyId = /created free key (\w+)/.exec(key.stderr)?.[1] ?? ''
      assert.match(keyId, /^[0-9a-f]{10}$/)
      // Without the allowance a loopback receiver is refused, naming the field.
      await assert.rejects(
        toklytics({}, 'webhooks', 'add', receiver.url),
        (err: { stderr: string }) =>
          /Invalid body field 'url': 127\.0\.0\.1 is not a public address \(loopback\)/.test(
            err.stderr,
          ),
      )
      await assert.rejects(
        toklytics(allowed, 'webhooks', 'add', receiver.url, '--key-id', 'ffffffffff'),
        (err: { stderr: string }) => /no API key with id ffffffffff/.test(err.stderr),
      )
      const added = await toklytics(
        allowed,
        'webhooks',
        'add',
        receiver.url,
        '--key-id',
        keyId,
        '--description',
        'alerts',
      )
      const secret = added.stdout.trim()
      assert.match(secret, /^whsec_[0-9a-f]{64}$/)
      const id = /created webhook (wh_[0-9a-f]{16}) for (\w+)/.exec(added.stderr)
      assert.equal(id?.[2], keyId)
      const webhookId = id?.[1] ?? ''
      const listed = await toklytics({}, 'webhooks', 'list')
      assert.match(
        listed.stdout,
        new RegExp(`${webhookId}\\s+${keyId}\\s+enabled\\s+0\\s+${receiver.url}\\s+alerts`),
      )
      assert.equal(listed.stdout.includes(secret), false)
      const tested = await toklytics(allowed, 'webhooks', 'test', webhookId)
      assert.match(tested.stdout, /^delivered: HTTP 200 \(delivery whd_[0-9a-f]{20}\)/)
      const got = receiver.received[0]
      assert.equal(got?.headers['toklytics-event'], 'ping')
      const [, t, v1] =
        /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(got?.headers['toklytics-signature'])) ?? []
      assert.equal(v1, createHmac('sha256', secret).update(`${t}.${got?.raw}`).digest('hex'))
      // A receiver answering 500: exit code 1 and the reason.
      receiver.script = [500]
      await assert.rejects(
        toklytics(allowed, 'webhooks', 'test', webhookId),
        (err: { stdout: string; code: number }) =>
          err.code === 1 && /^not delivered: HTTP 500/.test(err.stdout),
      )
      const removed = await toklytics({}, 'webhooks', 'remove', webhookId)
      assert.equal(removed.stdout.trim(), `removed webhook ${webhookId}`)
      await assert.rejects(
        toklytics({}, 'webhooks', 'remove', webhookId),
        (err: { stderr: string }) => new RegExp(`No webhook ${webhookId}`).test(err.stderr),
      )
    })
  })
}
