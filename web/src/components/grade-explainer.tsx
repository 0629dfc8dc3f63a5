/** The creator grade opened up: the four score parts, their weights, inputs and formulas (metrics.md §2.1). */
import {
  ENGAGEMENT_FULL_MARKS_MULTIPLE,
  GRADE_CUTOFFS,
  MIN_SAMPLE_FOR_GRADE,
  POSTS_PER_WEEK_FULL_MARKS,
  REACH_FULL_MARKS_RATIO,
  SCORE_WEIGHTS,
  TIER_ENGAGEMENT_BENCHMARK,
  VIRAL_RATIO_FULL_MARKS,
} from '../../../src/domain/metric-constants.js'
import type { Creator, ScoreParts } from '../api-types.js'
import { count, decimal, percent } from '../format.js'
import { GradeBadge } from './bits.js'
import { Unknown } from './unknown.js'

const round2 = (n: number) => Math.round(n * 100) / 100
/** A weight as whole points of 100 (0.15 × 100 is not exactly 15 in floating point). */
const points100 = (w: number) => Math.round(w * 100)

interface Part {
  key: keyof ScoreParts
  name: string
  formula: string
  input: string
}

function parts(c: Creator): Part[] {
  const m = c.metrics
  const benchmark = m.tier === null ? null : TIER_ENGAGEMENT_BENCHMARK[m.tier]
  const viewShare =
    c.followers === null || c.followers === 0 || m.avg_views === null
      ? null
      : round2((100 * m.avg_views) / c.followers)
  return [
    {
      key: 'engagement',
      name: 'Engagement',
      formula: `min(engagement rate ÷ tier benchmark, ${ENGAGEMENT_FULL_MARKS_MULTIPLE}) ÷ ${ENGAGEMENT_FULL_MARKS_MULTIPLE}`,
      input: `${percent(m.engagement_rate)} against ${benchmark === null ? '—' : `${benchmark} %`} for ${m.tier ?? '—'} creators (full marks at ${ENGAGEMENT_FULL_MARKS_MULTIPLE}× the benchmark)`,
    },
    {
      key: 'reach',
      name: 'Reach',
      formula: `min((average views ÷ followers) ÷ ${REACH_FULL_MARKS_RATIO}, 1)`,
      input: `${count(m.avg_views)} average views = ${viewShare === null ? '—' : `${viewShare} %`} of followers (full marks at ${REACH_FULL_MARKS_RATIO * 100} %)`,
    },
    {
      key: 'virality',
      name: 'Virality',
      formula: `min(viral ratio ÷ ${VIRAL_RATIO_FULL_MARKS}, 1)`,
      input: `${percent(m.viral_ratio)} of recent posts went viral (full marks at ${VIRAL_RATIO_FULL_MARKS} %)`,
    },
    {
      key: 'consistency',
      name: 'Consistency',
      formula: `min(posts a week ÷ ${POSTS_PER_WEEK_FULL_MARKS}, 1)`,
      input: `${decimal(m.posts_per_week)} posts a week (full marks at ${POSTS_PER_WEEK_FULL_MARKS})`,
    },
  ]
}

export function GradeExplainer({ creator }: { creator: Creator }) {
  const m = creator.metrics
  const cutoffs = `${GRADE_CUTOFFS.map((g) => `${g.grade} ≥ ${g.min}`).join(', ')}, else F`
  if (m.score === null || m.score_parts === null) {
    const n = m.sample_size
    const missing = parts(creator)
      .filter((p) => m.score_parts?.[p.key] === null || m.score_parts?.[p.key] === undefined)
      .map((p) => p.name.toLowerCase())
    return (
      <div class="grade-explainer">
        <p>
          <GradeBadge grade="N/A" /> Not graded:{' '}
          {n < MIN_SAMPLE_FOR_GRADE
            ? `the sample has ${n} recent post${n === 1 ? '' : 's'} with known views; a grade needs at least ${MIN_SAMPLE_FOR_GRADE}.`
            : `over the ${n} recent posts, ${missing.join(', ') || 'a part'} cannot be measured (no views known).`}
        </p>
      </div>
    )
  }
  const scoreParts = m.score_parts
  const w = SCORE_WEIGHTS
  const weights = `100 × (${w.engagement}·E + ${w.reach}·R + ${w.virality}·V + ${w.consistency}·C)`
  return (
    <div class="grade-explainer">
      <p class="summary">
        <GradeBadge grade={m.creator_score} /> Score <strong data-metric="score">{m.score}</strong>{' '}
        / 100 = {weights}, over the {m.sample_size} most recent posts (pinned ones left out).
        Grades: {cutoffs}.
      </p>
      <table class="data parts stack">
        <thead>
          <tr>
            <th>Part</th>
            <th class="num">Weight</th>
            <th class="num">Value</th>
            <th class="bar-col">Points</th>
            <th>From</th>
          </tr>
        </thead>
        <tbody>
          {parts(creator).map((p) => {
            const value = scoreParts[p.key]
            const weight = SCORE_WEIGHTS[p.key]
            if (value === null) {
              return (
                <tr key={p.key} data-part={p.key}>
                  <th scope="row">{p.name}</th>
                  <td class="num" data-label="Weight">
                    {points100(weight)} %
                  </td>
                  <td class="num" data-label="Value">
                    <Unknown sample={m.sample_size} />
                  </td>
                  <td class="bar-col" />
                  <td class="part-from">
                    <code>{p.formula}</code>
                    <div class="muted">{p.input}</div>
                  </td>
                </tr>
              )
            }
            const points = round2(100 * weight * value)
            return (
              <tr key={p.key} data-part={p.key}>
                <th scope="row">{p.name}</th>
                <td class="num" data-label="Weight">
                  {points100(weight)} %
                </td>
                <td class="num" data-label="Value">
                  {round2(value)}
                </td>
                <td class="bar-col">
                  <span class="bar" title={`${points} of ${points100(weight)} points`}>
                    <span class="bar-fill" style={{ width: `${Math.min(value, 1) * 100}%` }} />
                  </span>
                  <span class="bar-text">
                    {points} / {points100(weight)}
                  </span>
                </td>
                <td class="part-from">
                  <code>{p.formula}</code>
                  <div class="muted">{p.input}</div>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
