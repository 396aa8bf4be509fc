import { DateTime } from 'luxon'
import { badField } from '../shared/errors.ts'

/**
 * A `checkIns(after:)` cursor is a week's Monday, YYYY-MM-DD. The date must exist: `2026-13-45`
 * compares like a date as a string, so without this it would be accepted as a cursor.
 */
export function parseWeekCursor(after: string | null | undefined): string | null {
  if (after === null || after === undefined) return null
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(after) && DateTime.fromISO(after, { zone: 'utc' }).isValid
  if (!valid) throw badField('after', 'is not a cursor from this list')
  return after
}
