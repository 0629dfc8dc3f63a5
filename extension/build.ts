/** Builds the browser extension from one source: a Chrome MV3 folder and zip, and a Firefox MV3 folder and package. */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { zipSync } from 'fflate'
import { privacyPolicy } from './privacy-policy.js'

const EXTENSION_DIR = fileURLToPath(new URL('.', import.meta.url))
const SOURCE_DIR = join(EXTENSION_DIR, 'src')
const STATIC_DIR = join(EXTENSION_DIR, 'static')
const ICONS_DIR = join(EXTENSION_DIR, 'icons')

/** The icon sizes both manifests name: toolbar (16, 32), extensions page (48), store (128). */
export const ICON_SIZES = [16, 32, 48, 128] as const

/** One IIFE bundle per context: no module loader, so the MAIN-world hook runs before the page. */
const ENTRY_POINTS = ['page-hook', 'relay', 'service-worker', 'popup', 'options']

/** Zip entries get a fixed date, so the same sources give the same zip. */
const ZIP_MTIME = new Date('2026-01-01T00:00:00Z')

/** One browser's build. */
export interface BrowserBuild {
  /** The folder to load unpacked (Chrome) or as a temporary add-on (Firefox). */
  dir: string
  /** The same files zipped: for the Chrome Web Store, or addons.mozilla.org (an .xpi is a zip). */
  zip: string
}

export interface BuiltExtension {
  chrome: BrowserBuild
  firefox: BrowserBuild
  version: string
}

/** The manifest as the source folder holds it (the Chrome form); only the keys we rewrite are typed. */
interface Manifest {
  version: string
  minimum_chrome_version?: string
  background: { service_worker?: string; scripts?: string[] }
  browser_specific_settings?: unknown
  [key: string]: unknown
}

/** The add-on id Firefox keys storage and updates by; it must never change once published. */
export const FIREFOX_ADDON_ID = 'collector@toklytics.dev'

/**
 * Firefox 128 is the first release that runs content scripts in the page's MAIN world, which the
 * page hook needs to see the page's own fetch and XHR (128 is also an ESR line).
 */
export const FIREFOX_MIN_VERSION = '128.0'

/**
 * The Firefox manifest, derived from the Chrome one: Firefox runs the same background code as an
 * event page (`background.scripts`) rather than a service worker, needs an add-on id, and warns on
 * Chrome-only keys. Everything else — permissions, matches, content scripts — stays identical.
 */
export function firefoxManifest(chrome: Manifest): Manifest {
  const { minimum_chrome_version: _chromeOnly, background, ...rest } = chrome
  const script = background.service_worker
  if (script === undefined) throw new Error('manifest.json: background.service_worker is missing')
  return {
    ...rest,
    background: { scripts: [script] },
    browser_specific_settings: {
      gecko: {
        id: FIREFOX_ADDON_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        // What addons.mozilla.org asks every add-on to declare: it sends website content (the
        // JSON tiktok.com served) to a server the user chose, and nothing about the user.
        data_collection_permissions: { required: ['websiteContent'] },
      },
    },
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/** Copies `from` into `to`, writes the manifest, and zips the folder. */
function writeBrowserBuild(
  from: string,
  to: string,
  manifest: Manifest,
  zip: string,
): BrowserBuild {
  rmSync(to, { recursive: true, force: true })
  mkdirSync(to, { recursive: true })
  for (const file of filesUnder(from)) {
    const target = join(to, relative(from, file))
    mkdirSync(join(target, '..'), { recursive: true })
    writeFileSync(target, readFileSync(file))
  }
  writeFileSync(join(to, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  const entries: Record<string, Uint8Array> = {}
  for (const file of filesUnder(to).sort()) {
    entries[relative(to, file).split(sep).join('/')] = readFileSync(file)
  }
  writeFileSync(zip, zipSync(entries, { level: 9, mtime: ZIP_MTIME }))
  return { dir: to, zip }
}

/**
 * Builds into `outRoot/chrome/` and `outRoot/firefox/`, zipped as
 * `toklytics-extension-<version>-chrome.zip` and `toklytics-extension-<version>-firefox.zip`.
 */
export async function buildExtension(
  outRoot = join(EXTENSION_DIR, 'dist'),
): Promise<BuiltExtension> {
  const common = join(outRoot, 'common')
  rmSync(common, { recursive: true, force: true })
  mkdirSync(common, { recursive: true })

  await build({
    entryPoints: ENTRY_POINTS.map((name) => join(SOURCE_DIR, `${name}.ts`)),
    outdir: common,
    bundle: true,
    format: 'iife',
    target: ['chrome111', 'firefox128'],
    // Readable output: what runs in people's browsers can be reviewed as it is.
    minify: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  })
  for (const file of filesUnder(STATIC_DIR)) {
    const target = join(common, relative(STATIC_DIR, file))
    mkdirSync(join(target, '..'), { recursive: true })
    writeFileSync(target, readFileSync(file))
  }
  mkdirSync(join(common, 'icons'))
  for (const size of ICON_SIZES) {
    const icon = `icon-${size}.png`
    writeFileSync(join(common, 'icons', icon), readFileSync(join(ICONS_DIR, icon)))
  }
  writeFileSync(join(common, 'LICENSE'), readFileSync(join(EXTENSION_DIR, 'LICENSE')))
  // The policy ships in the package as the code's rules write it.
  writeFileSync(join(common, 'PRIVACY.md'), privacyPolicy())

  // The extension's version is the project's version (also sent as the collector version).
  const pkg = JSON.parse(readFileSync(join(EXTENSION_DIR, '..', 'package.json'), 'utf8')) as {
    version: string
  }
  const manifest = JSON.parse(
    readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'),
  ) as Manifest
  manifest.version = pkg.version
  const name = (browser: string) =>
    join(outRoot, `toklytics-extension-${pkg.version}-${browser}.zip`)
  const built = {
    chrome: writeBrowserBuild(common, join(outRoot, 'chrome'), manifest, name('chrome')),
    firefox: writeBrowserBuild(
      common,
      join(outRoot, 'firefox'),
      firefoxManifest(manifest),
      name('firefox'),
    ),
    version: pkg.version,
  }
  rmSync(common, { recursive: true, force: true })
  return built
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Keep the committed policy in step with the rules (test/extension-build.test.ts checks it).
  writeFileSync(join(EXTENSION_DIR, 'PRIVACY.md'), privacyPolicy())
  const built = await buildExtension()
  for (const browser of ['chrome', 'firefox'] as const) {
    const { dir, zip } = built[browser]
    console.log(
      `${browser} ${built.version}: load ${relative(process.cwd(), dir)}, package ${relative(process.cwd(), zip)}`,
    )
  }
}
