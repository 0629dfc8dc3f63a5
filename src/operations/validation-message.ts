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
  /** The contract's description of a parameter: it states a pattern's rule in words. */
  describe: (name: string) => string | undefined = () => undefined,
): string {
  const issue = issues[0]
  const where = WHERE[context ?? ''] ?? 'parameter'
  if (!issue) return `Invalid ${where}.`
  if (issue.keyword === 'required') {
    return `Missing required ${where} '${String(issue.params.missingProperty)}'.`
  }
  const name = issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || 'value'
  const allowed = issue.params.allowedValues
  // A pattern's own text says nothing to a person: the parameter's description states the rule.
  const described = issue.keyword === 'pattern' ? describe(name) : undefined
  const rule = Array.isArray(allowed)
    ? `must be one of ${allowed.join(', ')}`
    : described !== undefined
      ? `must be ${described}`
      : (issue.message ?? 'is invalid')
  return `Invalid ${where} '${name}': ${rule}.`
}
