/** Who owns watchlists, alert rules and webhooks: an API key, or the operator of the server. */

export interface Owner {
  /** The API key's id, or OPERATOR_ID. */
  id: string
  /** Admin keys and the operator see and manage everyone's. */
  admin: boolean
}

/** The CLI and a local (stdio) MCP session act as the server's operator. */
export const OPERATOR_ID = 'operator'
export const OPERATOR: Owner = { id: OPERATOR_ID, admin: true }
