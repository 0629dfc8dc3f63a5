/** Campaign planner: budget, niche, minimum engagement and region → a roster, its totals and a CSV. */
import { useState } from 'preact/hooks'
import type { CampaignPlan, RosterCreator, Tier } from '../api-types.js'
import { CreatorLink, Empty, GradeBadge, Section, Stat, Stats } from '../components/bits.js'
import { Answer } from '../components/status.js'
import { toCsv } from '../csv.js'
import { downloadCsv } from '../download.js'
import { count, percent, usd } from '../format.js'
import { navigate, pageUrl } from '../router.js'
import { useApi } from '../use-api.js'
import { NICHES } from './niches.js'

/** The roster's tiers, biggest first (as the API lists its budget shares). */
const TIERS: readonly Tier[] = ['mega', 'macro', 'mid', 'micro', 'nano']

interface Row extends RosterCreator {
  tier: Tier
}

function rosterRows(plan: CampaignPlan): Row[] {
  return TIERS.flatMap((tier) => (plan.roster[tier]?.creators ?? []).map((c) => ({ ...c, tier })))
}

const CSV_HEADER = [
  'tier',
  'username',
  'display_name',
  'followers',
  'engagement_rate',
  'grade',
  'cost_usd',
  'estimated_reach',
  'estimated_engagements',
  'profile_url',
  'tiktok_url',
]

/** The roster as CSV text, one creator a row, in the order the table shows. */
export function rosterCsv(plan: CampaignPlan): string {
  return toCsv(
    CSV_HEADER,
    rosterRows(plan).map((r) => [
      r.tier,
      r.username,
      r.display_name,
      r.followers,
      r.engagement_rate,
      r.grade,
      r.cost,
      r.estimated_reach,
      r.estimated_engagements,
      r.profile_url,
      r.tiktok_url,
    ]),
  )
}

function Plan({ plan }: { plan: CampaignPlan }) {
  const rows = rosterRows(plan)
  const t = plan.totals
  const i = plan.inputs
  const filename = `toklytics-roster-${i.niche.replace(/[^\w-]+/g, '_')}-${i.budget}.csv`
  return (
    <>
      <Stats>
        <Stat label="Creators" value={count(t.creators)} metric="creators" />
        <Stat label="Cost" value={usd(t.cost)} metric="cost" detail={`of ${usd(i.budget)}`} />
        <Stat label="Estimated reach" value={count(t.reach)} metric="reach" />
        <Stat label="Estimated engagements" value={count(t.engagements)} metric="engagements" />
        <Stat label="CPM" value={usd(t.cpm)} detail="per 1,000 reached" />
        <Stat label="Cost per engagement" value={usd(t.cost_per_engagement)} />
        <Stat
          label="Media value"
          value={usd(t.estimated_media_value)}
          detail={t.roi === null ? undefined : `ROI ${t.roi}`}
        />
        <Stat label="Unallocated" value={usd(plan.unallocated)} metric="unallocated" />
      </Stats>
      <Section
        title="Roster"
        id="roster"
        aside={
          rows.length > 0 ? (
            <button
              type="button"
              id="download-csv"
              onClick={() => downloadCsv(filename, rosterCsv(plan))}
            >
              Download CSV
            </button>
          ) : null
        }
      >
        <p class="hint">
          {TIERS.filter((tier) => plan.roster[tier] !== undefined)
            .map((tier) => {
              const r = plan.roster[tier]
              return r
                ? `${tier}: ${percent(r.budget_share)} → ${usd(r.budget)} budget, ${usd(r.spent)} spent`
                : ''
            })
            .join(' · ')}
          . {count(plan.candidates_considered)} candidates considered.
        </p>
        {rows.length === 0 ? (
          <Empty>
            No creator fits: try a lower minimum engagement, another region or a larger budget.
          </Empty>
        ) : (
          <div class="table-wrap">
            <table class="data roster">
              <thead>
                <tr>
                  <th>Tier</th>
                  <th>Creator</th>
                  <th class="num">Followers</th>
                  <th class="num">Engagement</th>
                  <th>Grade</th>
                  <th class="num">Cost</th>
                  <th class="num">Est. reach</th>
                  <th class="num">Est. engagements</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.username} data-username={r.username}>
                    <td>{r.tier}</td>
                    <td>
                      <CreatorLink username={r.username} name={r.display_name} />
                    </td>
                    <td class="num">{count(r.followers)}</td>
                    <td class="num">{percent(r.engagement_rate)}</td>
                    <td>
                      <GradeBadge grade={r.grade} />
                    </td>
                    <td class="num">{usd(r.cost)}</td>
                    <td class="num">{count(r.estimated_reach)}</td>
                    <td class="num">{count(r.estimated_engagements)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </>
  )
}

export function PlannerPage({ query }: { query: URLSearchParams }) {
  const asked = {
    budget: query.get('budget') ?? '',
    niche: query.get('niche') ?? '',
    min_engagement_rate: query.get('min_engagement_rate') ?? '',
    region: query.get('region') ?? '',
  }
  const [form, setForm] = useState({
    ...asked,
    budget: asked.budget || '10000',
    min_engagement_rate: asked.min_engagement_rate || '3',
  })
  const ready = asked.budget !== '' && asked.niche !== ''
  const plan = useApi<CampaignPlan>(ready ? '/analytics/campaign-planner' : null, asked)
  const set = (field: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [field]: e.currentTarget.value })
  return (
    <>
      <h1>Campaign planner</h1>
      <form
        class="filters"
        id="planner-form"
        action="/planner"
        method="get"
        onSubmit={(e) => {
          e.preventDefault()
          navigate(pageUrl('/planner', form))
        }}
      >
        <label>
          Budget (USD)
          <input
            type="number"
            name="budget"
            min={0}
            step="any"
            required
            value={form.budget}
            onInput={set('budget')}
          />
        </label>
        <label class="wide">
          Niche
          <input
            name="niche"
            list="planner-niches"
            required
            placeholder="fitness, beauty, or any keyword"
            value={form.niche}
            onInput={set('niche')}
          />
          <datalist id="planner-niches">
            {NICHES.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </label>
        <label>
          Min engagement %
          <input
            type="number"
            name="min_engagement_rate"
            min={0}
            max={100}
            step="any"
            value={form.min_engagement_rate}
            onInput={set('min_engagement_rate')}
          />
        </label>
        <label>
          Region
          <input
            type="text"
            name="region"
            maxLength={8}
            placeholder="any (US, GB…)"
            value={form.region}
            onInput={set('region')}
          />
        </label>
        <div class="actions">
          <button type="submit">Plan campaign</button>
        </div>
      </form>
      {ready ? (
        <Answer api={plan} what="the plan">
          {(p) => <Plan plan={p} />}
        </Answer>
      ) : (
        <p class="hint">
          The planner splits the budget over macro (40 %), mid (35 %) and micro (25 %) creators of
          the niche and, tier by tier, takes those with the highest engagement rate (at least the
          minimum) whose cost, the middle of their sponsorship range, still fits.
        </p>
      )}
    </>
  )
}
