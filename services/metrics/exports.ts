import type { Kysely } from 'kysely'
import { badField } from '../shared/errors.ts'
import { EXPORTS } from './exportTables.ts'
import { keysetPage, type KeysetPage } from './keyset.ts'

export { EXPORTS }
export type ExportName = keyof typeof EXPORTS
export const isExport = (name: string): name is ExportName => Object.hasOwn(EXPORTS, name)

/** A page of a file export (`?limit=`). */
export const MAX_EXPORT_ROWS = 50_000
/** A page of the `projection` query (`first:`): the answer is one JSON document held in memory. */
export const MAX_PROJECTION_ROWS = 10_000

/**
 * A page of an export in key order, after `after` (the `Trellis-Next-After` of the page before, or
 * the `nextAfter` of the query): a pipeline pulls until no cursor comes back, and later pulls only
 * what followed. `limitField` names the argument a bad size is reported against.
 */
export function exportPage(
  db: Kysely<any>,
  name: ExportName,
  after: unknown,
  limit: number,
  { limitField = 'limit', maxRows = MAX_EXPORT_ROWS } = {},
): Promise<KeysetPage> {
  if (!Number.isInteger(limit) || limit < 1 || limit > maxRows)
    throw badField(limitField, `must be 1 to ${maxRows}`)
  return keysetPage(db, name, EXPORTS[name], after, limit)
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
