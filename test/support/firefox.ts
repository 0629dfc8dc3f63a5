/**
 * Debian's Firefox driven over Marionette, its own remote protocol, for the extension's Firefox
 * end-to-end test. Why not Playwright or Puppeteer: Playwright drives only its patched Firefox
 * build (not downloadable here), and WebDriver BiDi refuses to open moz-extension:// pages, so the
 * options page could not be used. Marionette is what geckodriver itself speaks: length-prefixed
 * JSON over TCP (`<bytes>:[0, id, "Command", params]` → `[1, id, error, result]`).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { connect, type Socket } from 'node:net'
import { join } from 'node:path'

/** Debian's firefox-esr (`.ci/run` installs it); TOKLYTICS_FIREFOX points elsewhere. */
export const FIREFOX = process.env.TOKLYTICS_FIREFOX ?? '/usr/bin/firefox-esr'

/** The W3C WebDriver key under which an element reference comes back. */
const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf'

type Reply = [1, number, { error: string; message: string } | null, unknown]

export interface FirefoxOptions {
  /** An empty folder for the profile. */
  profile: string
  /** about:config preferences written to the profile's user.js. */
  prefs: Record<string, string | number | boolean>
}

export class Firefox {
  private buffer = Buffer.alloc(0)
  private nextId = 0
  private readonly pending = new Map<number, (reply: Reply) => void>()

  private constructor(
    private readonly process: ChildProcess,
    private readonly socket: Socket,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk))
  }

  /** Starts a headless Firefox on a fresh profile and opens a WebDriver session in it. */
  static async launch(options: FirefoxOptions): Promise<Firefox> {
    const prefs = {
      // Marionette picks a free port and writes it to MarionetteActivePort in the profile.
      'marionette.port': 0,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'app.update.disabledForTesting': true,
      'extensions.update.enabled': false,
      ...options.prefs,
    }
    writeFileSync(
      join(options.profile, 'user.js'),
      Object.entries(prefs)
        .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
        .join('\n'),
    )
    // System access lets the session open the extension's own pages (moz-extension://…).
    const child = spawn(
      FIREFOX,
      [
        '--headless',
        '--marionette',
        '-remote-allow-system-access',
        '--no-remote',
        '--profile',
        options.profile,
      ],
      { stdio: 'ignore' },
    )
    const portFile = join(options.profile, 'MarionetteActivePort')
    const deadline = Date.now() + 30_000
    while (!existsSync(portFile) || readFileSync(portFile, 'utf8').trim() === '') {
      if (child.exitCode !== null) throw new Error(`${FIREFOX} exited with ${child.exitCode}`)
      if (Date.now() > deadline) throw new Error('Firefox did not start Marionette within 30 s')
      await new Promise((r) => setTimeout(r, 100))
    }
    const port = Number(readFileSync(portFile, 'utf8'))
    const socket = connect(port, '127.0.0.1')
    const firefox = new Firefox(child, socket)
    // The server greets first; the greeting has no id, so wait for the session reply instead.
    // Marionette takes capabilities flat in the parameters (geckodriver flattens them for it).
    await firefox.send('WebDriver:NewSession', { acceptInsecureCerts: true })
    return firefox
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk])
    for (;;) {
      const colon = this.buffer.indexOf(':')
      if (colon < 0) return
      const length = Number(this.buffer.subarray(0, colon).toString('ascii'))
      if (this.buffer.length < colon + 1 + length) return
      const message: unknown = JSON.parse(
        this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8'),
      )
      this.buffer = this.buffer.subarray(colon + 1 + length)
      if (Array.isArray(message) && message[0] === 1) {
        const reply = message as Reply
        this.pending.get(reply[1])?.(reply)
        this.pending.delete(reply[1])
      }
    }
  }

  /** Sends one command and returns its result (a Marionette error becomes an Error). */
  async send(command: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = ++this.nextId
    const body = Buffer.from(JSON.stringify([0, id, command, params]), 'utf8')
    const reply = await new Promise<Reply>((resolve) => {
      this.pending.set(id, resolve)
      this.socket.write(Buffer.concat([Buffer.from(`${body.length}:`, 'ascii'), body]))
    })
    if (reply[2] !== null) throw new Error(`${command}: ${reply[2].error}: ${reply[2].message}`)
    return reply[3]
  }

  /** Installs an unpacked extension folder as a temporary add-on; returns its id. */
  async installAddon(dir: string): Promise<string> {
    const result = (await this.send('Addon:Install', { path: dir, temporary: true })) as {
      value: string
    }
    return result.value
  }

  /** Loads a URL in the current tab and waits for its load event. */
  async navigate(url: string): Promise<void> {
    await this.send('WebDriver:Navigate', { url })
  }

  /** Opens a new tab and makes it the current one. */
  async newTab(): Promise<void> {
    const { handle } = (await this.send('WebDriver:NewWindow', { type: 'tab' })) as {
      handle: string
    }
    await this.send('WebDriver:SwitchToWindow', { handle })
  }

  /** The first element matching a CSS selector, or null. */
  async find(selector: string): Promise<string | null> {
    try {
      const found = (await this.send('WebDriver:FindElement', {
        using: 'css selector',
        value: selector,
      })) as { value: Record<string, string> }
      return found.value[ELEMENT_KEY] ?? null
    } catch (error) {
      if (String(error).includes('no such element')) return null
      throw error
    }
  }

  private async element(selector: string): Promise<string> {
    const id = await this.find(selector)
    if (id === null) throw new Error(`no element matches ${selector}`)
    return id
  }

  async type(selector: string, text: string): Promise<void> {
    const id = await this.element(selector)
    await this.send('WebDriver:ElementClear', { id })
    await this.send('WebDriver:ElementSendKeys', { id, text })
  }

  async click(selector: string): Promise<void> {
    await this.send('WebDriver:ElementClick', { id: await this.element(selector) })
  }

  async text(selector: string): Promise<string> {
    const id = await this.element(selector)
    return ((await this.send('WebDriver:GetElementText', { id })) as { value: string }).value
  }

  /** Runs `script` (a function body) in the current page and returns its value. */
  async evaluate(script: string): Promise<unknown> {
    return (
      (await this.send('WebDriver:ExecuteScript', { script, args: [] })) as { value: unknown }
    ).value
  }

  async close(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return
    const exited = new Promise((resolve) => this.process.once('exit', resolve))
    await this.send('Marionette:Quit', { flags: ['eForceQuit'] }).catch(() => undefined)
    this.socket.destroy()
    const killer = setTimeout(() => this.process.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(killer)
  }
}

/**
 * An HTTP proxy that tunnels CONNECT www.tiktok.com:443 to the stand-in site on `port` and
 * refuses every other host: Firefox has no host-to-port mapping like Chromium's
 * --host-resolver-rules, so its `network.proxy.ssl` preference points here instead.
 */
export function tiktokTunnel(port: number): Server {
  const server = createServer((_req, res) => res.writeHead(405).end())
  server.on('connect', (req, client: Socket, head: Buffer) => {
    if (req.url !== 'www.tiktok.com:443') {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    const drop = () => {
      upstream.destroy()
      client.destroy()
    }
    upstream.on('error', drop)
    client.on('error', drop)
  })
  return server
}
