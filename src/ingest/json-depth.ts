/** Measures how deep a JSON value nests, without recursion (hostile input must not blow the stack). */

/** True when `value` nests deeper than `limit` arrays/objects. */
export function exceedsDepth(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]]
  while (stack.length > 0) {
    const top = stack.pop()
    if (top === undefined) break
    const [node, depth] = top
    if (node === null || typeof node !== 'object') continue
    if (depth > limit) return true
    const children = Array.isArray(node) ? node : Object.values(node)
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1])
    }
  }
  return false
}
