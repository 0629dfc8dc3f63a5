/** A page's API request as component state: loading, the answer, or the failure. */
import { useEffect, useState } from 'preact/hooks'
import { ApiFailure, apiGet, apiUrl, type Envelope, forgetAnswers, type Params } from './api.js'

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'ok'; answer: Envelope<T> }
  | { status: 'error'; failure: ApiFailure }
  /** Not asked (the page has no input yet). */
  | { status: 'idle' }

export interface ApiState<T> {
  state: Loaded<T>
  /** Asks again, bypassing the kept answers. */
  reload: () => void
}

/** GETs `path` with `params` whenever they change; `path` null: nothing to ask yet. */
export function useApi<T>(path: string | null, params: Params = {}): ApiState<T> {
  const url = path === null ? null : apiUrl(path, params)
  const [attempt, setAttempt] = useState(0)
  const [state, setState] = useState<Loaded<T>>(
    url === null ? { status: 'idle' } : { status: 'loading' },
  )
  // `url` stands for path and params (a new params object each render, the same URL).
  useEffect(() => {
    if (path === null) {
      setState({ status: 'idle' })
      return
    }
    let current = true
    setState({ status: 'loading' })
    apiGet<T>(path, params).then(
      (answer) => current && setState({ status: 'ok', answer }),
      (error: unknown) => {
        if (!current) return
        const failure =
          error instanceof ApiFailure ? error : new ApiFailure(0, 'client', String(error), null)
        setState({ status: 'error', failure })
      },
    )
    return () => {
      current = false
    }
  }, [url, attempt])
  return {
    state,
    reload: () => {
      forgetAnswers()
      setAttempt((n) => n + 1)
    },
  }
}
