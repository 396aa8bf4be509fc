import { describe, expect, it } from 'vitest'
import { parseWeekCursor } from './cursor.ts'

describe('week cursors', () => {
  it('a week’s date is a cursor; no cursor is the first page', () => {
    expect(parseWeekCursor('2026-11-16')).toBe('2026-11-16')
    expect(parseWeekCursor(null)).toBeNull()
    expect(parseWeekCursor(undefined)).toBeNull()
  })

  it.each(['2026-13-45', '2026-02-30', '2026-11-1', '2026-11-16T00:00', 'abc', '', '2026-11-16\u0000'])(
    'a date that does not exist or is not YYYY-MM-DD is refused naming after: %j',
    (cursor) => {
      expect(() => parseWeekCursor(cursor)).toThrow(
        expect.objectContaining({
          code: 'BAD_USER_INPUT',
          fields: [expect.objectContaining({ field: 'after' })],
        }),
      )
    },
  )
})
