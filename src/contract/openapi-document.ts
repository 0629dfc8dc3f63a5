/**
 * The served API contract: the seed OpenAPI document (the product's contract, unchanged) with
 * this project's extension fragments merged in (ingest, history endpoints, response schemas the
 * seed leaves out, the extra fields, parameter bounds).
 */
import { readdirSync, readFileSync } from 'node:fs'

/** Any JSON value of the document, and a JSON object. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }
export type OpenApiDocument = JsonObject

/** Resolves from both `src/contract/` (tsx) and `dist/contract/` (built): two levels below the root. */
export const OPENAPI_DIR = new URL('../../src/contract/openapi/', import.meta.url)

export const isJsonObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Parameters are identified by name and location, so a fragment can tighten a seed parameter. */
function parameterKey(p: Json): string | null {
  return isJsonObject(p) && typeof p.name === 'string' && typeof p.in === 'string'
    ? `${p.in}:${p.name}`
    : null
}

/**
 * Deep merge: objects key by key, `parameters` arrays by name and location, other values
 * replaced by the fragment's.
 */
export function mergeOpenApi(base: Json, fragment: Json, key = ''): Json {
  if (isJsonObject(base) && isJsonObject(fragment)) {
    const out: { [key: string]: Json } = { ...base }
    for (const [k, v] of Object.entries(fragment)) {
      const existing = out[k]
      out[k] = existing === undefined ? v : mergeOpenApi(existing, v, k)
    }
    return out
  }
  if (key === 'parameters' && Array.isArray(base) && Array.isArray(fragment)) {
    const out = [...base]
    for (const p of fragment) {
      const k = parameterKey(p)
      const i = k === null ? -1 : out.findIndex((q) => parameterKey(q) === k)
      if (i >= 0) out[i] = mergeOpenApi(out[i] ?? null, p)
      else out.push(p)
    }
    return out
  }
  return fragment
}

function readJson(name: string): Json {
  return JSON.parse(readFileSync(new URL(name, OPENAPI_DIR), 'utf8')) as Json
}

/** The seed, then every `*.extension.json` fragment in name order. */
export function loadOpenApiDocument(): OpenApiDocument {
  let doc = readJson('seed.json')
  const fragments = readdirSync(OPENAPI_DIR)
    .filter((f) => f.endsWith('.extension.json'))
    .sort()
  for (const f of fragments) doc = mergeOpenApi(doc, readJson(f))
  if (!isJsonObject(doc)) throw new Error('the OpenAPI document is not an object')
  return doc
}
