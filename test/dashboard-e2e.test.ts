/**
 * The dashboard end to end in Debian's Chromium: a real `toklytics serve` over a demo data set
 * (`toklytics demo --creators 200`), every page loaded without a console or page error, the
 * numbers on the pages equal to what the API answers, the search and planner forms, the roster
 * CSV, and a rate-limited visit; screenshots of the main pages go to test-output/ (docs/images/
 * with UPDATE_SCREENSHOTS=1).
 */
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { buildDashboard } from '../web/build.js'
import { type TestDatabase, testDatabases } from './support/databases.js'
import { alongside, type ServerProcess, startServer, toklytics } from './support/server-process.js'

/** Debian's chromium (`.ci/run` installs it); TOKLYTICS_CHROMIUM points elsewhere. */
const CHROMIUM = process.env.TOKLYTICS_CHROMIUM ?? '/usr/bin/chromium'
const missing = existsSync(CHROMIUM)
  ? null
  : `${CHROMIUM} is not installed (apt-get install -y chromium)`
// On a machine with only Node.js the test skips; CI (.ci/run) installs Chromium, so there it runs.
const skip = process.env.CI === 'true' ? null : missing
if (skip !== null) console.log(`dashboard end-to-end test skipped: ${skip}`)

// Every run writes its screenshots under test-output/; UPDATE_SCREENSHOTS=1 refreshes the README's.
const IMAGES = fileURLToPath(
  new URL(
    process.env.UPDATE_SCREENSHOTS === '1' ? '../docs/images/' : '../test-output/',
    import.meta.url,
  ),
)
const DEMO_CREATORS = '200'
const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

// --- What the API says (the expected values) ----------------------------------------------

interface Creator {
  username: string
  display_name: string | null
  followers: number
  profile_url: string
  metrics: {
    engagement_rate: number
    creator_score: string
    score: number | null
    score_parts: Record<'engagement' | 'reach' | 'virality' | 'consistency', number> | null
    avg_views: number
    posts_per_week: number
  }
}

interface VideoItem {
  video_id: string
  plays: number
  posted_at: string | null
}

interface RosterEntry {
  username: string
  cost: number
  followers: number
}

async function api<T>(server: ServerProcess, path: string): Promise<T> {
  const res = await fetch(`${server.url}/api/v1${path}`)
  assert.equal(res.status, 200, `GET ${path}: ${res.status}`)
  return ((await res.json()) as { data: T }).data
}

/** The number a rendered text shows: `1,158,538` → 1158538, `4.55 %` → 4.55, `$2,073` → 2073. */
function numberIn(text: string | null): number {
  const cleaned = (text ?? '').replace(/[^\d.-]/g, '')
  assert.ok(cleaned !== '', `no number in ${JSON.stringify(text)}`)
  return Number(cleaned)
}

/** RFC 4180 rows (quoted fields, doubled quotes, CRLF), as a spreadsheet reads them. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += ch
  }
  if (field !== '' || row.length > 0) rows.push([...row, field])
  return rows
}

// --- The browser side ------------------------------------------------------------------------

interface Visit {
  page: Page
  /** Console errors, page errors, failed requests and 4xx/5xx answers seen so far. */
  problems: string[]
}

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle')
  // A string: the test's own code has no DOM types, the page's has.
  await page.waitForFunction(`document.querySelector('[aria-busy="true"]') === null`)
}

/** Opens `url` in a new tab, records everything that goes wrong, waits for `ready` and quiet. */
async function visit(context: BrowserContext, url: string, ready: string): Promise<Visit> {
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`))
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`)
  })
  await page.goto(url)
  await page.waitForSelector(ready)
  await settled(page)
  return { page, problems }
}

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().textContent()) ?? ''
}

async function cleanly(v: Visit, screenshot?: string): Promise<void> {
  if (screenshot !== undefined) {
    await v.page.screenshot({ path: `${IMAGES}dashboard-${screenshot}.png` })
  }
  await v.page.close()
  assert.deepEqual(v.problems, [], 'the page loads without errors')
}

// --- The suite ------------------------------------------------------------------------------

