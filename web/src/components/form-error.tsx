/** A write's failure shown by the form that caused it: the API's message names the field. */
import type { ApiFailure } from '../api.js'

export function FormError({ failure }: { failure: ApiFailure | null }) {
  if (failure === null) return null
  return (
    <p class="form-error" role="alert">
      {failure.status === 0 ? '' : `${failure.status}: `}
      {failure.message}
    </p>
  )
}
