/**
 * Contract conformance: the served document is valid OpenAPI 3.0 and keeps every seed operation;
 * every GET operation, called with many valid and invalid parameter combinations (fast-check),
 * answers a documented status, never a 5xx, and a body that validates against the document.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import fc from 'fast-check'
import { testDatabases } from './support/databases.js'
import { type SeededApi, seededApi } from './support/seeded-api.js'

type Json = Record<string, unknown>
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' ? (v as Json) : {})

interface Parameter {
  name: string
  in: 'query' | 'path'
  required?: boolean
  schema: Json
}

interface Operation {
  id: string
  path: string
  parameters: Parameter[]
  statuses: string[]
}

const readJson = (url: URL): Json => obj(JSON.parse(readFileSync(url, 'utf8')))
/** The seed contract, as the repository keeps it: the server serves it plus this project's fragments. */
const seed = readJson(new URL('../src/contract/openapi/seed.json', import.meta.url))

function operationsOf(doc: Json): Operation[] {
  const out: Operation[] = []
  for (const [path, item] of Object.entries(obj(doc.paths))) {
    const get = obj(obj(item).get)
    if (typeof get.operationId !== 'string') continue
    out.push({
      id: get.operationId,
      path,
      // The shared `$ref` parameters are the download options (format, bom, table): their
      // answers are files, checked by api-exports.test.ts, not JSON to validate here.
      parameters: (Array.isArray(get.parameters) ? get.parameters : []).filter(
        (p) => !('$ref' in obj(p)),
      ) as Parameter[],
      statuses: Object.keys(obj(get.responses)),
    })
  }
  return out
}

/** A JSON Pointer segment (`/` and `~` escaped). */
const pointer = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1')

/** One sample of a parameter value: valid for its schema, or deliberately invalid. */
function valueArbitrary(
  p: Parameter,
  known: readonly string[],
): fc.Arbitrary<{ value: string; valid: boolean }> {
  const s = p.schema
  const valid = (value: string) => ({ value, valid: true })
  const invalid = (value: string) => ({ value, valid: false })
  if (Array.isArray(s.enum)) {
    return fc.oneof(
      fc.constantFrom(...(s.enum as string[])).map(valid),
      fc.constantFrom('bogus', 'RECENT ', 'Followers').map(invalid),
    )
  }
  if (s.type === 'integer' || s.type === 'number') {
    const min =
      typeof s.minimum === 'number'
        ? s.minimum
        : typeof s.exclusiveMinimum === 'number'
          ? s.exclusiveMinimum + 1
          : 0
    const max = typeof s.maximum === 'number' ? s.maximum : 100_000_000
    return fc.oneof(
      fc.integer({ min, max: Math.min(max, min + 1_000_000) }).map((n) => valid(String(n))),
      fc.constantFrom('abc', '1.5x', '--1').map(invalid),
      ...(typeof s.maximum === 'number' ? [fc.constant(invalid(String(s.maximum + 1)))] : []),
      ...(typeof s.minimum === 'number' ? [fc.constant(invalid(String(s.minimum - 1)))] : []),
    )
  }
  if (s.type === 'boolean') {
    return fc.oneof(
      fc.constantFrom('true', 'false').map(valid),
      fc.constantFrom('yes', '2').map(invalid),
    )
  }
  // Strings: names the seeded data knows, and hostile text (quotes, wildcards, unicode, long).
  return fc.oneof(
    ...(known.length > 0 ? [fc.constantFrom(...known).map(valid)] : []),
    fc.string({ minLength: 1, maxLength: 40 }).map(valid),
    fc
      .constantFrom("o'neil", '%_\\', '#Fitness', '@tiktok', 'ünïcödé 🎵', 'x'.repeat(300))
      .map(valid),
  )
}

/** Names that exist in the seeded database, per parameter name, so that 200s are exercised too. */
async function knownValues(api: SeededApi): Promise<Record<string, string[]>> {
  const { db } = api.database
  const creators = await db
    .selectFrom('creators')
    .select('username')
    .where('username', 'is not', null)
    .limit(8)
    .execute()
  const videos = await db
    .selectFrom('videos')
    .select('id')
    .orderBy('plays', 'desc')
    .limit(5)
    .execute()
  const tags = await db
    .selectFrom('hashtags')
    .select('name')
    .orderBy('tracked_video_count', 'desc')
    .limit(5)
    .execute()
  const sounds = await db
    .selectFrom('sounds')
    .select('id')
    .orderBy('tracked_video_count', 'desc')
    .limit(5)
    .execute()
  const usernames = creators.map((c) => c.username ?? '')
  // A tag named like a fixed route ("trending", "search", "rising") is that route, not the tag.
  const tagNames = tags
    .map((t) => t.name)
    .filter((t) => t !== 'trending' && t !== 'search' && t !== 'rising')
  return {
    username: usernames,
    usernames: [
      usernames.slice(0, 2).join(','),
      usernames.slice(0, 5).join(','),
      usernames.slice(0, 1).join(','),
    ],
    creator: usernames,
    videoId: videos.map((v) => v.id),
    tag: tagNames,
    hashtag: tagNames,
    musicId: sounds.map((s) => s.id),
    niche: ['fitness', 'beauty', 'food', 'gym', 'nonexistentniche'],
    q: ['fitness', 'a', ...usernames.slice(0, 2)],
    region: ['US', 'gb', 'ZZ'],
    since: ['2026-11-01T00:00:00Z'],
    until: ['2026-11-30T00:00:00Z'],
  }
}

