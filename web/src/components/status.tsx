/** Loading and failure states of an API request, including a rate limit's wait and API-key form. */
import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { type ApiFailure, storeApiKey, storedApiKey } from '../api.js'
import type { ApiState } from '../use-api.js'

export function Loading({ what }: { what?: string }) {
  return (
    <p class="status loading" aria-busy="true">
      Loading{what ? ` ${what}` : ''}…
    </p>
  )
}

/** The API key field: kept in this browser (localStorage), sent with every request after. */
export function ApiKeyForm({ onSaved }: { onSaved: () => void }) {
  const [key, setKey] = useState(storedApiKey() ?? '')
  return (
    <form
      class="api-key"
      onSubmit={(e) => {
        e.preventDefault()
        storeApiKey(key)
        onSaved()
      }}
    >
      <label>
        API key (kept in this browser only)
        <input
          type="password"
          autocomplete="off"
          placeholder="tok_…"
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
      </label>
      <button type="submit">Use key</button>
    </form>
  )
}

/**
 * Counts down `Retry-After`, then asks again by itself. The API's message is shown as it is: it
 * is one sentence that already says what was exceeded, for whom and when to retry.
 */
function RateLimited({ failure, retry }: { failure: ApiFailure; retry: () => void }) {
  const [left, setLeft] = useState(failure.retryAfter ?? 60)
  useEffect(() => {
    if (left <= 0) {
      retry()
      return
    }
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000)
    return () => clearTimeout(timer)
  }, [left, retry])
  return (
    <div class="status failure rate-limited" role="alert">
      <p class="rate-limit-message">{failure.message}</p>
      <p class="countdown">This page asks again by itself in {left} s.</p>
      <p class="hint">
        Visitors without an API key share a small budget per address; an API key (
        <code>toklytics keys create</code>) raises it.
      </p>
      <ApiKeyForm onSaved={retry} />
    </div>
  )
}

export function Failure({ failure, retry }: { failure: ApiFailure; retry: () => void }) {
  if (failure.status === 429) return <RateLimited failure={failure} retry={retry} />
  if (failure.status === 404) {
    return (
      <div class="status not-found" role="alert">
        <p>{failure.message}</p>
        <p>
          <a href="/search">Search creators</a> · <a href="/">Home</a>
        </p>
      </div>
    )
  }
  return (
    <div class="status failure" role="alert">
      <p>
        {failure.status === 0 ? '' : `${failure.status}: `}
        {failure.message}
      </p>
      {failure.status === 401 ? <ApiKeyForm onSaved={retry} /> : null}
      <button type="button" onClick={retry}>
        Try again
      </button>
    </div>
  )
}

/** Renders `children` with the answer once it is there; loading and failure states otherwise. */
export function Answer<T>({
  api,
  what,
  children,
}: {
  api: ApiState<T>
  what?: string
  children: (
    data: T,
    answer: Extract<ApiState<T>['state'], { status: 'ok' }>['answer'],
  ) => ComponentChildren
}) {
  const { state } = api
  switch (state.status) {
    case 'idle':
      return null
    case 'loading':
      return <Loading what={what} />
    case 'error':
      return <Failure failure={state.failure} retry={api.reload} />
    case 'ok':
      return <>{children(state.answer.data, state.answer)}</>
  }
}
