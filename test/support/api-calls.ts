/** GET helpers of the API tests: raw answer, a 200 body, and an error checked against the Error format. */
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'

export interface ErrorBody {
  error: { code: string; message: string; docs: string }
  meta: { request_id: string }
}

/** `app` is read at call time: suites build their app in `before`. */
export function apiCalls(app: () => FastifyInstance) {
  const get = async <T>(url: string): Promise<{ status: number; body: T }> => {
    const res = await app().inject({ method: 'GET', url: `/api/v1${url}` })
    return { status: res.statusCode, body: res.json<T>() }
  }
  const ok = async <T>(url: string): Promise<T> => {
    const res = await get<T>(url)
    assert.equal(res.status, 200, `${url}: ${JSON.stringify(res.body).slice(0, 300)}`)
    return res.body
  }
  /** A `status` answer in the Error format whose message mentions each of `mentions`. */
  const failing = async (url: string, status: number, ...mentions: string[]) => {
    const res = await get<ErrorBody>(url)
    assert.equal(res.status, status, `${url}: ${JSON.stringify(res.body).slice(0, 300)}`)
    assert.equal(res.body.error.code, status === 404 ? 'not_found' : 'invalid_request')
    assert.ok(res.body.error.docs)
    assert.ok(res.body.meta.request_id)
    for (const m of mentions) {
      assert.ok(res.body.error.message.includes(m), `${url}: ${res.body.error.message}`)
    }
  }
  return { get, ok, failing }
}
