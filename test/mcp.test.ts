/**
 * The MCP server with the SDK's own client: the tools mirror the contract's read operations,
 * answer what the REST routes answer, refuse bad input with a tool error naming the parameter;
 * over stdio through the real `toklytics mcp` process and over HTTP at /mcp (API keys, limits).
 */
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js'
import type { Selectable } from 'kysely'
import { createApiKey } from '../src/admin/api-keys.js'
import { loadConfig } from '../src/config.js'
import { loadOpenApiDocument } from '../src/contract/openapi-document.js'
import type { CreatorTable } from '../src/db/schema.js'
import { OWNED_OPERATION_IDS } from '../src/operations/watchlist-operations.js'
import { WEBHOOK_OPERATION_IDS } from '../src/operations/webhook-operations.js'
import { createApp } from '../src/server/app.js'
import { testDatabases } from './support/databases.js'
import { inNicheOracle, wholeWords } from './support/niche-oracle.js'
import {
  API_NOW,
  API_NOW_MS,
  PUBLIC_BASE_URL,
  type SeededApi,
  seededApi,
} from './support/seeded-api.js'
import { seededMcpClient } from './support/seeded-mcp.js'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }
type Creator = Selectable<CreatorTable>

const CLI = new URL('../src/cli/main.ts', import.meta.url).pathname
const doc = loadOpenApiDocument()
const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** The contract's GET operations: `{operationId: {path, definition}}`, read apart from src/mcp. */
const GET_OPERATIONS = new Map<string, { path: string; definition: JsonObject }>()
/** The bulk lookups: reads over POST (`/…/lookup`), tools too, their body's fields as inputs. */
const LOOKUP_OPERATIONS = new Map<string, { path: string; definition: JsonObject }>()
for (const [path, item] of Object.entries(doc.paths as JsonObject)) {
  const get = isObject(item) ? item.get : undefined
  // An owner's watchlist reads are tools of their own (tested below); webhooks are not tools.
  if (
    isObject(get) &&
    typeof get.operationId === 'string' &&
    !OWNED_OPERATION_IDS.has(get.operationId) &&
    !WEBHOOK_OPERATION_IDS.has(get.operationId)
  ) {
    GET_OPERATIONS.set(get.operationId, { path, definition: get })
  }
  const post = isObject(item) ? item.post : undefined
  if (path.endsWith('/lookup') && isObject(post) && typeof post.operationId === 'string') {
    LOOKUP_OPERATIONS.set(post.operationId, { path, definition: post })
  }
}
const READ_TOOLS = [...GET_OPERATIONS.keys(), ...LOOKUP_OPERATIONS.keys()].sort()

interface SpecParameter {
  name: string
  in: string
  required?: boolean
  description?: string
  schema: JsonObject
}
/**
 * An operation's own parameters. The shared `$ref` ones are the download options (`format`,
 * `bom`, `table`: a file over HTTP), which a tool, answering JSON to a model, does not take.
 */
const parametersOf = (id: string): SpecParameter[] =>
  (
    (GET_OPERATIONS.get(id)?.definition.parameters ?? []) as unknown as (
      | SpecParameter
      | { $ref: string }
    )[]
  ).filter((p): p is SpecParameter => !('$ref' in p))

/** The REST URL of an operation for the same arguments a tool gets. */
function restUrl(id: string, args: Record<string, unknown>): string {
  const op = GET_OPERATIONS.get(id)
  assert.ok(op, id)
  const query = new URLSearchParams()
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String(args[name])),
  )
  for (const p of parametersOf(id)) {
    if (p.in === 'query' && args[p.name] !== undefined) query.set(p.name, String(args[p.name]))
  }
  const qs = query.toString()
  return `/api/v1${path}${qs === '' ? '' : `?${qs}`}`
}

/** A body without its request id (which differs per request by design). */
function withoutRequestId(body: unknown): unknown {
  const copy = structuredClone(body) as { meta?: { request_id?: string } }
  assert.equal(typeof copy.meta?.request_id, 'string')
  delete copy.meta?.request_id
  return copy
}

