import { badField } from './errors.ts'
import { isUuid } from './ids.ts'

/** A keyset cursor: an instant and an id, the order most lists here are sorted by. */
export function instantCursor(at: Date | string, id: string) {
  return Buffer.from(`${new Date(at).toISOString()}|${id}`).toString('base64url')
}

/** Exactly what `instantCursor` writes: anything else would reach SQL as a half-valid instant. */
export function decodeInstantCursor(cursor: string): [string, string] {
  const parts = Buffer.from(cursor, 'base64url').toString().split('|')
  const [at, id] = parts
  const instant =
    at !== undefined &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(at) &&
    !Number.isNaN(Date.parse(at)) &&
    new Date(at).toISOString() === at
  if (parts.length !== 2 || !instant || id === undefined || !isUuid(id)) {
    throw badField('after', 'is not a cursor from this list')
  }
  return [at, id]
}

/** PostgreSQL's bigint: a larger position would fail the query instead of being refused. */
const MAX_POSITION = 2n ** 63n - 1n

/** An `after:` cursor that is an event's position: one the store could have written. */
export function parsePositionCursor(after: string | null | undefined, list = 'this feed'): string | null {
  if (after === null || after === undefined) return null
  if (!/^\d{1,19}$/.test(after) || BigInt(after) > MAX_POSITION) {
    throw badField('after', `is not a cursor from ${list}`)
  }
  return after
}
