/** Checks an answer against the served contract: the response schema of its operation and status. */
import assert from 'node:assert/strict'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import { loadOpenApiDocument } from '../../src/contract/openapi-document.js'

const pointer = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1')

export function contractAnswers() {
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema(loadOpenApiDocument(), 'doc')
  const validators = new Map<string, ValidateFunction>()
  /** `path` as the contract writes it (`/watchlists/{id}`), `method` in lower case. */
  return (method: string, path: string, status: number, body: unknown) => {
    const ref = `doc#/paths/${pointer(path)}/${method}/responses/${status}/content/application~1json/schema`
    let validate = validators.get(ref)
    if (validate === undefined) {
      validate = ajv.compile({ $ref: ref })
      validators.set(ref, validate)
    }
    assert.ok(validate(body), `${method} ${path} ${status}: ${ajv.errorsText(validate.errors)}`)
  }
}
