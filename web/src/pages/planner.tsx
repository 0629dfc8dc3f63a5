/** Campaign planner: budget, niche, minimum engagement and region → a roster, its totals and a CSV. */
import { useState } from 'preact/hooks'
import { CAMPAIGN_MIN_FOLLOWERS } from '../../../src/domain/metric-constants.js'
import type { Params } from '../api.js'
import type { CampaignExplanation, CampaignPlan, RosterCreator } from '../api-types.js'
import { CreatorLink, Empty, GradeBadge, Section, Stat, Stats } from '../components/bits.js'
import { ExportLinks } from '../components/export-links.js'
import { Answer } from '../components/status.js'
import { Fixed, toCsv } from '../csv.js'
import { downloadCsv } from '../download.js'
import { count, percent, usd } from '../format.js'
import { navigate, pageUrl } from '../router.js'
import { useApi } from '../use-api.js'
import { NICHES } from './niches.js'

interface Row extends RosterCreator {
  /** The budget group the creator was planned in: its key and its label. */
  group: string
  groupLabel: string
}

/** Roster rows group by group, in the API's order (macro, mid, micro). */
function rosterRows(plan: CampaignPlan): Row[] {
  return Object.entries(plan.roster).flatMap(([group, r]) =>
    (r?.creators ?? []).map((c) => ({ ...c, group, groupLabel: r?.label ?? group })),
  )
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
  'budget_group',
]

/** The roster as CSV text, one creator a row, in the order the table shows; money in cents. */
export function rosterCsv(plan: CampaignPlan): string {
  return toCsv(
    CSV_HEADER,
    rosterRows(plan).map((r) => [
      r.tier ?? r.group,
      r.username,
      r.display_name,
      r.followers,
      r.engagement_rate,
      r.grade,
      new Fixed(r.cost, 2),
      r.estimated_reach,
      r.estimated_engagements,
      r.profile_url,
      r.tiktok_url,
      r.groupLabel,
    ]),
  )
}

/** Who the plan could choose from: niche members, who qualified, who was left out and why. */
function qualifiedText(e: CampaignExplanation, plan: CampaignPlan): string {
  const min = `${plan.inputs.min_engagement_rate} %`
  const out = [
    [e.excluded.not_graded, 'not graded (fewer than 3 sample videos)'],
    [e.excluded.below_min_engagement_rate, `below ${min} engagement`],
    [e.excluded.below_min_followers, `below ${count(CAMPAIGN_MIN_FOLLOWERS)} followers`],
    [e.excluded.other_region, `outside region ${plan.inputs.region ?? ''}`],
  ] as const
  const left = out.filter(([n]) => n > 0).map(([n, why]) => `${count(n)} ${why}`)
  return (
    `Of ${count(e.niche_members)} creators in ${plan.inputs.niche}, ${count(e.qualified)} qualify` +
    `${left.length === 0 ? '' : `; left out: ${left.join(', ')}`}. ` +
    `All qualified together cost ${usd(e.qualified_cost)}.`
  )
}

const PLANNER_PATH = '/analytics/campaign-planner'

function Plan({ plan, asked }: { plan: CampaignPlan; asked: Params }) {
  const rows = rosterRows(plan)
  const t = plan.totals
  const i = plan.inputs
  // Optional: a server before the planner's explanation has neither field.
  const explanation = plan.explanation
  const reason = explanation?.unallocated_reason ?? null
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
        <Stat
          label="Unallocated"
          value={usd(plan.unallocated)}
          metric="unallocated"
          // The reason reads next to the amount, on a row of its own (it is a sentence or two).
          wide={reason !== null}
          detail={reason ?? undefined}
        />
      </Stats>
      <Section
        title="Roster"
        id="roster"
        aside={
          rows.length > 0 ? (
            <>
              {/* Kept beside the API's export (every field, a budget_tier column): the roster
                  as the table shows it, money with cents, for a spreadsheet. */}
              <button
                type="button"
                id="download-csv"
                title="The roster as shown, money with cents"
                onClick={() => downloadCsv(filename, rosterCsv(plan))}
              >
                Download CSV
              </button>
              <ExportLinks path={PLANNER_PATH} params={asked} table="roster" what="roster rows" />
            </>
          ) : null
        }
      >
        <p class="hint" id="qualified">
          {explanation === undefined
            ? `${count(plan.candidates_considered)} candidates considered.`
            : qualifiedText(explanation, plan)}
        </p>
        {rows.length === 0 ? (
          <Empty>
            No creator fits: try a lower minimum engagement, another region or a larger budget.
          </Empty>
        ) : (
          <div class="table-wrap">
            <table class="data roster stack">
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
              {Object.entries(plan.roster).map(([group, r]) =>
                r === undefined || r.creators.length === 0 ? null : (
                  <tbody key={group} data-group={group}>
                    <tr class="group-row">
                      <th colSpan={8} scope="colgroup">
                        {r.label ?? group}: {percent(r.budget_share)} → {usd(r.budget)} budget,{' '}
                        {usd(r.spent)} spent
                      </th>
                    </tr>
                    {rows
                      .filter((row) => row.group === group)
                      .map((row) => (
                        <tr key={row.username} data-username={row.username}>
                          <td data-label="Tier">{row.tier ?? row.group}</td>
                          <td class="stack-lead stack-name">
                            <CreatorLink username={row.username} name={row.display_name} />
                          </td>
                          <td class="num" data-label="Followers">
                            {count(row.followers)}
                          </td>
                          <td class="num" data-label="Engagement">
                            {percent(row.engagement_rate)}
                          </td>
                          <td class="stack-lead stack-end" data-label="Grade">
                            <GradeBadge grade={row.grade} />
                          </td>
                          <td class="num" data-label="Cost">
                            {usd(row.cost)}
                          </td>
                          <td class="num" data-label="Est. reach">
                            {count(row.estimated_reach)}
                          </td>
                          <td class="num" data-label="Est. engagements">
                            {count(row.estimated_engagements)}
                          </td>
                        </tr>
                      ))}
                  </tbody>
                ),
              )}
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
  const plan = useApi<CampaignPlan>(ready ? PLANNER_PATH : null, asked)
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
          {(p) => <Plan plan={p} asked={asked} />}
        </Answer>
      ) : (
        <p class="hint">
          The planner splits the budget over macro (incl. mega, 40 %), mid (35 %) and micro (25 %)
          creators of the niche and, tier by tier, takes those with the highest engagement rate (at
          least the minimum) whose cost, the middle of their sponsorship range, still fits. It says
          why any budget is left unallocated.
        </p>
      )}
    </>
  )
}
