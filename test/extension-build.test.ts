/**
 * `npm run build:extension`: one source, a Chrome and a Firefox package that differ only where the
 * browsers do, every file the manifests name present, the permissions unchanged, and a privacy
 * policy that states the rules the code applies.
 */
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { unzipSync } from 'fflate'
import { type BuiltExtension, buildExtension } from '../extension/build.js'
import { privacyPolicy } from '../extension/privacy-policy.js'
import { KEPT_QUERY_PARAMS, SESSION_KEYS, VIEWER_KEYS } from '../src/contract/capture-privacy.js'
import { PAGE_SCOPES } from '../src/contract/capture-routes.js'

const EXTENSION = fileURLToPath(new URL('../extension/', import.meta.url))

interface Manifest {
  [key: string]: unknown
  manifest_version: number
  minimum_chrome_version?: string
  browser_specific_settings?: unknown
  host_permissions?: unknown
  optional_permissions?: unknown
  background: Record<string, unknown>
  icons: Record<string, string>
  action: { default_popup: string; default_icon: Record<string, string> }
  options_ui: { page: string }
  content_scripts: Array<{ js: string[]; matches: string[]; world?: string }>
  permissions: string[]
}

const readManifest = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest

/** Every file under `root`, as sorted `/`-separated paths relative to it. */
function filesUnder(root: string, dir = root): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory()
        ? filesUnder(root, path)
        : [relative(root, path).split(sep).join('/')]
    })
    .sort()
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(bytes: Uint8Array): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  assert.equal(view.getUint32(0), 0x89504e47, 'a PNG signature')
  return [view.getUint32(16), view.getUint32(20)]
}

/** Every path a manifest makes the browser load. */
function referencedFiles(m: Manifest): string[] {
  const background = m.background.service_worker ?? m.background.scripts
  return [
    ...(Array.isArray(background) ? background : [background]).map(String),
    ...m.content_scripts.flatMap((c) => c.js),
    m.action.default_popup,
    m.options_ui.page,
    ...Object.values(m.icons),
    ...Object.values(m.action.default_icon),
  ]
}

describe('the extension build', () => {
  let dir: string
  let built: BuiltExtension
  const source = readManifest(EXTENSION)
  const pkg = JSON.parse(readFileSync(join(EXTENSION, '..', 'package.json'), 'utf8')) as {
    version: string
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'toklytics-extension-build-'))
    built = await buildExtension(dir)
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('makes a Chrome MV3 package: the source manifest at the project version', () => {
    const chrome = readManifest(built.chrome.dir)
    assert.deepEqual(chrome, { ...source, version: pkg.version })
    assert.equal(chrome.manifest_version, 3)
    assert.deepEqual(chrome.background, { service_worker: 'service-worker.js' })
    assert.equal(chrome.browser_specific_settings, undefined)
  })

  it('makes a Firefox MV3 package: an event page, a gecko id, no Chrome-only keys', () => {
    const firefox = readManifest(built.firefox.dir)
    assert.equal(firefox.manifest_version, 3)
    assert.deepEqual(firefox.background, { scripts: ['service-worker.js'] })
    assert.equal(firefox.minimum_chrome_version, undefined)
    const gecko = (firefox.browser_specific_settings as { gecko: Record<string, unknown> }).gecko
    assert.equal(gecko.id, 'collector@toklytics.dev')
    // MAIN-world content scripts, which the page hook needs, arrived in Firefox 128.
    assert.equal(gecko.strict_min_version, '128.0')
    assert.equal(firefox.content_scripts[0]?.world, 'MAIN')
    // Everything a user grants is the same in both browsers.
    const { background: _b, browser_specific_settings: _s, ...same } = firefox
    const {
      background: _c,
      minimum_chrome_version: _m,
      ...chromeSame
    } = readManifest(built.chrome.dir)
    assert.deepEqual(same, chromeSame)
  })

  it('asks for the same minimal permissions as before, and no host permission', () => {
    for (const browser of ['chrome', 'firefox'] as const) {
      const m = readManifest(built[browser].dir)
      assert.deepEqual(m.permissions, ['storage', 'unlimitedStorage', 'alarms'])
      assert.equal(m.host_permissions, undefined)
      assert.equal(m.optional_permissions, undefined)
      assert.deepEqual(
        [...new Set(m.content_scripts.flatMap((c) => c.matches))],
        ['https://www.tiktok.com/*'],
      )
    }
  })

  it('ships every file its manifest names, the icons at their sizes, the licence and policy', () => {
    for (const browser of ['chrome', 'firefox'] as const) {
      const { dir: out } = built[browser]
      const m = readManifest(out)
      for (const file of referencedFiles(m)) {
        assert.ok(existsSync(join(out, file)), `${browser}: ${file} is missing`)
      }
      for (const [size, file] of Object.entries(m.icons)) {
        assert.deepEqual(pngSize(readFileSync(join(out, file))), [Number(size), Number(size)])
      }
      assert.deepEqual(Object.keys(m.icons), ['16', '32', '48', '128'])
      assert.match(readFileSync(join(out, 'LICENSE'), 'utf8'), /^MIT License/)
      assert.equal(readFileSync(join(out, 'PRIVACY.md'), 'utf8'), privacyPolicy())
    }
  })

  it('zips exactly the folder it built, for each browser', () => {
    for (const browser of ['chrome', 'firefox'] as const) {
      const { dir: out, zip } = built[browser]
      assert.equal(zip, join(dir, `toklytics-extension-${pkg.version}-${browser}.zip`))
      const entries = unzipSync(readFileSync(zip))
      assert.deepEqual(Object.keys(entries).sort(), filesUnder(out))
      for (const [name, bytes] of Object.entries(entries)) {
        assert.deepEqual(Buffer.from(bytes), readFileSync(join(out, name)), name)
      }
    }
  })

  it('differs between browsers only in the manifest', () => {
    const chromeFiles = filesUnder(built.chrome.dir)
    assert.deepEqual(filesUnder(built.firefox.dir), chromeFiles)
    for (const file of chromeFiles.filter((f) => f !== 'manifest.json')) {
      assert.deepEqual(
        readFileSync(join(built.firefox.dir, file)),
        readFileSync(join(built.chrome.dir, file)),
        file,
      )
    }
  })
})

describe('the privacy policy (extension/PRIVACY.md)', () => {
  const committed = readFileSync(join(EXTENSION, 'PRIVACY.md'), 'utf8')

  it('is the one the rules write (run npm run build:extension after changing them)', () => {
    assert.equal(committed, privacyPolicy())
  })

  it('names every kept URL parameter, every removed key and every page scope', () => {
    for (const name of [...KEPT_QUERY_PARAMS, ...VIEWER_KEYS, ...SESSION_KEYS]) {
      assert.ok(committed.includes(`\`${name}\``), `${name} is not in PRIVACY.md`)
    }
    for (const scope of Object.values(PAGE_SCOPES)) assert.ok(committed.includes(`\`${scope}\``))
    // The viewer's own page scope is named only as removed, never as read.
    const read = committed.slice(
      committed.indexOf('## What it reads'),
      committed.indexOf('## What leaves'),
    )
    assert.ok(!read.includes('webapp.app-context'))
  })
})
