import { sql, type Expression, type Kysely, type SelectQueryBuilder } from 'kysely'
import { DateTime } from 'luxon'
import { badField } from '../shared/errors.ts'
import { isUuid } from '../shared/ids.ts'

/**
 * What a key column holds, which decides how its cursor value is written, checked and cast back:
 * a forged cursor must be refused here, since a value PostgreSQL cannot cast would fail the query.
 */
export type KeyType = 'uuid' | 'timestamptz' | 'isoDate' | 'code'

export interface ExportTable {
  /** The exported columns, in order; none may hold a pair's text (docs/analytics.md). */
  readonly columns: readonly string[]
  /** Columns whose values, together, are unique and never change once a row exists. */
  readonly key: ReadonlyArray<readonly [column: string, type: KeyType]>
  /** The rows, selecting at least every column and key column by name. */
  readonly source: (db: Kysely<any>) => SelectQueryBuilder<any, any, any>
}

export interface KeysetPage {
  columns: string[]
  rows: Array<Record<string, unknown>>
  /** The cursor after this page's last row; null when nothing follows. */
  next: string | null
}

const SQL_TYPE: Record<KeyType, string> = {
  uuid: 'uuid',
  timestamptz: 'timestamptz',
  isoDate: 'text',
  code: 'text',
}

const MAX_CURSOR = 2000

/**
 * One page of a table in key order, after the row whose key `after` encodes. The comparison is
 * PostgreSQL's row comparison, `(a, b) > (x, y)`, which is lexicographic and uses each column's own
 * type, so ties on the first column are broken by the next, as `order by a, b` breaks them.
 */
export async function keysetPage(
  db: Kysely<any>,
  name: string,
  table: ExportTable,
  after: unknown,
  limit: number,
): Promise<KeysetPage> {
  // An empty `after` is the start, so a shell loop may begin with an empty saved cursor.
  const from =
    after === null || after === undefined || after === '' ? null : decodeKeyCursor(after, name, table.key)
  const keyRef = (column: string) => sql.ref(`t.${column}`)
  let query = db
    .selectFrom(table.source(db).as('t'))
    .select(table.columns.map((c) => `t.${c}`))
    .select(table.key.map(([column, type], i) => keyText(keyRef(column), type).as(`key_${i}`)))
  if (from) {
    const columns = sql.join(table.key.map(([column]) => keyRef(column)))
    const values = sql.join(from.map((v, i) => sql`cast(${v} as ${sql.raw(SQL_TYPE[table.key[i]![1]])})`))
    query = query.where(sql<boolean>`(${columns}) > (${values})`)
  }
  for (const [column] of table.key) query = query.orderBy(keyRef(column))
  const rows = await query.limit(limit + 1).execute()
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    columns: [...table.columns],
    rows: page.map((row) => Object.fromEntries(table.columns.map((c) => [c, plain(row[c])]))),
    next:
      rows.length > limit && last
        ? keyCursor(
            name,
            table.key.map((_, i) => String(last[`key_${i}`])),
          )
        : null,
  }
}

/**
 * A key value as text that casts back to the same value: instants to the microsecond in UTC
 * (a JS Date keeps milliseconds only, and a cursor that rounded would repeat or skip a row).
 */
function keyText(ref: Expression<unknown>, type: KeyType) {
  return type === 'timestamptz'
    ? sql<string>`to_char(${ref} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
    : sql<string>`cast(${ref} as text)`
}

/** Instants leave as ISO-8601 UTC, whichever driver read them. */
function plain(value: unknown) {
  return value instanceof Date ? value.toISOString() : value
}

/** The export's name and the last row's key values: a cursor from another export is refused. */
export const keyCursor = (name: string, values: readonly string[]) =>
  Buffer.from(JSON.stringify([name, ...values])).toString('base64url')

export function decodeKeyCursor(cursor: unknown, name: string, key: ExportTable['key']): string[] {
  const refuse = () => badField('after', 'is not a cursor from this export')
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR) throw refuse()
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString())
  } catch {
    throw refuse()
  }
  if (!Array.isArray(decoded) || decoded.length !== key.length + 1 || decoded[0] !== name) throw refuse()
  const values = decoded.slice(1)
  if (!values.every((v, i) => typeof v === 'string' && isKeyValue(v, key[i]![1]))) throw refuse()
  return values as string[]
}

const INSTANT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.(\d{3})\d{3}Z$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
/** Enum-like text (a kind, a quarter): all a text key here ever holds, and nothing SQL trips on. */
const CODE = /^[A-Za-z0-9_-]{1,100}$/

function isKeyValue(value: string, type: KeyType): boolean {
  switch (type) {
    case 'uuid':
      return isUuid(value)
    case 'isoDate':
      return DATE.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid
    case 'code':
      return CODE.test(value)
    case 'timestamptz': {
      const match = INSTANT.exec(value)
      // Luxon reads milliseconds; the microseconds' digits are checked by the pattern.
      return (
        match !== null &&
        Number(match[1]) > 0 &&
        DateTime.fromISO(value.slice(0, 23) + 'Z', { zone: 'utc' }).isValid
      )
    }
  }
}
