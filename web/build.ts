/**
 * Builds the dashboard: esbuild bundles `web/src/main.tsx` (Preact, uPlot, styles) into
 * content-hashed files under `web/dist/assets/`, each also brotli- and gzip-compressed, and
 * writes `web/dist/index.html`, the shell the server answers at every page path.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const WEB_DIR = fileURLToPath(new URL('.', import.meta.url))

/** What the browser fetches: the names index.html refers to. */
export interface BuiltDashboard {
  dir: string
  script: string
  style: string
  icon: string
  /** Bytes of the script and style, minified (before compression). */
  bytes: number
}

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#111827"/><path d="M8 22l5-6 4 3 7-9" fill="none" stroke="#2dd4bf" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>
`

const hashOf = (bytes: Uint8Array | string) =>
  createHash('sha256').update(bytes).digest('hex').slice(0, 10)

function compressed(path: string, bytes: Uint8Array): void {
  writeFileSync(
    `${path}.br`,
    brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  )
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }))
}

function shell(b: Omit<BuiltDashboard, 'dir' | 'bytes'>): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Toklytics</title>
<link rel="icon" type="image/svg+xml" href="/assets/${b.icon}">
<link rel="stylesheet" href="/assets/${b.style}">
<script type="module" src="/assets/${b.script}"></script>
</head>
<body>
<noscript><p class="noscript">The Toklytics dashboard needs JavaScript. The same data is served by the REST API: see <a href="/docs">/docs</a>.</p></noscript>
<div id="app"></div>
</body>
</html>
`
}

/** Builds into `outDir` (default `web/dist/`); the same sources give the same file names. */
export async function buildDashboard(outDir = join(WEB_DIR, 'dist')): Promise<BuiltDashboard> {
  const assets = join(outDir, 'assets')
  mkdirSync(assets, { recursive: true })
  const result = await build({
    entryPoints: { app: join(WEB_DIR, 'src', 'main.tsx') },
    bundle: true,
    format: 'esm',
    target: ['chrome111', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: 'linked',
    entryNames: '[name]-[hash]',
    outdir: assets,
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    charset: 'utf8',
    logLevel: 'warning',
  })
  const written = new Set<string>()
  let script = ''
  let style = ''
  let bytes = 0
  for (const file of result.outputFiles) {
    const name = basename(file.path)
    writeFileSync(file.path, file.contents)
    written.add(name)
    if (name.endsWith('.map')) continue
    compressed(file.path, file.contents)
    written.add(`${name}.br`).add(`${name}.gz`)
    bytes += file.contents.byteLength
    if (name.endsWith('.js')) script = name
    if (name.endsWith('.css')) style = name
  }
  if (script === '' || style === '') throw new Error('esbuild produced no script or stylesheet')
  const icon = `icon-${hashOf(ICON)}.svg`
  writeFileSync(join(assets, icon), ICON)
  compressed(join(assets, icon), Buffer.from(ICON))
  written.add(icon).add(`${icon}.br`).add(`${icon}.gz`)

  // The shell last, so a server that re-reads it finds every file it names.
  writeFileSync(join(outDir, 'index.html'), shell({ script, style, icon }))
  for (const name of readdirSync(assets)) {
    if (!written.has(name)) rmSync(join(assets, name), { force: true })
  }
  return { dir: outDir, script, style, icon, bytes }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const built = await buildDashboard()
  console.log(
    `dashboard: ${relative(process.cwd(), built.dir)} (${built.script}, ${built.style}; ${Math.round(built.bytes / 1024)} KiB)`,
  )
}