function text(result: CallToolResult, i = 0): string {
  const block = result.content[i]
  assert.ok(block && block.type === 'text', JSON.stringify(result.content).slice(0, 300))
  return block.text
}

/** The tests' own reading of the creator search for `q` (as in api-creators.test.ts). */
async function expectedSearch(s: SeededApi, q: string, minEngagement: number): Promise<Creator[]> {
  const db = s.database.db
  const creators = await db.selectFrom('creators').selectAll().execute()
  const videos = await db.selectFrom('videos').select(['id', 'creator_id']).execute()
  const tags = await db.selectFrom('video_hashtags').selectAll().execute()
  const creatorOf = new Map(videos.map((v) => [v.id, v.creator_id]))
  /** creator id → one hashtag per (video, hashtag) pair, for §4 membership by share. */
  const pairs = new Map<string, string[]>()
  for (const t of tags) {
    const c = creatorOf.get(t.video_id)
    if (c != null) pairs.set(c, [...(pairs.get(c) ?? []), t.hashtag])
  }
  const matches = (c: Creator) => {
    const terms = [
      (c.username ?? '').toLowerCase(),
      ...wholeWords(c.username),
      ...wholeWords(c.nickname),
      ...wholeWords(c.bio),
    ]
    const qWords = wholeWords(q)
    if (qWords.length > 0 && qWords.every((w) => terms.some((t) => t.startsWith(w)))) return true
    return inNicheOracle(c, pairs.get(c.id) ?? [], q)
  }
  return creators
    .filter(
      (c) =>
        c.username !== null &&
        c.engagement_rate !== null &&
        c.engagement_rate >= minEngagement &&
        matches(c),
    )
    .sort(
      (a, b) =>
        (a.followers === null ? 1 : 0) - (b.followers === null ? 1 : 0) ||
        (b.followers ?? 0) - (a.followers ?? 0) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
}

/** Checks the agent's question "top fitness creators with engagement above 5 %" against the DB. */
async function checkTopFitness(client: Client, s: SeededApi) {
  const result = (await client.callTool({
    name: 'searchTikTokCreators',
    arguments: { q: 'fitness', min_engagement_rate: 5 },
  })) as CallToolResult
  assert.notEqual(result.isError, true, text(result))
  const body = result.structuredContent as {
    data: { username: string; metrics: { engagement_rate: number } }[]
    pagination: { total: number }
  }
  const expected = await expectedSearch(s, 'fitness', 5)
  assert.ok(expected.length > 0, 'the seeded data has fit creators above 5 %')
  assert.deepEqual(
    body.data.map((c) => c.username),
    expected.slice(0, 20).map((c) => c.username),
  )
  assert.equal(body.pagination.total, expected.length)
  for (const c of body.data) assert.ok(c.metrics.engagement_rate >= 5)
  const summary = text(result)
  assert.match(summary, new RegExp(`Found ${expected.length} creators? matching 'fitness'`))
  assert.ok(summary.includes(`@${expected[0]?.username}`), summary)
}

for (const target of testDatabases()) {
  describe(`MCP (${target.name})`, () => {
    let s: SeededApi
    let client: Client
    let tools: Tool[]
    let base: string
    before(async () => {
      s = await seededApi(target)
      await s.app.listen({ port: 0, host: '127.0.0.1' })
      base = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`
      client = await seededMcpClient(s, 'mcp-test')
      tools = (await client.listTools()).tools
    })
    after(async () => {
      await client.close()
      await s.close()
      await target.cleanup()
    })

    const call = async (name: string, args: Record<string, unknown>) =>
      (await client.callTool({ name, arguments: args })) as CallToolResult
    const rest = async (url: string) => {
      const res = await s.app.inject({ method: 'GET', url })
      return { status: res.statusCode, body: res.json() as unknown }
    }

    it('lists one tool per read operation, described by the spec', () => {
      assert.deepEqual(tools.map((t) => t.name).sort(), READ_TOOLS)
      assert.equal(tools.length, 25)
      for (const tool of tools) {
        const { definition } =
          GET_OPERATIONS.get(tool.name) ??
          LOOKUP_OPERATIONS.get(tool.name) ??
          assert.fail(tool.name)
        assert.ok(tool.description?.startsWith(String(definition.summary).trim()), tool.name)
        assert.ok(tool.description?.includes(String(definition.description).trim()), tool.name)
        assert.equal(tool.annotations?.readOnlyHint, true)
      }
    })

    it('takes the same parameters, limits, enums and defaults as the REST operation', () => {
      for (const tool of tools) {
        if (LOOKUP_OPERATIONS.has(tool.name)) {
          // The body's one field: a list of 1 to 1,000 strings (the contract's LookupInput).
          assert.deepEqual(tool.inputSchema.required, ['items'], tool.name)
          const items = tool.inputSchema.properties?.items as JsonObject
          assert.equal(items.type, 'array')
          assert.equal(items.maxItems, 1000)
          assert.deepEqual(items.items, { type: 'string', minLength: 1, maxLength: 500 })
          continue
        }
        const schema = tool.inputSchema
        const params = parametersOf(tool.name).filter((p) => p.in !== 'header')
        assert.deepEqual(
          Object.keys(schema.properties ?? {}).sort(),
          params.map((p) => p.name).sort(),
        )
        const required = params.filter((p) => p.in === 'path' || p.required).map((p) => p.name)
        assert.deepEqual([...(schema.required ?? [])].sort(), required.sort(), tool.name)
        for (const p of params) {
          const got = schema.properties?.[p.name] as JsonObject
          const where = `${tool.name}.${p.name}`
          assert.equal(got.type, p.schema.type, where)
          for (const k of ['enum', 'default', 'minLength', 'maxLength']) {
            assert.deepEqual(got[k], p.schema[k], `${where} ${k}`)
          }
          // A bound the contract marks exclusive (OpenAPI 3.0's boolean flag) is listed as JSON
          // Schema's numeric exclusive bound, which is what a client validator reads.
          for (const [bound, flag] of [
            ['minimum', 'exclusiveMinimum'],
            ['maximum', 'exclusiveMaximum'],
          ] as const) {
            const exclusive = p.schema[flag] === true
            assert.deepEqual(got[exclusive ? flag : bound], p.schema[bound], `${where} ${bound}`)
            if (exclusive) assert.equal(got[bound], undefined, `${where} ${bound}`)
          }
          if (p.schema.pattern !== undefined) assert.equal(got.pattern, p.schema.pattern, where)
          if (p.schema.format !== undefined) assert.equal(got.format, p.schema.format, where)
          // What it means, then its rule in words (the schema's own description).
          const rule = (p.schema as JsonObject).description
          assert.equal(
            got.description,
            rule === undefined ? p.description : `${p.description} (${rule})`,
            where,
          )
        }
      }
    })

    it('answers every tool with the REST body, plus a summary and the JSON as text', async () => {
      const search = (await rest('/api/v1/creators/search?q=fitness&sort=videos')) as {
        body: { data: { username: string }[] }
      }
      const [u1, u2] = search.body.data.map((c) => c.username)
      assert.ok(u1 && u2)
      const videos = (await rest(`/api/v1/creators/${u1}/videos?sort=plays&limit=1`)).body as {
        data: { video_id: string; music_id: string }[]
      }
      const video = videos.data[0] ?? assert.fail('a video')
      const args: Record<string, Record<string, unknown>> = {
        searchTikTokCreators: { q: 'fitness', min_engagement_rate: 5, limit: 5 },
        getTikTokCreatorAnalytics: { username: u1 },
        getTikTokCreatorVideos: { username: u1, sort: 'plays', limit: 3 },
        getTikTokCreatorTopContent: { username: u1 },
        getTikTokCreatorHistory: { username: u1, since: '2026-11-01T00:00:00Z' },
        searchTikTokVideos: { hashtag: 'fyp', limit: 3 },
        getTrendingTikTokVideos: { period: '30d', limit: 3 },
        getTikTokVideoDetails: { videoId: video.video_id },
        getTikTokVideoHistory: { videoId: video.video_id },
        searchTikTokHashtags: { q: 'fit', sort: 'view_count' },
        getTrendingTikTokHashtags: { limit: 5 },
        getTikTokHashtagDetails: { tag: 'fyp' },
        searchTikTokSounds: { q: 'original', limit: 3 },
        getTrendingTikTokSounds: {},
        getTikTokSoundDetails: { musicId: video.music_id },
        getToklyticsStats: {},
        compareTikTokCreators: { usernames: `${u1},@${u2},nobody_here_at_all` },
        getTikTokNicheBenchmarks: { niche: 'fitness', min_followers: 0 },
        planTikTokInfluencerCampaign: { budget: 200000, niche: 'beauty' },
        getRisingTikTokHashtags: { period: '30d', limit: 5 },
        getRisingTikTokSounds: {},
        getRisingTikTokCreators: { region: 'us' },
        getTikTokCreatorRankings: { by: 'growth', niche: 'fitness', period: '30d' },
      }
      assert.deepEqual(Object.keys(args).sort(), [...GET_OPERATIONS.keys()].sort())
      // The lookups answer as POST does, item by item (found, not tracked, invalid).
      const ids = [video.video_id, '7000000000000000009', 'not a link']
      for (const [name, path, items] of [
        ['lookupVideos', '/api/v1/videos/lookup', ids],
        ['lookupCreators', '/api/v1/creators/lookup', [`@${u1}`, 'nobody_here_at_all', '@@']],
      ] as const) {
        const result = await call(name, { items })
        assert.notEqual(result.isError, true, `${name}: ${text(result)}`)
        const res = await s.app.inject({ method: 'POST', url: path, payload: { items } })
        assert.equal(res.statusCode, 200, res.body)
        assert.deepEqual(withoutRequestId(result.structuredContent), withoutRequestId(res.json()))
        const statuses = (res.json() as { data: { status: string }[] }).data.map((i) => i.status)
        assert.deepEqual(statuses, ['found', 'not_tracked', 'invalid'], name)
        assert.match(
          text(result, 0),
          /^Looked up 3 items: 1 (video|creator)s found, 1 not tracked, 1 invalid/,
        )
      }
      const tooMany = await call('lookupVideos', { items: Array(1001).fill('1') })
      assert.equal(tooMany.isError, true)
      assert.match(text(tooMany), /items/)
      for (const [name, a] of Object.entries(args)) {
        const result = await call(name, a)
        assert.notEqual(result.isError, true, `${name}: ${text(result)}`)
        const expected = await rest(restUrl(name, a))
        assert.equal(expected.status, 200, `${name}: ${JSON.stringify(expected.body)}`)
        assert.deepEqual(
          withoutRequestId(result.structuredContent),
          withoutRequestId(expected.body),
        )
        assert.equal(
          (result.structuredContent as { meta: { request_id: string } }).meta.request_id,
          'mcp-test',
        )
        assert.ok(text(result, 0).length > 10, name)
        assert.ok(!text(result, 0).includes('undefined'), `${name}: ${text(result, 0)}`)
        assert.deepEqual(JSON.parse(text(result, 1)), result.structuredContent, name)
      }
    })

    it('summarises the key answers in words an agent can quote', async () => {
      const analytics = await call('getTikTokCreatorAnalytics', { username: 'zg.520' })
      const c = (
        analytics.structuredContent as {
          data: { followers: number; metrics: { creator_score: string } }
        }
      ).data
      // The real creator is seen through its pinned video alone: nothing measured, said so.
      assert.match(
        text(analytics),
        /^@zg\.520 \(.+\): 427\.7K followers, not enough data for engagement, views or sponsorship /,
      )
      assert.equal(c.metrics.creator_score, 'N/A')
      assert.ok(text(analytics).includes('grade N/A'))
      assert.ok(!/\b0 %|\$0 - \$0/.test(text(analytics)), text(analytics))
      // A demo creator with a sample gets its figures.
      const measuredRow = await s.database.db
        .selectFrom('creators')
        .select('username')
        .where('sample_size', '>=', 3)
        .where('username', 'is not', null)
        .orderBy('id')
        .executeTakeFirstOrThrow()
      const demo = await call('getTikTokCreatorAnalytics', { username: measuredRow.username ?? '' })
      assert.match(
        text(demo),
        /engagement rate [\d.]+ % \(views-based, over \d+ recent videos?\), grade /,
      )

      const niche = await call('getTikTokNicheBenchmarks', { niche: 'fitness', min_followers: 0 })
      const report = (
        niche.structuredContent as {
          data: { creators_analyzed: number; engagement_rate: { median: number } }
        }
      ).data
      assert.ok(
        text(niche).startsWith(
          `Niche 'fitness' (${report.creators_analyzed} creators with ≥ 0 followers): median engagement rate ${report.engagement_rate.median} %`,
        ),
        text(niche),
      )

      const plan = await call('planTikTokInfluencerCampaign', { budget: 200000, niche: 'beauty' })
      const planned = (
        plan.structuredContent as {
          data: { totals: { creators: number }; explanation: { unallocated_reason: string | null } }
        }
      ).data
      // Money with cents; the reason for what is left, word for word as the API gives it.
      assert.match(
        text(plan),
        new RegExp(
          `^Campaign plan for \\$200,000\\.00 in 'beauty' \\(ER ≥ 3 %\\): ${planned.totals.creators} creators? for \\$[\\d,]+\\.\\d\\d,`,
        ),
      )
      assert.ok(planned.explanation.unallocated_reason)
      assert.ok(text(plan).includes(planned.explanation.unallocated_reason), text(plan))

      const trending = await call('getTrendingTikTokHashtags', { limit: 3 })
      assert.match(
        text(trending),
        /^Trending hashtags of the last 7 days: #\S+ \(\d+ new videos?, /,
      )
    })

    it('refuses invalid input with a tool error naming the parameter', async () => {
      const cases: [string, Record<string, unknown>, string][] = [
        ['searchTikTokCreators', { limit: 0 }, 'limit'],
        ['searchTikTokCreators', { limit: 51 }, 'limit'],
        ['searchTikTokCreators', { sort: 'bogus' }, 'sort'],
        ['searchTikTokCreators', { min_grade: 'Z' }, 'min_grade'],
        ['searchTikTokCreators', { q: 'fit\u0000ness' }, 'q'],
        ['getTikTokCreatorAnalytics', {}, 'username'],
        ['getTikTokCreatorHistory', { username: 'zg.520', since: 'yesterday' }, 'since'],
        ['planTikTokInfluencerCampaign', { niche: 'beauty' }, 'budget'],
        ['getTrendingTikTokVideos', { period: '1y' }, 'period'],
      ]
      for (const [name, a, param] of cases) {
        const result = await call(name, a)
        assert.equal(result.isError, true, `${name} ${JSON.stringify(a)}`)
        assert.ok(text(result).includes(`'${param}'`), `${name}: ${text(result)}`)
        const error = (result.structuredContent as { error?: { code?: string } }).error
        assert.equal(error?.code, 'invalid_request', name)
        // The same rules and words as the REST route (a missing path parameter has no URL).
        if (a.username === undefined && name === 'getTikTokCreatorAnalytics') continue
        const expected = await rest(restUrl(name, a))
        assert.equal(expected.status, 400, name)
        assert.equal(text(result), (expected.body as { error: { message: string } }).error.message)
      }
    })

    it('answers the REST 400 and 404 messages as tool errors, with the Error body', async () => {
      const cases: [string, Record<string, unknown>, number][] = [
        ['getTikTokCreatorAnalytics', { username: 'nobody_here_at_all' }, 404],
        ['getTikTokVideoDetails', { videoId: '123' }, 404],
        ['getTikTokHashtagDetails', { tag: '#no_such_tag_here' }, 404],
        ['searchTikTokCreators', { min_followers: 10, max_followers: 5 }, 400],
        ['compareTikTokCreators', { usernames: 'only_one' }, 400],
        ['planTikTokInfluencerCampaign', { budget: 0, niche: 'beauty' }, 400],
        ['getTikTokNicheBenchmarks', { niche: 'fitness', min_followers: 100000000 }, 404],
      ]
      for (const [name, a, status] of cases) {
        const result = await call(name, a)
        assert.equal(result.isError, true, name)
        const expected = await rest(restUrl(name, a))
        assert.equal(expected.status, status, name)
        const error = (expected.body as { error: { message: string } }).error
        assert.equal(text(result), error.message)
        assert.deepEqual(
          withoutRequestId(result.structuredContent),
          withoutRequestId(expected.body),
        )
      }
      const unknown = await call('getTikTokCreatorAnalytics', { username: '@nobody_here_at_all' })
      assert.equal(text(unknown), 'No creator @nobody_here_at_all is tracked yet.')
    })

    it('reads a blank optional parameter as not given, as ?q= is on REST', async () => {
      const blank = await call('searchTikTokCreators', { q: '', region: '', limit: 3 })
      const none = await rest('/api/v1/creators/search?q=&region=&limit=3')
      assert.deepEqual(withoutRequestId(blank.structuredContent), withoutRequestId(none.body))
    })

    it('runs as `toklytics mcp` over stdio and answers "top fitness creators above 5 % ER"', async () => {
      const stdio = new StdioClientTransport({
        command: process.execPath,
        args: ['--import', 'tsx', CLI, '--db', target.url(), 'mcp'],
        env: { ...process.env, LOG_LEVEL: 'info' } as Record<string, string>,
        stderr: 'pipe',
      })
      let stderr = ''
      stdio.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString()
      })
      const agent = new Client({ name: 'desktop-agent', version: '1.0.0' })
      try {
        await agent.connect(stdio)
        const listed = await agent.listTools()
        assert.equal(listed.tools.length, READ_TOOLS.length + OWNED_OPERATION_IDS.size)
        await checkTopFitness(agent, s)
        // A local session is the operator's: its watchlists belong to "operator".
        const made = (await agent.callTool({
          name: 'createWatchlist',
          arguments: { name: 'Desk', items: [{ kind: 'hashtag', ref: '#Fitness' }] },
        })) as CallToolResult
        assert.equal(made.isError, undefined, text(made))
        const list = made.structuredContent as {
          data: { owner: string; items: Array<{ ref: string }> }
        }
        assert.equal(list.data.owner, 'operator')
        assert.deepEqual(
          list.data.items.map((i) => i.ref),
          ['fitness'],
        )
        const bad = (await agent.callTool({
          name: 'searchTikTokCreators',
          arguments: { limit: 0 },
        })) as CallToolResult
        assert.equal(bad.isError, true)
        assert.ok(text(bad).includes('limit'))
      } catch (err) {
        throw new Error(`${err}; the server said: ${stderr}`)
      } finally {
        await agent.close()
      }
      // Logs went to stderr (stdout carried only the protocol, or the client would have failed).
      assert.match(stderr, /Toklytics MCP server on stdio/)
    })

    const connect = async (headers: Record<string, string> = {}) => {
      const client = new Client({ name: 'web-agent', version: '1.0.0' })
      await client.connect(
        new StreamableHTTPClientTransport(new URL('/mcp', base), { requestInit: { headers } }),
      )
      return client
    }

    it('serves the tools over streamable HTTP with the REST answers', async () => {
      const client = await connect()
      try {
        const listed = await client.listTools()
        assert.equal(listed.tools.length, READ_TOOLS.length + OWNED_OPERATION_IDS.size)
        const write = listed.tools.find((t) => t.name === 'addAlertRule')
        assert.equal(write?.annotations?.readOnlyHint, false)
        // Body fields are inputs, with the contract's rules.
        assert.deepEqual(write?.inputSchema.required, ['id', 'kind'])
        await checkTopFitness(client, s)
        // Without a key there is no owner: the tool says so.
        const anonymous = (await client.callTool({
          name: 'listWatchlists',
          arguments: {},
        })) as CallToolResult
        assert.equal(anonymous.isError, true)
        assert.match(text(anonymous), /X-Toklytics-Key/)
        const args = { niche: 'fitness', min_followers: 0 }
        const result = (await client.callTool({
          name: 'getTikTokNicheBenchmarks',
          arguments: args,
        })) as CallToolResult
        const expected = await s.app.inject({ url: restUrl('getTikTokNicheBenchmarks', args) })
        assert.deepEqual(
          withoutRequestId(result.structuredContent),
          withoutRequestId(expected.json()),
        )
      } finally {
        await client.close()
      }
    })

    it('refuses an invalid X-Toklytics-Key with 401 in the Error format', async () => {
      const res = await fetch(new URL('/mcp', base), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'x-toklytics-key': 'tok_not_a_real_key',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
      })
      assert.equal(res.status, 401)
      const body = (await res.json()) as { error: { code: string; message: string } }
      assert.equal(body.error.code, 'unauthorized')
      await assert.rejects(connect({ 'X-Toklytics-Key': 'tok_not_a_real_key' }))
    })

    it('accepts a valid key; GET and DELETE are 405 (stateless: no stream, no session)', async () => {
      const { key } = await createApiKey(s.database.db, {
        name: 'agent',
        tier: 'pro',
        now: API_NOW,
      })
      const client = await connect({ 'X-Toklytics-Key': key })
      try {
        assert.equal(
          (await client.listTools()).tools.length,
          READ_TOOLS.length + OWNED_OPERATION_IDS.size,
        )
        // The key owns what it makes, as over REST.
        const made = (await client.callTool({
          name: 'createWatchlist',
          arguments: { name: 'Agent list', items: [{ kind: 'creator', ref: '@Some.One' }] },
        })) as CallToolResult
        const id = (made.structuredContent as { data: { id: string } }).data.id
        const bad = (await client.callTool({
          name: 'addAlertRule',
          arguments: { id, kind: 'growth' },
        })) as CallToolResult
        assert.equal(bad.isError, true)
        assert.match(text(bad), /'percent'/)
        const viaRest = await s.app.inject({
          url: `/api/v1/watchlists/${id}`,
          headers: { 'x-toklytics-key': key },
        })
        assert.equal(viaRest.statusCode, 200)
        assert.equal(viaRest.json().data.items[0].ref, 'some.one')
      } finally {
        await client.close()
      }
      for (const method of ['GET', 'DELETE']) {
        const res = await fetch(new URL('/mcp', base), { method })
        assert.equal(res.status, 405)
        assert.equal(res.headers.get('allow'), 'POST')
      }
    })

    it('counts /mcp requests against the caller’s rate limit, with the RateLimit headers', async () => {
      const config = loadConfig({
        LOG_LEVEL: 'silent',
        PUBLIC_BASE_URL,
        TOKLYTICS_RATE_ANON: '2',
        TOKLYTICS_RESPONSE_CACHE_MB: '0',
      })
      const limited = await createApp({ config, database: s.database, now: () => API_NOW_MS })
      try {
        const post = () =>
          limited.inject({
            method: 'POST',
            url: '/mcp',
            // A remote caller: inject() connects from loopback, which has the local budget.
            remoteAddress: '203.0.113.50',
            headers: { accept: 'application/json, text/event-stream' },
            payload: { jsonrpc: '2.0', id: 1, method: 'ping' },
          })
        const first = await post()
        assert.equal(first.statusCode, 200, first.body)
        assert.equal(first.headers['ratelimit-limit'], '2')
        assert.equal(first.headers['ratelimit-remaining'], '1')
        assert.ok(first.headers['x-request-id'])
        assert.equal((await post()).statusCode, 200)
        const third = await post()
        assert.equal(third.statusCode, 429)
        assert.equal(third.json<{ error: { code: string } }>().error.code, 'rate_limited')
      } finally {
        await limited.close()
      }
    })
  })
}
