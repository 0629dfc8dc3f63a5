/** Creator search with the API's filters; the filters live in the URL, so every result is linkable. */
import { useState } from 'preact/hooks'
import type { Creator } from '../api-types.js'
import { Section } from '../components/bits.js'
import { CreatorTable } from '../components/creator-table.js'
import { ExportLinks } from '../components/export-links.js'
import { Pager } from '../components/pager.js'
import { Answer } from '../components/status.js'
import { navigate, pageUrl } from '../router.js'
import { useApi } from '../use-api.js'

/** The filters of GET /creators/search, named as the API names them. */
const FIELDS = [
  'q',
  'min_followers',
  'max_followers',
  'min_engagement_rate',
  'min_grade',
  'verified',
  'region',
  'sort',
  'order',
  'limit',
] as const
type Field = (typeof FIELDS)[number]
type Filters = Record<Field, string>

const GRADES = ['A+', 'A', 'B', 'C', 'D', 'F'] as const
const SORTS = [
  ['followers', 'Followers'],
  ['likes', 'Total likes'],
  ['videos', 'Video count'],
  ['recent', 'Newest post'],
] as const
const PAGE_SIZES = ['20', '50'] as const
/** Most creators the compare page takes. */
const COMPARE_MAX = 10

function filtersOf(query: URLSearchParams): Filters {
  return Object.fromEntries(FIELDS.map((f) => [f, query.get(f) ?? ''])) as Filters
}

function CompareBar({ chosen, clear }: { chosen: ReadonlySet<string>; clear: () => void }) {
  if (chosen.size === 0) return null
  const names = [...chosen]
  return (
    <div class="compare-bar">
      <span>
        {names.length} selected{names.length < 2 ? ' (pick at least 2)' : ''}
        {names.length > COMPARE_MAX ? ` (at most ${COMPARE_MAX})` : ''}
      </span>
      {names.length >= 2 && names.length <= COMPARE_MAX ? (
        <a class="button" href={pageUrl('/compare', { usernames: names.join(',') })}>
          Compare
        </a>
      ) : null}
      <button type="button" class="link" onClick={clear}>
        Clear
      </button>
    </div>
  )
}

const SEARCH_PATH = '/creators/search'

export function SearchPage({ query }: { query: URLSearchParams }) {
  const applied = filtersOf(query)
  const page = query.get('page') ?? '1'
  const [form, setForm] = useState<Filters>(applied)
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  // The table's request; its download asks the same (the export walks every page itself).
  const asked = { ...applied, limit: applied.limit === '' ? 20 : applied.limit, page }
  const results = useApi<Creator[]>(SEARCH_PATH, asked)

  const set = (field: Field) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [field]: e.currentTarget.value })
  const toggle = (username: string) => {
    const next = new Set(chosen)
    if (!next.delete(username)) next.add(username)
    setChosen(next)
  }

  return (
    <>
      <h1>Creators</h1>
      <form
        class="filters"
        action="/search"
        method="get"
        onSubmit={(e) => {
          e.preventDefault()
          navigate(pageUrl('/search', form))
        }}
      >
        <label class="wide">
          Search
          <input
            type="search"
            name="q"
            value={form.q}
            onInput={set('q')}
            placeholder="name, bio word or niche (fitness, #gymtok)"
          />
        </label>
        <label>
          Min followers
          <input
            type="number"
            name="min_followers"
            min={0}
            step={1}
            value={form.min_followers}
            onInput={set('min_followers')}
          />
        </label>
        <label>
          Max followers
          <input
            type="number"
            name="max_followers"
            min={0}
            step={1}
            value={form.max_followers}
            onInput={set('max_followers')}
          />
        </label>
        <label>
          Min engagement %
          <input
            type="number"
            name="min_engagement_rate"
            min={0}
            step="any"
            value={form.min_engagement_rate}
            onInput={set('min_engagement_rate')}
          />
        </label>
        <label>
          Min grade
          <select name="min_grade" value={form.min_grade} onChange={set('min_grade')}>
            <option value="">any</option>
            {GRADES.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <label>
          Region
          <input
            type="text"
            name="region"
            maxLength={8}
            placeholder="US, GB…"
            value={form.region}
            onInput={set('region')}
          />
        </label>
        <label>
          Verified
          <select name="verified" value={form.verified} onChange={set('verified')}>
            <option value="">any</option>
            <option value="true">verified only</option>
            <option value="false">not verified</option>
          </select>
        </label>
        <label>
          Sort by
          <select name="sort" value={form.sort} onChange={set('sort')}>
            <option value="">followers (default)</option>
            {SORTS.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
        <label>
          Order
          <select name="order" value={form.order} onChange={set('order')}>
            <option value="">descending</option>
            <option value="asc">ascending</option>
          </select>
        </label>
        <label>
          Per page
          <select name="limit" value={form.limit} onChange={set('limit')}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n === '20' ? '' : n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <div class="actions">
          <button type="submit">Search</button>
          <a href="/search" class="link" onClick={() => setForm(filtersOf(new URLSearchParams()))}>
            Reset
          </a>
        </div>
      </form>
      <Section
        title="Results"
        id="results"
        aside={<ExportLinks path={SEARCH_PATH} params={asked} what="matching creators" />}
      >
        <CompareBar chosen={chosen} clear={() => setChosen(new Set())} />
        <Answer api={results} what="creators">
          {(creators, answer) => (
            <>
              <CreatorTable
                creators={creators}
                firstRank={
                  answer.pagination ? (answer.pagination.page - 1) * answer.pagination.limit + 1 : 1
                }
                select={{ chosen, toggle }}
              />
              {answer.pagination ? (
                <Pager
                  pagination={answer.pagination}
                  hrefFor={(p) => pageUrl('/search', { ...applied, page: p === 1 ? '' : p })}
                />
              ) : null}
            </>
          )}
        </Answer>
      </Section>
    </>
  )
}
