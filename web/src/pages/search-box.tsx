/** The quick creator search of the home page (a name, a bio word or a niche such as "fitness"). */
import { useState } from 'preact/hooks'
import { navigate, pageUrl } from '../router.js'

export function SearchBox() {
  const [q, setQ] = useState('')
  return (
    <form
      class="search-box"
      action="/search"
      method="get"
      onSubmit={(e) => {
        e.preventDefault()
        navigate(pageUrl('/search', { q }))
      }}
    >
      <input
        type="search"
        name="q"
        aria-label="Search creators"
        placeholder="Search creators: a name, a bio word or a niche (fitness, #gymtok)…"
        value={q}
        onInput={(e) => setQ(e.currentTarget.value)}
      />
      <button type="submit">Search</button>
    </form>
  )
}
