/** The planner's CSV (web/src/csv.ts): RFC 4180 quoting that survives any text, and no formulas. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { csvField, Fixed, toCsv } from '../web/src/csv.js'

/** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF between records. */
function readCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let i = 0
  while (i < text.length) {
    if (text[i] === '"') {
      i++
      for (;;) {
        const end = text.indexOf('"', i)
        assert.ok(end >= 0, 'an opened quote is closed')
        field += text.slice(i, end)
        i = end + 1
        if (text[i] !== '"') break
        field += '"'
        i++
      }
    }
    const ch = text[i]
    if (ch === ',') {
      record.push(field)
      field = ''
      i++
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i += 2
    } else if (ch === undefined) {
      break
    } else {
      assert.ok(ch !== '"' && ch !== '\r' && ch !== '\n', `bare ${JSON.stringify(ch)} in a field`)
      field += ch
      i++
    }
  }
  assert.equal(field, '')
  assert.deepEqual(record, [], 'the last record ends with CRLF')
  return records
}

/** What a cell reads back as: text that would start a formula gets a leading apostrophe. */
const readBack = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)

describe('roster CSV', () => {
  it('quotes only what needs quoting', () => {
    assert.equal(csvField('plain'), 'plain')
    assert.equal(csvField('a,b'), '"a,b"')
    assert.equal(csvField('say "hi"'), '"say ""hi"""')
    assert.equal(csvField('two\nlines'), '"two\nlines"')
    assert.equal(csvField(null), '')
    assert.equal(csvField(undefined), '')
    assert.equal(csvField(2073.5), '2073.5')
    assert.equal(csvField(-3), '-3', 'numbers are numbers')
  })

  it('writes money with its cents', () => {
    assert.equal(csvField(new Fixed(9770.5, 2)), '9770.50')
    assert.equal(csvField(new Fixed(43, 2)), '43.00')
    assert.equal(csvField(new Fixed(-0.1, 2)), '-0.10', 'a number, not text to defuse')
  })

  it('keeps spreadsheet formulas from running', () => {
    assert.equal(csvField('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`)
    assert.equal(csvField('+1'), "'+1")
    assert.equal(csvField('-DJ-'), "'-DJ-")
    assert.equal(csvField('@me'), "'@me")
  })

  it('reads back every text, line breaks, quotes, commas and emoji included', () => {
    const cell = fc.string({ unit: 'binary', maxLength: 30 })
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 8 }),
        (rows) => {
          const text = toCsv(['a', 'b', 'c'], rows)
          assert.deepEqual(readCsv(text), [['a', 'b', 'c'], ...rows.map((r) => r.map(readBack))])
        },
      ),
      { numRuns: 300 },
    )
  })
})
