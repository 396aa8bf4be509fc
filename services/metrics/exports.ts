import type { Kysely } from 'kysely'
import { badField } from '../shared/errors.ts'

/**
 * The read models analytics may pull whole (docs/analytics.md), with the columns exported in
 * order and the key that orders them: no table here holds a pair's text.
 */
export const EXPORTS = {
  metrics_weekly: {
    columns: [
      'mentorship_id',
      'week_of',
      'check_in',
      'submitted_at',
      'first_reply_hours',
      'questions_blocking',
      'questions_this_week',
      'questions_can_wait',
      'answered_within_window',
      'answered_late',
      'goals_done',
      'calls_held',
      'calls_skipped',
    ],
    key: ['week_of', 'mentorship_id'],
  },
} as const

export type ExportName = keyof typeof EXPORTS
export const isExport = (name: string): name is ExportName => Object.hasOwn(EXPORTS, name)

export const MAX_EXPORT_ROWS = 50_000

const cursorOf = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url')

function decodeCursor(cursor: string, length: number): string[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString())
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((v) => typeof v === 'string' && v.length < 100)
    )
      return values as string[]
  } catch {
    // refused below
  }
  throw badField('after', 'is not a cursor from this export')
}

/**
 * A page of an export in key order, after `after` (the `Trellis-Next-After` of the page before):
 * a pipeline pulls until no cursor comes back, and later pulls only what followed.
 */
export async function exportPage(db: Kysely<any>, name: ExportName, after: string | null, limit: number) {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_EXPORT_ROWS)
    throw badField('limit', `must be 1 to ${MAX_EXPORT_ROWS}`)
  const { columns, key } = EXPORTS[name]
  let query = db.selectFrom(name).select([...columns])
  if (after) {
    const [week, mentorship] = decodeCursor(after, key.length)
    query = query.where((eb) =>
      eb.or([
        eb('week_of', '>', week),
        eb.and([eb('week_of', '=', week), eb('mentorship_id', '>', mentorship)]),
      ]),
    )
  }
  const rows = await query
    .orderBy('week_of')
    .orderBy('mentorship_id')
    .limit(limit + 1)
    .execute()
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    columns: [...columns] as string[],
    rows: page.map((row) => Object.fromEntries(columns.map((c) => [c, plain(row[c])]))),
    next: rows.length > limit && last ? cursorOf(key.map((k) => String(last[k]))) : null,
  }
}

function plain(value: unknown) {
  return value instanceof Date ? value.toISOString() : value
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvLine(values: readonly unknown[]) {
  return values
    .map((v) => {
      const text = v === null || v === undefined ? '' : String(v)
      return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
    })
    .join(',')
}
