/** Why a webhook request was refused, for the adapters to answer as 400 or 404. */

export class WebhookRefusal extends Error {
  constructor(
    readonly kind: 'invalid' | 'not_found',
    message: string,
  ) {
    super(message)
  }
}

export const webhookNotFound = (id: string) => new WebhookRefusal('not_found', `No webhook ${id}.`)
export const invalidField = (field: string, problem: string) =>
  new WebhookRefusal('invalid', `Invalid body field '${field}': ${problem}.`)
