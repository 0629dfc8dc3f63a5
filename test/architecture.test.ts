/** The import direction of docs/DESIGN.md, read from the code by dependency-cruiser. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { cruise, type ICruiseResult } from 'dependency-cruiser'
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options'

const CONFIG = fileURLToPath(new URL('../.dependency-cruiser.mjs', import.meta.url))

describe('architecture', () => {
  it('imports run one way: adapters → operations → queries / ingest / admin → domain / db', async () => {
    const options = await extractDepcruiseOptions(CONFIG)
    const { output } = await cruise(['src', 'extension/src', 'web/src'], options)
    const result = output as ICruiseResult
    // The rules saw the whole tree and were all loaded (else every rule passes vacuously).
    assert.ok(result.summary.totalCruised > 300, `only ${result.summary.totalCruised} modules`)
    assert.ok((result.summary.ruleSetUsed?.forbidden?.length ?? 0) >= 12)
    const broken = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)
    assert.deepEqual(broken, [])
  })
})
