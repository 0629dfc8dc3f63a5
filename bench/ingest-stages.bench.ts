/**
 * What each per-byte stage of ingestion costs on its own, single-threaded, over the same demo
 * captures as `bench:ingest`: the floor under the pipeline's time.
 *
 *   npm run bench:ingest-stages -- [--creators N]
 */
import { createHash } from 'node:crypto'
import { parseArgs } from 'node:util'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { generateDemoCaptures } from '../src/demo/demo-captures.js'
import { parseCapture } from '../src/ingest/parsers/registry.js'
import { mayContainViewerFields, scrubViewerFields } from '../src/ingest/privacy.js'

const { values } = parseArgs({ options: { creators: { type: 'string', default: '200' } } })
const bodies: unknown[] = []
const urls: URL[] = []
let items = 0
const now = Math.floor(Date.now() / 1000)
for (const group of generateDemoCaptures({ creators: Number(values.creators), seed: 42, now })) {
  for (const c of group) {
    bodies.push(c.body)
    urls.push(new URL(c.url))
    items += (c.body as { itemList?: unknown[] }).itemList?.length ?? 0
  }
}

function stage(label: string, work: () => void): void {
  const started = performance.now()
  work()
  const ms = performance.now() - started
  console.log(
    `${label.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms  ${Math.round((items / ms) * 1000)} videos/s`,
  )
}

let texts: string[] = []
stage('JSON.stringify', () => {
  texts = bodies.map((b) => JSON.stringify(b))
})
const mb = texts.reduce((n, t) => n + t.length, 0) / 1e6
console.log(`${bodies.length} captures, ${items} video observations, ${mb.toFixed(0)} MB of JSON`)
stage('JSON.parse', () => {
  for (const t of texts) JSON.parse(t)
})
stage('privacy check (regex)', () => {
  for (const t of texts) mayContainViewerFields(t)
})
stage('privacy scrub (object walk)', () => {
  for (const b of bodies) scrubViewerFields(b)
})
stage('parsers', () => {
  bodies.forEach((body, i) => {
    const url = urls[i]
    if (url) parseCapture({ url, body })
  })
})
stage('sha256', () => {
  for (const t of texts) createHash('sha256').update(t).digest()
})
stage('gzip level 1', () => {
  for (const t of texts) gzipSync(t, { level: 1 })
})
stage('brotli quality 1 (stored)', () => {
  for (const t of texts) {
    brotliCompressSync(t, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } })
  }
})
