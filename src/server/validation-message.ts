/** Turns Ajv's validation errors on a request into one message that names the parameter. */

export interface ValidationIssue {
  instancePath: string
  message?: string | undefined
  keyword: string
  params: Record<string, unknown>
}

const WHERE: Record<string, string> = {
  querystring: 'query parameter',
  params: 'path parameter',
  body: 'body field',
  headers: 'header',
}

/** e.g. "Invalid query parameter 'sort': must be one of followers, likes, videos, recent." */
export function validationMessage(
  context: string | undefined,
  issues: readonly ValidationIssue[],
): string {
  const issue = issues[0]
  const where = WHERE[context ?? ''] ?? 'parameter'
  if (!issue) return `Invalid ${where}.`
  if (issue.keyword === 'required') {
    return `Missing required ${where} '${String(issue.params.missingProperty)}'.`
  }
  const name = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || 'value'
  const allowed = issue.params.allowedValues
  const rule = Array.isArray(allowed)
    ? `must be one of ${allowed.join(', ')}`
    : (issue.message ?? 'is invalid')
  return `Invalid ${where} '${name}': ${rule}.`
}
