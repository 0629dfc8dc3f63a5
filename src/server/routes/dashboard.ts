/**
 * The dashboard (`web/`, built into `web/dist/` by `npm run build`): its HTML shell at every page
 * path, and the bundle's content-hashed files under `/assets/`.
 */
import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DASHBOARD_ASSETS_PREFIX, DASHBOARD_PAGES } from '../dashboard-paths.js'

/** `web/dist/` from both `src/server/routes/` (tsx) and `dist/server/routes/` (built). */
const DEFAULT_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url))

/**
 * The pages only run the bundle's own script and style files and only talk to this server; no
 * inline code (uPlot and Preact set styles through the CSSOM, which style-src does not govern).
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Toklytics</title></head>
<body><h1>Toklytics</h1><p>The dashboard has not been built: run <code>npm run build</code>.
The API is served as usual (<a href="/docs">/docs</a>).</p></body></html>
`

interface Shell {
  html: string
  etag: string
  mtimeMs: number
}

export interface DashboardOptions {
  /** The built dashboard (`index.html` and `assets/`); `web/dist/` by default. */
  dir?: string
}

export async function registerDashboard(
  app: FastifyInstance,
  options: DashboardOptions = {},
): Promise<void> {
  const dir = options.dir ?? DEFAULT_DIR
  const indexPath = join(dir, 'index.html')
  let shell: Shell | null = null

  // Re-read when the build changes under a running server (the old asset names are gone then).
  const currentShell = (): Shell | null => {
    let mtimeMs: number
    try {
      mtimeMs = statSync(indexPath).mtimeMs
    } catch {
      return null
    }
    if (shell === null || shell.mtimeMs !== mtimeMs) {
      const html = readFileSync(indexPath, 'utf8')
      const etag = `W/"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`
      shell = { html, etag, mtimeMs }
    }
    return shell
  }

  const serveShell = async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('content-security-policy', DASHBOARD_CSP).type('text/html; charset=utf-8')
    const current = currentShell()
    if (current === null)
      return reply.status(503).header('cache-control', 'no-store').send(NOT_BUILT)
    // The shell names the current bundle, so it is revalidated on every visit.
    reply.header('cache-control', 'no-cache').header('etag', current.etag)
    if (req.headers['if-none-match'] === current.etag) return reply.status(304).send()
    return reply.send(current.html)
  }
  for (const page of DASHBOARD_PAGES) app.get(page, serveShell)

  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: DASHBOARD_ASSETS_PREFIX,
    decorateReply: false,
    index: false,
    // Built next to each file by web/build.ts; @fastify/compress leaves encoded answers alone.
    preCompressed: true,
    // Every name carries a hash of its content.
    maxAge: '365d',
    immutable: true,
  })
}
