import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { isStorableText, parseInput, text } from './validation.ts'

// Node 20 has it; TypeScript's ES2022 library does not declare it yet.
const wellFormed = (s: string) => (s as unknown as { isWellFormed(): boolean }).isWellFormed()

describe('text the store can hold', () => {
  it('is exactly the well-formed UTF-16 without NUL', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
        (a, b) => {
          for (const s of [a, b, a + b])
            expect(isStorableText(s)).toBe(!s.includes('\u0000') && wellFormed(s))
        },
      ),
    )
  })

  it.each([
    ['a NUL', 'a\u0000b', false],
    ['a high surrogate alone', 'x\ud83d', false],
    ['a low surrogate alone', '\ude00x', false],
    ['a surrogate pair', 'ok 😀', true],
    ['nothing', '', true],
  ])('%s: storable is %s', (_, value, storable) => {
    expect(isStorableText(value)).toBe(storable)
  })

  it('a refused string is BAD_USER_INPUT naming its field, and text() still chains like a string', () => {
    const schema = z.object({ name: text().trim().min(1) })
    expect(parseInput(schema, { name: '  Maya ' })).toEqual({ name: 'Maya' })
    expect(() => parseInput(schema, { name: 'Ma\u0000ya' })).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        fields: [expect.objectContaining({ field: 'input.name' })],
      }),
    )
  })
})
