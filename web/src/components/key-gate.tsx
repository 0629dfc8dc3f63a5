/**
 * Shows its children only with an API key stored in this browser: watchlists and alerts belong
 * to a key, so without one the page says so and offers the key field instead of a 401.
 */
import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { storedApiKey } from '../api.js'
import { ApiKeyForm } from './status.js'

export function KeyGate({ children }: { children: ComponentChildren }) {
  const [hasKey, setHasKey] = useState(() => storedApiKey() !== null)
  if (hasKey) return <>{children}</>
  return (
    <div class="status key-needed" data-testid="key-needed">
      <p>
        Watchlists and their alerts belong to an API key: each key sees and manages its own lists.
        Enter yours to see them; it is kept in this browser only and sent with each request.
      </p>
      <p class="hint">
        The server's operator makes keys with <code>toklytics keys create --name NAME</code>.
      </p>
      <ApiKeyForm onSaved={() => setHasKey(storedApiKey() !== null)} />
    </div>
  )
}