function suite(target: TestDatabase, screenshots: boolean) {
  describe(`dashboard in Chromium (${target.name})`, { skip: skip ?? false }, () => {
    let server: ServerProcess
    let limited: ServerProcess
    let browser: Browser
    let context: BrowserContext
    let known: Creator
    const shot = (name: string) => (screenshots ? name : undefined)

    before(async () => {
      const database = await target.open()
      await database.close()
      const url = target.url()
      await alongside(
        toklytics(url, 'demo', '--creators', DEMO_CREATORS, '--seed', '42'),
        buildDashboard(),
      )
      ;[server, limited, browser] = await alongside(
        startServer(url, { TOKLYTICS_RATE_LIMIT: 'off', LOG_LEVEL: 'warn' }),
        // A budget smaller than one creator page's three API requests.
        startServer(url, { TOKLYTICS_RATE_ANON: '2', LOG_LEVEL: 'warn' }),
        chromium.launch({ executablePath: CHROMIUM, headless: true, args: BROWSER_ARGS }),
      )
      context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        deviceScaleFactor: 1,
        acceptDownloads: true,
        locale: 'en-US',
        timezoneId: 'UTC',
      })
      // "Who are the top fitness creators with engagement above 5 %?": the first answer.
      const top = await api<Creator[]>(server, '/creators/search?q=fitness&min_engagement_rate=5')
      assert.ok(top.length > 0, 'the demo data has fitness creators above 5 %')
      known = top[0] as Creator
    })

    after(async () => {
      await browser?.close()
      await server?.stop()
      await limited?.stop()
      await target.cleanup()
    })

    it('serves the home page with the platform stats and what is trending', async () => {
      const [stats, trending] = await Promise.all([
        api<{ total_creators: number; total_videos: number }>(server, '/analytics/platform-stats'),
        api<VideoItem[]>(server, '/videos/trending?period=7d&limit=10'),
      ])
      const v = await visit(context, `${server.url}/`, '[data-metric="total_creators"]')
      assert.equal(
        numberIn(await text(v.page, '[data-metric="total_creators"] .stat-value')),
        stats.total_creators,
      )
      assert.equal(
        numberIn(await text(v.page, '[data-metric="total_videos"] .stat-value')),
        stats.total_videos,
      )
      const rows = await v.page
        .locator('#trending-videos tr[data-video-id]')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-video-id')))
      assert.deepEqual(
        rows,
        trending.map((t) => t.video_id),
      )
      await cleanly(v)
    })

    it("shows a creator at the API's profile_url with the API's numbers and the grade explained", async () => {
      const path = `/creators/${encodeURIComponent(known.username)}`
      const [c, history] = await Promise.all([
        api<Creator>(server, path),
        api<{ snapshots: unknown[] }>(server, `${path}/history`),
      ])
      // Every tracked video of the creator (demo creators have at most 60), page by page.
      const all: VideoItem[] = []
      for (let n = 1; ; n++) {
        const page = await api<VideoItem[]>(server, `${path}/videos?sort=recent&limit=50&page=${n}`)
        all.push(...page)
        if (page.length < 50) break
      }
      assert.equal(c.profile_url, `${server.url}${path}`)
      const v = await visit(context, c.profile_url, '[data-metric="followers"]')
      const { page } = v
      await page.waitForSelector('.heatmap')
      assert.equal(numberIn(await text(page, '[data-metric="followers"] .stat-value')), c.followers)
      assert.equal(
        numberIn(await text(page, '[data-metric="engagement_rate"] .stat-value')),
        c.metrics.engagement_rate,
      )
      assert.equal(
        numberIn(await text(page, '[data-metric="avg_views"] .stat-value')),
        c.metrics.avg_views,
      )
      assert.equal(
        numberIn(await text(page, '[data-metric="posts_per_week"] .stat-value')),
        c.metrics.posts_per_week,
      )
      assert.equal(
        (await text(page, '[data-metric="grade"] .grade')).trim(),
        c.metrics.creator_score,
      )
      assert.equal(numberIn(await text(page, '[data-metric="score"]')), c.metrics.score)
      // The four parts of the grade, each with the API's value.
      const parts = c.metrics.score_parts
      assert.ok(parts !== null, 'the known creator is graded')
      for (const [part, value] of Object.entries(parts)) {
        const shown = await text(page, `tr[data-part="${part}"] td:nth-of-type(2)`)
        assert.equal(numberIn(shown), Math.round(value * 100) / 100, part)
      }
      // Follower and view charts are drawn from the snapshots.
      if (history.snapshots.length >= 2) {
        assert.equal(await page.locator('#followers-chart canvas').count(), 1)
        assert.equal(await page.locator('#views-chart canvas').count(), 1)
      }
      // The heat map places every tracked post in its UTC weekday and hour.
      const expected = new Map<string, number>()
      for (const video of all) {
        if (video.posted_at === null) continue
        const d = new Date(video.posted_at)
        const key = `${(d.getUTCDay() + 6) % 7}:${d.getUTCHours()}`
        expected.set(key, (expected.get(key) ?? 0) + 1)
      }
      const cells = await page.locator('.heatmap tbody tr').evaluateAll((rows) =>
        rows.flatMap((row, day) =>
          [...row.querySelectorAll('.hm-cell')].map((cell, hour) => ({
            key: `${day}:${hour}`,
            posts: Number(/: (\d+) posts?$/.exec(cell.getAttribute('title') ?? '')?.[1]),
          })),
        ),
      )
      assert.equal(cells.length, 7 * 24)
      for (const cell of cells) assert.equal(cell.posts, expected.get(cell.key) ?? 0, cell.key)
      assert.ok((await page.locator('#recent-videos tr[data-video-id]').count()) > 0)
      assert.ok((await page.locator('#top-videos tr[data-video-id]').count()) > 0)
      assert.ok((await page.locator('#hashtags a[href^="/hashtags/"]').count()) > 0)
      await cleanly(v, shot('creator'))
    })

    it('answers "top fitness creators with engagement above 5 %" through the search form', async () => {
      const expected = await api<Creator[]>(
        server,
        '/creators/search?q=fitness&min_engagement_rate=5',
      )
      const v = await visit(context, `${server.url}/search`, 'form.filters')
      const { page } = v
      await page.fill('input[name="q"]', 'fitness')
      await page.fill('input[name="min_engagement_rate"]', '5')
      await page.click('form.filters button[type="submit"]')
      await page.waitForURL(/\/search\?q=fitness&min_engagement_rate=5$/)
      await page.waitForSelector('#results tr[data-username]')
      await settled(page)
      const rows = await page.locator('#results tr[data-username]').evaluateAll((trs) =>
        trs.map((tr) => ({
          username: tr.getAttribute('data-username'),
          engagement: tr.querySelectorAll('td')[4]?.textContent ?? '',
        })),
      )
      assert.deepEqual(
        rows.map((r) => r.username),
        expected.map((c) => c.username),
      )
      for (const r of rows) assert.ok(numberIn(r.engagement) >= 5, `${r.username}: ${r.engagement}`)
      await cleanly(v, shot('search'))
    })

    it('moves between pages without reloading (links are client-side navigation)', async () => {
      const v = await visit(
        context,
        `${server.url}/search?q=fitness&min_engagement_rate=5`,
        '#results tr[data-username]',
      )
      const { page } = v
      await page.evaluate('window.stayed = true')
      await page.click(`#results tr[data-username="${known.username}"] a.creator-link`)
      await page.waitForURL(`**/creators/${encodeURIComponent(known.username)}`)
      await page.waitForSelector('[data-metric="followers"]')
      await settled(page)
      assert.equal(await page.evaluate('window.stayed'), true, 'the page was not reloaded')
      await page.goBack()
      await page.waitForSelector('#results tr[data-username]')
      assert.match(page.url(), /\/search\?q=fitness&min_engagement_rate=5$/)
      await cleanly(v)
    })

    it('plans a campaign from the form: the roster, its totals and its CSV', async () => {
      const plan = await api<{
        roster: Record<string, { creators: RosterEntry[] } | undefined>
        totals: { creators: number; cost: number }
      }>(server, '/analytics/campaign-planner?budget=20000&niche=fitness&min_engagement_rate=3')
      const roster = ['macro', 'mid', 'micro'].flatMap((t) => plan.roster[t]?.creators ?? [])
      assert.ok(roster.length > 0, 'the demo data gives a fitness roster')
      const v = await visit(context, `${server.url}/planner`, '#planner-form')
      const { page } = v
      await page.fill('input[name="budget"]', '20000')
      await page.fill('input[name="niche"]', 'fitness')
      await page.fill('input[name="min_engagement_rate"]', '3')
      await page.click('#planner-form button[type="submit"]')
      await page.waitForSelector('table.roster tr[data-username]')
      await settled(page)
      const rows = await page.locator('table.roster tr[data-username]').evaluateAll((trs) =>
        trs.map((tr) => ({
          username: tr.getAttribute('data-username'),
          cost: tr.querySelectorAll('td')[5]?.textContent ?? '',
        })),
      )
      assert.deepEqual(
        rows.map((r) => r.username),
        roster.map((r) => r.username),
      )
      assert.deepEqual(
        rows.map((r) => numberIn(r.cost)),
        roster.map((r) => r.cost),
      )
      assert.equal(
        numberIn(await text(page, '[data-metric="creators"] .stat-value')),
        plan.totals.creators,
      )
      assert.equal(numberIn(await text(page, '[data-metric="cost"] .stat-value')), plan.totals.cost)

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#download-csv'),
      ])
      assert.match(download.suggestedFilename(), /^toklytics-roster-fitness-20000\.csv$/)
      const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '')
      const [header, ...lines] = parseCsv(csv)
      assert.deepEqual(header?.slice(0, 7), [
        'tier',
        'username',
        'display_name',
        'followers',
        'engagement_rate',
        'grade',
        'cost_usd',
      ])
      assert.deepEqual(
        lines.map((l) => l[1]),
        roster.map((r) => r.username),
      )
      assert.deepEqual(
        lines.map((l) => Number(l[6])),
        roster.map((r) => r.cost),
      )
      assert.deepEqual(
        lines.map((l) => Number(l[3])),
        roster.map((r) => r.followers),
      )
      await cleanly(v, shot('planner'))
    })

    it('shows the niche benchmark', async () => {
      const report = await api<{ creators_analyzed: number; top_creators: Creator[] }>(
        server,
        '/analytics/niche-report?niche=fitness',
      )
      const v = await visit(
        context,
        `${server.url}/niches?niche=fitness`,
        '[data-metric="creators"]',
      )
      assert.equal(
        numberIn(await text(v.page, '[data-metric="creators"] .stat-value')),
        report.creators_analyzed,
      )
      const rows = await v.page
        .locator('#top-creators tr[data-username]')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-username')))
      assert.deepEqual(
        rows,
        report.top_creators.map((c) => c.username),
      )
      await cleanly(v)
    })

    it('compares creators side by side, the leader of each metric marked', async () => {
      const names = (
        await api<Creator[]>(server, '/creators/search?q=fitness&min_engagement_rate=5&limit=3')
      ).map((c) => c.username)
      const cmp = await api<{ leaders: Record<string, { usernames: string[] }> }>(
        server,
        `/analytics/creator-comparison?usernames=${names.join(',')}`,
      )
      const v = await visit(
        context,
        `${server.url}/compare?usernames=${names.join(',')}`,
        'table.comparison',
      )
      const heads = await v.page
        .locator('table.comparison th[data-username]')
        .evaluateAll((ths) => ths.map((th) => th.getAttribute('data-username')))
      assert.deepEqual(heads, names)
      const followersRow = v.page
        .locator('table.comparison tbody tr')
        .filter({ has: v.page.locator('th', { hasText: /^Followers$/ }) })
      const leaders = await followersRow
        .locator('td')
        .evaluateAll((tds) => tds.map((td) => td.classList.contains('leader')))
      assert.deepEqual(
        leaders,
        names.map((n) => cmp.leaders.followers?.usernames.includes(n) ?? false),
      )
      await cleanly(v)
    })

    it('shows a video with its history, a hashtag and a sound', async () => {
      const top = await api<{ top_by_views: VideoItem[] }>(
        server,
        `/creators/${encodeURIComponent(known.username)}/top-content`,
      )
      const video = top.top_by_views[0]
      assert.ok(video !== undefined)
      const details = await api<{ plays: number; history: unknown[] }>(
        server,
        `/videos/${video.video_id}`,
      )
      const v = await visit(
        context,
        `${server.url}/videos/${video.video_id}`,
        '[data-metric="plays"]',
      )
      assert.equal(numberIn(await text(v.page, '[data-metric="plays"] .stat-value')), details.plays)
      if (details.history.length >= 2) {
        assert.equal(await v.page.locator('#history canvas').count(), 1)
      }
      await cleanly(v)

      const tag = await api<{ top_videos: VideoItem[] }>(server, '/hashtags/fitness')
      const h = await visit(context, `${server.url}/hashtags/fitness`, '#top-videos')
      assert.match(await text(h.page, 'h1'), /#fitness/)
      const tagRows = await h.page
        .locator('#top-videos tr[data-video-id]')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-video-id')))
      assert.deepEqual(
        tagRows,
        tag.top_videos.map((t) => t.video_id),
      )
      await cleanly(h)

      const [sound] = await api<Array<{ id: string; title: string }>>(
        server,
        '/sounds/trending?limit=1',
      )
      assert.ok(sound !== undefined)
      const s = await visit(
        context,
        `${server.url}/sounds/${sound.id}`,
        '[data-metric="user_count"]',
      )
      assert.equal((await text(s.page, 'h1')).includes(sound.title), true)
      await cleanly(s)
    })

    it('says so when a creator is not tracked', async () => {
      const v = await visit(context, `${server.url}/creators/nobody_tracked_here`, '.not-found')
      assert.match(await text(v.page, '.not-found'), /nobody_tracked_here/)
      await v.page.close()
      // The page's own requests are 404s (the browser logs those); nothing else may go wrong.
      const other = v.problems.filter(
        (p) => !/^404 /.test(p) && !/status of 404/.test(p) && p !== '',
      )
      assert.deepEqual(other, [])
    })

    it('shows a rate limit as a message with the wait and a place for an API key', async () => {
      const v = await visit(
        context,
        `${limited.url}/creators/${encodeURIComponent(known.username)}`,
        '.rate-limited',
      )
      const message = await text(v.page, '.rate-limited')
      assert.match(message, /Too many requests/)
      assert.match(message, /Trying again in \d+ s/)
      assert.ok(await v.page.locator('.rate-limited input[type="password"]').count(), 'key form')
      await v.page.close()
      const other = v.problems.filter((p) => !/^429 /.test(p) && !/status of 429/.test(p))
      assert.deepEqual(other, [])
    })
  })
}

for (const [i, target] of testDatabases().entries()) suite(target, i === 0)
