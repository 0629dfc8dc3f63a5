/** One form's write to the API as component state: busy while sending, the failure to show by it. */
import { useState } from 'preact/hooks'
import { ApiFailure } from './api.js'

export interface SendState {
  busy: boolean
  /** The last attempt's failure (cleared when the next one starts). */
  failure: ApiFailure | null
  /** Runs `work` (the API call and what follows it); true when it succeeded. */
  run: (work: () => Promise<unknown>) => Promise<boolean>
}

export function useSend(): SendState {
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<ApiFailure | null>(null)
  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true)
    setFailure(null)
    try {
      await work()
      return true
    } catch (error) {
      setFailure(
        error instanceof ApiFailure ? error : new ApiFailure(0, 'client', String(error), null),
      )
      return false
    } finally {
      setBusy(false)
    }
  }
  return { busy, failure, run }
}