for (const target of testDatabases()) {
  describe(`API conformance on ${target.name}`, () => {
    let api: SeededApi
    let doc: Json
    let ajv: Ajv
    let known: Record<string, string[]>
    before(async () => {
      api = await seededApi(target)
      const res = await api.app.inject('/api/v1/openapi.json')
      assert.equal(res.statusCode, 200)
      doc = res.json()
      ajv = new Ajv({ strict: false, allErrors: true })
      addFormats.default(ajv)
      ajv.addSchema(doc, 'doc')
      known = await knownValues(api)
    })
    after(async () => {
      await api.close()
      await target.cleanup()
    })

    it('serves a valid OpenAPI 3.0 document', async () => {
      const result = await new Validator().validate(doc)
      assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1)?.slice(0, 2000))
      assert.match(String(doc.openapi), /^3\.0\./)
    })

    it('keeps the seed contract itself a valid OpenAPI 3.0 document', async () => {
      const result = await new Validator().validate(structuredClone(seed))
      assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1)?.slice(0, 2000))
    })

    it('keeps every operation, parameter and schema of the seed contract', () => {
      const served = new Map(operationsOf(doc).map((o) => [o.id, o]))
      for (const op of operationsOf(seed)) {
        const mine = served.get(op.id)
        assert.ok(mine, `operation ${op.id} is served`)
        assert.equal(mine.path, op.path)
        for (const p of op.parameters) {
          const q: Parameter | undefined = mine.parameters.find(
            (x) => x.name === p.name && x.in === p.in,
          )
          assert.ok(q, `${op.id} keeps parameter ${p.name}`)
          assert.equal(q.schema.type, p.schema.type, `${op.id}.${p.name} keeps its type`)
          // An enum may grow (sort=engagement_rate), never lose a value the seed accepts.
          if (Array.isArray(p.schema.enum)) {
            assert.ok(Array.isArray(q.schema.enum), `${op.id}.${p.name} keeps its enum`)
            for (const value of p.schema.enum) {
              assert.ok(q.schema.enum.includes(value), `${op.id}.${p.name} still accepts ${value}`)
            }
          } else {
            assert.equal(q.schema.enum, undefined, `${op.id}.${p.name} has no enum`)
          }
          if (p.schema.default !== undefined) assert.equal(q.schema.default, p.schema.default)
        }
        for (const status of op.statuses)
          assert.ok(mine.statuses.includes(status), `${op.id} documents ${status}`)
      }
      for (const name of Object.keys(obj(obj(seed.components).schemas))) {
        assert.ok(obj(obj(doc.components).schemas)[name], `schema ${name} is kept`)
      }
    })

    it('every GET operation documents the schema of every response it gives', () => {
      for (const op of operationsOf(doc)) {
        const responses = obj(obj(obj(obj(doc.paths)[op.path]).get).responses)
        for (const [status, r] of Object.entries(responses)) {
          const schema = obj(obj(obj(r).content)['application/json']).schema
          assert.ok(schema, `${op.id} ${status} has an application/json schema`)
        }
      }
    })

    it('answers every operation with documented, schema-valid responses for fuzzed parameters', async () => {
      const validators = new Map<string, ValidateFunction>()
      const validatorFor = (op: Operation, status: string) => {
        const key = `${op.id} ${status}`
        let v = validators.get(key)
        if (!v) {
          const ref = `doc#/paths/${pointer(op.path)}/get/responses/${status}/content/application~1json/schema`
          v = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref })
          validators.set(key, v)
        }
        return v
      }
      for (const op of operationsOf(doc)) {
        const arbitrary = fc.record(
          Object.fromEntries(
            op.parameters.map((p) => {
              const value = valueArbitrary(p, known[p.name] ?? [])
              return [
                p.name,
                p.required || p.in === 'path'
                  ? value.map((v) => v)
                  : fc.option(value, { nil: undefined }),
              ]
            }),
          ),
        )
        await fc.assert(
          fc.asyncProperty(arbitrary, async (values) => {
            let path = op.path
            const query = new URLSearchParams()
            let allValid = true
            for (const p of op.parameters) {
              const v = values[p.name] as { value: string; valid: boolean } | undefined
              if (v === undefined) continue
              allValid &&= v.valid
              if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(v.value))
              else query.append(p.name, v.value)
            }
            const url = `/api/v1${path}${query.size > 0 ? `?${query}` : ''}`
            const res = await api.app.inject({ method: 'GET', url })
            const status = String(res.statusCode)
            assert.ok(res.statusCode < 500, `${url} → ${status}: ${res.body.slice(0, 300)}`)
            assert.ok(
              op.statuses.includes(status),
              `${url} → undocumented ${status}: ${res.body.slice(0, 300)}`,
            )
            if (!allValid)
              assert.equal(status, '400', `${url} has an invalid value but gave ${status}`)
            const body: unknown = res.json()
            const validate = validatorFor(op, status)
            assert.ok(
              validate(body),
              `${url} → ${status} body does not match the document: ${ajv.errorsText(validate.errors)}`,
            )
            assert.equal(obj(obj(body).meta).request_id, res.headers['x-request-id'])
          }),
          { numRuns: 40, seed: 4242 },
        )
      }
    })
  })
}
